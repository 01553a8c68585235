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
        String reply = step.getValue();
        if (!capture.ordered() && Terminal.stripTerminator(step.getKey()).isBlank()
            && !reply.startsWith("\r") && !reply.startsWith("\n")) {
          // the echo of an empty line, which the recorder does not keep and a device sends
          reply = Terminal.newline(capture.commands().stream().map(Map.Entry::getValue).toList()) + reply;
        }
        expected.append(reply);
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
