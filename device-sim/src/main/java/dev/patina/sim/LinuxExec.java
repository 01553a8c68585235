package dev.patina.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;

/** One exec request on a simulated Linux host. */
final class LinuxExec extends SessionCommand {
  private final LinuxCommands commands;
  private final Faults faults;
  private final String line;
  private final Journal journal;

  LinuxExec(LinuxCommands commands, Faults faults, String line, Journal journal) {
    this.commands = commands;
    this.faults = faults;
    this.line = line;
    this.journal = journal;
  }

  @Override
  protected int run(ChannelSession channel, Environment env) throws IOException {
    journal.add(Received.Kind.EXEC, line);
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status = commands.run(line, stdout, stderr);
    FaultyOutput output = new FaultyOutput(out, faults, channel);
    output.reply("");
    output.beginReply(line, stdout.size());
    output.write(stdout.toByteArray());
    output.holdIfStalled();
    if (stderr.size() > 0) {
      err.write(stderr.toByteArray());
      err.flush();
    }
    return status;
  }
}
