package dev.patina.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Patina and RANCID side by side on the same simulated devices, each run as its user runs it:
 * {@code patina run} as a new process (a cold JVM, as from cron), and RANCID's own per-device
 * collector ({@code rancid -t cisco}, which drives {@code clogin} over OpenSSH) under
 * {@code rancid_par}, as {@code rancid-run} does, at RANCID's default parallelism (5) and at
 * Patina's (64). Needs Debian's rancid and openssh-client; says so and skips otherwise.
 */
final class RancidBench {
  private static final Path RANCID_BIN = Path.of("/usr/lib/rancid/bin");

  private RancidBench() {}

  static void run(int n, Table table) throws Exception {
    if (!Files.isExecutable(RANCID_BIN.resolve("rancid")) || !onPath("rancid_par") || !onPath("ssh")) {
      table.row("rancid side by side", "not run: install Debian's rancid and openssh-client (apt-get install rancid "
          + "openssh-client), then bench/run rancid");
      return;
    }
    try (SimProcess sims = SimProcess.start(n, 2000, false)) {
      Path dir = Files.createTempDirectory("patina-bench-rancid");
      List<SimProcess.Endpoint> devices = sims.devices();
      StringBuilder ssh = new StringBuilder();
      StringBuilder list = new StringBuilder();
      for (int i = 0; i < devices.size(); i++) {
        ssh.append("Host bench-").append(i).append("\n  HostName ").append(devices.get(i).host())
            .append("\n  Port ").append(devices.get(i).port()).append('\n');
        list.append("bench-").append(i).append('\n');
      }
      ssh.append("Host *\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n  LogLevel ERROR\n");
      Files.writeString(dir.resolve("ssh_config"), ssh);
      Files.writeString(dir.resolve("devices.list"), list);
      Path cloginrc = dir.resolve("cloginrc");
      Files.writeString(cloginrc, "add user * patina\nadd password * patina patina\nadd method * ssh\n"
          + "add sshcmd * {{ssh -F " + dir.resolve("ssh_config") + "}}\n");
      Files.setPosixFilePermissions(cloginrc, PosixFilePermissions.fromString("rw-------"));

      Path patinaDir = Files.createDirectories(dir.resolve("patina"));
      Path config = FleetBench.writeConfig(patinaDir, devices, 64);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<Double> patina = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        Bench.deleteTree(patinaDir.resolve("repo"));
        List<String> command = new ArrayList<>(List.of(java));
        // the collector options ./patina gives the JVM (scripts/jdk.sh), passed on by bench/run
        for (String o : System.getProperty("patina.gc.opts", "").split(" ")) if (!o.isBlank()) command.add(o);
        command.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp",
            System.getProperty("java.class.path"), "dev.patina.app.Main", "--config", config.toString(), "run"));
        double s = time(patinaDir, command, null);
        patina.add(s);
      }
      table.row(String.format(Locale.ROOT, "rancid side by side, N=%d: patina run (new process, new repository, "
          + "concurrency 64): wall", n), Stats.of(patina).format("s"));
      for (int par : new int[] {5, 64}) {
        Path work = Files.createDirectories(dir.resolve("rancid-" + par));
        double s = time(work, List.of("rancid_par", "-q", "-n", Integer.toString(par), "-c",
            RANCID_BIN.resolve("rancid") + " -t cisco {}", dir.resolve("devices.list").toString()), cloginrc);
        long saved = 0;
        for (int i = 0; i < n; i++) {
          Path f = work.resolve("bench-" + i + ".new");
          if (Files.exists(f) && Files.readString(f, StandardCharsets.ISO_8859_1).contains("\nend")) saved++;
        }
        table.row(String.format(Locale.ROOT, "rancid side by side, N=%d: rancid -t cisco under rancid_par -n %d: wall",
            n, par), String.format(Locale.ROOT, "%.3f s (n=1), %d of %d configs saved", s, saved, n));
      }
      Bench.deleteTree(dir);
    }
  }

  /** Runs a command in {@code dir} and returns its wall time; fails on a non-zero exit. */
  private static double time(Path dir, List<String> command, Path cloginrc) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("output.log").toFile());
    pb.environment().put("PATH", RANCID_BIN + ":" + System.getenv("PATH"));
    if (cloginrc != null) pb.environment().put("CLOGINRC", cloginrc.toString());
    long t = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(30, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException(command.getFirst() + " ran longer than 30 minutes");
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": "
          + Files.readString(dir.resolve("output.log")).lines().limit(10).toList());
    }
    return seconds;
  }

  private static boolean onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(d, program))) return true;
    }
    return false;
  }
}
