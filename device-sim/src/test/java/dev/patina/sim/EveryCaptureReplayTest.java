package dev.patina.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EveryCaptureReplayTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  static Stream<Path> captures() {
    return Captures.everyFolder().stream();
  }

  @ParameterizedTest
  @MethodSource("captures")
  void sendingTheRecordedCommandsInOrderReplaysTheRecordingByteForByte(Path file) throws Exception {
    Capture capture = Capture.load(file);
    try (SimDevice device = SimDevice.replay(capture).start();
        SshTestClient client = SshTestClient.connect(device)) {
      SshTestClient.Shell shell = client.shell();
      StringBuilder expected = new StringBuilder(capture.initPrompt());
      assertTrue(shell.out().await(t -> t.length() >= expected.length(), WAIT));
      for (Map.Entry<String, String> step : capture.commands()) {
        if (shell.out().ended()) {
          break; // the device logged out (exit, logout + y)
        }
        if (ServedFiles.isRecordedFile(step.getKey())) {
          continue; // a file copied over SCP (APC config.ini), not typed
        }
        expected.append(step.getValue());
        shell.send(step.getKey());
        if (step.getValue().startsWith(Terminal.stripTerminator(step.getKey()) + "\nPassword: ")) {
          shell.send("enable-secret\n"); // the device asks before it shows the rest
        }
        String want = expected.toString();
        assertTrue(shell.out().await(t -> t.length() >= want.length(), WAIT),
            file.getFileName() + ": no complete reply to " + Capture.quote(step.getKey()));
      }
      assertEquals(expected.toString(), shell.out().text(), file.getFileName().toString());
    }
  }
}
