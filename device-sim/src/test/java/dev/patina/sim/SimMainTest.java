package dev.patina.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private SimDevice start(String... args) {
    return SimMain.start(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void aCaptureIsServedAndTheAddressPrinted() throws Exception {
    Path file = Captures.all().stream()
        .filter(p -> p.getFileName().toString().startsWith("ios#C9200L")).findFirst().orElseThrow();
    try (SimDevice device = start("--capture", file.toString(), "--user", "u", "--password", "p")) {
      assertNotNull(device, err.toString());
      assertEquals("listening on 127.0.0.1:" + device.port() + " (user u, password p)\n",
          out.toString(StandardCharsets.UTF_8));
      try (SshTestClient client = SshTestClient.connect(device)) {
        assertTrue(client.exec("show version").out().startsWith("Cisco IOS XE Software"));
      }
    }
  }

  @Test
  void aMissingCaptureFileIsNamedWithTheProblem() {
    assertNull(start("--capture", "/nonexistent/ios#x#simulation.yaml"));
    assertTrue(err.toString().contains("/nonexistent/ios#x#simulation.yaml: no such file"),
        err.toString());
  }

  @Test
  void aBrokenCaptureFileIsNamedWithLineAndProblem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ios#bad#simulation.yaml");
    Files.writeString(file, "init_prompt: x\ncommands: 42\n");
    assertNull(start("--capture", file.toString()));
    assertTrue(err.toString().contains(file + ":2: 'commands' must be a map or a list"),
        err.toString());
  }

  @Test
  void badUsageExplainsItself() {
    assertNull(start("--port", "99999", "--capture", "x"));
    assertTrue(err.toString().contains("--port must be a number from 0 to 65535, not '99999'"));
    err.reset();
    assertNull(start());
    assertTrue(err.toString().contains("give exactly one of --capture FILE or --linux DIR"));
    assertTrue(err.toString().contains("usage: patina-sim"));
  }

  @Test
  void aPortInUseIsExplained() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      Path file = Captures.all().get(0);
      assertNull(start("--capture", file.toString(), "--port", String.valueOf(taken.getLocalPort())));
      assertTrue(err.toString().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()),
          err.toString());
    }
  }

  @Test
  void runServesUntilTheCallingThreadIsInterrupted() throws Exception {
    Path file = Captures.all().get(0);
    java.io.PipedInputStream pipe = new java.io.PipedInputStream(64 * 1024);
    PrintStream print = new PrintStream(new java.io.PipedOutputStream(pipe), true,
        StandardCharsets.UTF_8);
    StreamCollector printed = new StreamCollector(pipe);
    java.util.concurrent.atomic.AtomicInteger status = new java.util.concurrent.atomic.AtomicInteger(-1);
    PrintStream stdout = System.out;
    System.setOut(print);
    Thread runner = new Thread(() -> status.set(SimMain.run(new String[] {"--capture",
        file.toString()})));
    int port;
    try {
      runner.start();
      assertTrue(printed.await(t -> t.endsWith(")\n"), java.time.Duration.ofSeconds(20)),
          printed.text());
      assertTrue(printed.text().startsWith("listening on 127.0.0.1:"), printed.text());
      port = Integer.parseInt(printed.text().replaceAll("(?s)listening on 127.0.0.1:(\\d+) .*",
          "$1"));
      new java.net.Socket("127.0.0.1", port).close();
    } finally {
      System.setOut(stdout);
      runner.interrupt();
      runner.join(20_000);
    }
    assertEquals(130, status.get(), "interrupted while serving");
    org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> new java.net.Socket("127.0.0.1", port).close(), "the device stopped");
  }

  @Test
  void helpIsNoError() throws Exception {
    assertEquals(0, SimMain.run(new String[] {"--help"}, new PrintStream(out, true,
        StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: patina-sim"));
  }

  @Test
  void aLinuxFolderIsServed(@TempDir Path root) throws Exception {
    Files.writeString(root.resolve("motd"), "hello\n");
    try (SimDevice device = start("--linux", root.toString())) {
      assertNotNull(device, err.toString());
      try (SshTestClient client = SshTestClient.connect(device)) {
        assertEquals("hello\n", client.exec("cat /motd").out());
      }
    }
  }

  private static ProcessBuilder java(String... args) {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SimMain.class.getName()));
    command.addAll(java.util.List.of(args));
    return new ProcessBuilder(command);
  }

  @Test
  void theCommandExitsWithStatusTwoOnABadCapture() throws Exception {
    Process process = java("--capture", "/nonexistent/ios#x#simulation.yaml")
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(2, process.exitValue());
    assertTrue(output.contains("/nonexistent/ios#x#simulation.yaml: no such file"), output);
  }

  @Test
  void theCommandRunsUntilStopped() throws Exception {
    Path file = Captures.all().get(0);
    Process process = java("--capture", file.toString()).start();
    try {
      var reader = new java.io.BufferedReader(
          new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = reader.readLine();
      assertTrue(line != null && line.matches(
          "listening on 127\\.0\\.0\\.1:\\d+ \\(user patina, password patina\\)"), line);
      assertTrue(process.isAlive());
    } finally {
      process.destroy();
      assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
    }
  }
}
