package dev.patina.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;

/** One exec request against a recording: the command's output without echo or prompt. */
final class ReplayExec extends SessionCommand {
  private final Replies replies;
  private final Faults faults;
  private final String command;
  private final Journal journal;

  ReplayExec(Replies replies, Faults faults, String command, Journal journal) {
    this.replies = replies;
    this.faults = faults;
    this.command = command;
    this.journal = journal;
  }

  @Override
  protected int run(ChannelSession channel, Environment env) throws IOException {
    journal.add(Received.Kind.EXEC, command);
    ReplaySession session = new ReplaySession(replies);
    ReplaySession.Answer answer = session.exec(command.strip());
    FaultyOutput output = new FaultyOutput(out, faults, channel);
    output.beginReply(command, answer.text().getBytes(StandardCharsets.UTF_8).length);
    output.reply(answer.text());
    output.holdIfStalled();
    return session.knows(command.strip()) ? 0 : 1;
  }
}
