package dev.patina.collector.ssh;

import dev.patina.collector.ArtifactSource;
import dev.patina.collector.CollectException;
import dev.patina.collector.FailureKind;
import dev.patina.collector.DeviceSession;
import dev.patina.collector.Model;
import java.util.Map;

/** The {@code command:} source. */
public final class CommandSource implements ArtifactSource {
  @Override
  public Map<String, String> read(DeviceSession s, String command) throws CollectException {
    return command(s, command);
  }

  /** A CLI command: over the logged-in shell, or one exec channel for exec models. */
  static Map<String, String> command(DeviceSession s, String command) throws CollectException {
    if (s.model().session() == Model.Session.EXEC) {
      return Map.of("", s.ssh().exec(command));
    }
    ShellSession shell = s.shell();
    shell.next(s.nextCommand()); // it confirms this reply's end at no extra round trip
    ShellSession.Reply reply = shell.run(command);
    String error = s.model().rejected(reply.lines());
    if (error != null) {
      throw new CollectException(FailureKind.COMMAND_FAILED, s.target().name() + ": \"" + command
          + "\" rejected: " + error.strip());
    }
    return Map.of("", String.join("\n", reply.lines()));
  }
}
