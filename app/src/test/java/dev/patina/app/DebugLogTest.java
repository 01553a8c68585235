package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A library's warning with its stack trace lands in the debug log, not on the engineer's terminal. */
class DebugLogTest {
  @TempDir Path dir;

  /** Run in a fresh JVM: configures the debug log as Main does, then logs as sshj does on a disconnect. */
  public static void main(String[] args) {
    DebugLog.configure(Map.of("PATINA_DEBUG_LOG", args[0]));
    org.slf4j.LoggerFactory.getLogger("net.schmizz.sshj.transport.TransportImpl")
        .warn("Dying because - Broken transport; encountered EOF", new java.io.IOException("EOF from the device"));
  }

  @Test
  void aLibraryWarningWithAStackTraceGoesToTheDebugLogAndNotToStderr() throws Exception {
    Path log = dir.resolve("state/patina/debug.log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), DebugLogTest.class.getName(), log.toString()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), err);
    assertEquals("", err, "nothing on the terminal");
    String text = Files.readString(log);
    assertTrue(text.contains("Dying because - Broken transport") && text.contains("java.io.IOException: EOF from the device")
        && text.contains("\tat "), text);
  }
}
