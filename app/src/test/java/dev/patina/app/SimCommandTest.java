package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.sim.SharedCaptures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import org.junit.jupiter.api.Test;

/** {@code patina sim} as the README writes it, through the real entry point in a child JVM. */
class SimCommandTest {
  private static final Path CAPTURE = SharedCaptures.file("ios#C9200L-24P-4G_17.09.04a#simulation.yaml");

  @Test
  void simWithCaptureAndPortAsTheReadmeWritesItServesTheRecordedDeviceOnThatPort() throws Exception {
    int port = freePort();
    Process sim = patina("sim", "--capture", CAPTURE.toString(), "--port", String.valueOf(port));
    try (BufferedReader out = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8))) {
      String first = out.readLine();
      assertEquals("listening on 127.0.0.1:" + port + " (user patina, password patina)", first);
      try (SSHClient ssh = new SSHClient()) {
        ssh.addHostKeyVerifier(new PromiscuousVerifier());
        ssh.connect("127.0.0.1", port);
        ssh.authPassword("patina", "patina");
        try (Session session = ssh.startSession()) {
          session.allocateDefaultPTY();
          Session.Shell shell = session.startShell();
          shell.getOutputStream().write("show version\n".getBytes(StandardCharsets.UTF_8));
          shell.getOutputStream().flush();
          String seen = readUntil(shell.getInputStream(), "Cisco IOS");
          assertTrue(seen.contains("Cisco IOS"), seen);
        }
      }
    } finally {
      sim.destroy();
      assertTrue(sim.waitFor(30, TimeUnit.SECONDS), "patina sim did not stop on SIGTERM");
    }
  }

  @Test
  void simWithAnUnknownArgumentSaysSoAndExitsWithStatusTwo() throws Exception {
    Process sim = patina("sim", "--capture", CAPTURE.toString(), "--prot", "2222");
    String out = new String(sim.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(sim.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, sim.exitValue(), out);
    assertTrue(out.contains("patina-sim: unknown argument '--prot'"), out);
  }

  /** {@code patina ARGS} as a child process of the test's JVM, output and errors merged. */
  private static Process patina(String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String readUntil(java.io.InputStream in, String wanted) throws IOException {
    StringBuilder seen = new StringBuilder();
    byte[] buf = new byte[4096];
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!seen.toString().contains(wanted) && System.nanoTime() < deadline) {
      int n = in.read(buf);
      if (n < 0) break;
      seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
    }
    return seen.toString();
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
