package dev.patina.bench;

import dev.patina.sim.Capture;
import dev.patina.sim.Fault;
import dev.patina.sim.SimDevice;
import dev.patina.sim.SimFleet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated devices of a benchmark, in a JVM of their own, so that the CPU time and heap
 * measured in the benchmark's JVM are Patina's (or the bare client's) alone, as they would be
 * against real devices. Both still share this machine's two cores with the simulators.
 *
 * <p>Child side ({@link #main}): {@code SimProcess DEVICES LINES SHARED} starts the fleet, prints
 * {@code device HOST PORT USER PASSWORD} per device and {@code ready}, then obeys lines on
 * standard input ({@code latency MS}, answered {@code ok}) until it closes.
 */
final class SimProcess implements AutoCloseable {
  /** Where one simulated device listens and how to log in. */
  record Endpoint(String host, int port, String username, String password) {}

  private final Process process;
  private final BufferedReader out;
  private final PrintStream in;
  private final List<Endpoint> devices;

  private SimProcess(Process process, BufferedReader out, PrintStream in, List<Endpoint> devices) {
    this.process = process;
    this.out = out;
    this.in = in;
    this.devices = devices;
  }

  /**
   * Starts {@code n} synthetic IOS devices with {@code lines}-line configs in a child JVM;
   * {@code shared}: all replay one config (small simulator heap for 10,000 devices).
   */
  /** The simulators' process, for its CPU time. */
  ProcessHandle handle() {
    return process.toHandle();
  }

  static SimProcess start(int n, int lines, boolean shared) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx3g", "-XX:+UseParallelGC",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp", System.getProperty("java.class.path"),
        SimProcess.class.getName(), Integer.toString(n), Integer.toString(lines), Boolean.toString(shared));
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    PrintStream in = new PrintStream(p.getOutputStream(), true, StandardCharsets.UTF_8);
    List<Endpoint> devices = new ArrayList<>(n);
    String line;
    while ((line = out.readLine()) != null && !line.equals("ready")) {
      String[] f = line.split(" ");
      if (f.length == 5 && f[0].equals("device")) devices.add(new Endpoint(f[1], Integer.parseInt(f[2]), f[3], f[4]));
    }
    if (line == null || devices.size() != n) {
      p.destroyForcibly();
      throw new IOException("the simulator process stopped after starting " + devices.size() + " of " + n + " devices");
    }
    return new SimProcess(p, out, in, List.copyOf(devices));
  }

  List<Endpoint> devices() {
    return devices;
  }

  /** Adds {@code latency} before every reply of every device (zero: none). */
  void latency(Duration latency) throws IOException {
    in.println("latency " + latency.toMillis());
    String ack = out.readLine();
    if (!"ok".equals(ack)) throw new IOException("the simulator process answered " + ack + " to latency");
  }

  @Override
  public void close() throws IOException {
    in.close();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    int lines = Integer.parseInt(args[1]);
    boolean shared = Boolean.parseBoolean(args[2]);
    Capture one = shared ? SyntheticIos.capture(0, lines, 0) : null;
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
    try (SimFleet fleet = SimFleet.start(n, i -> SimDevice.replay(shared ? one : SyntheticIos.capture(i, lines, 0)))) {
      for (SimDevice d : fleet.devices()) {
        out.println("device " + d.host() + " " + d.port() + " " + d.username() + " " + d.password());
      }
      out.println("ready");
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String cmd;
      while ((cmd = in.readLine()) != null) {
        if (cmd.startsWith("latency ")) {
          long ms = Long.parseLong(cmd.substring(8).trim());
          for (SimDevice d : fleet.devices()) d.fault(ms == 0 ? Fault.none() : Fault.slow(Duration.ofMillis(ms)));
          out.println("ok");
        } else {
          out.println("unknown command " + cmd);
        }
        out.flush();
      }
    }
  }
}
