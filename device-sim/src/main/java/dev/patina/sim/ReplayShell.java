package dev.patina.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;

/** An interactive shell that replays a recording: banner and prompt, then a reply per line. */
final class ReplayShell extends SessionCommand {
  private final Replies replies;
  private final Faults faults;
  private final int pageLines;
  private final boolean wrap;
  private final Journal journal;
  private boolean swallowLf;

  ReplayShell(Replies replies, Faults faults, int pageLines, boolean wrap, Journal journal) {
    this.replies = replies;
    this.faults = faults;
    this.pageLines = pageLines;
    this.wrap = wrap;
    this.journal = journal;
  }

  @Override
  protected int run(ChannelSession channel, Environment env) throws IOException {
    FaultyOutput output = new FaultyOutput(out, faults, channel);
    ReplaySession session = new ReplaySession(replies);
    Pager pager = new Pager(pageLines, replies.vendor());
    int columns = wrap ? columns(env) : 0;
    String nl = Terminal.newline(replies.snapshot().stream().map(e -> e.getValue()).toList());
    output.reply(session.start());
    while (true) {
      ReplaySession.Answer answer;
      if (session.waitingForKey()) {
        int key = readKey();
        if (key < 0) {
          return 0;
        }
        journal.add(Received.Kind.KEY, String.valueOf((char) key));
        answer = session.key();
        output.reply(answer.text());
      } else {
        String line = readLine();
        if (line == null) {
          return 0;
        }
        journal.add(session.waitingForPassword() ? Received.Kind.PASSWORD : Received.Kind.LINE,
            line);
        answer = session.line(line);
        String text = Wrap.toWidth(answer.text(), columns, nl);
        output.beginReply(line, text.getBytes(StandardCharsets.UTF_8).length);
        pager.send(line, text, output, this::pagerKey);
      }
      if (answer.close()) {
        return 0;
      }
    }
  }

  private int pagerKey() throws IOException {
    int key = readKey();
    if (key >= 0) {
      journal.add(Received.Kind.KEY, String.valueOf((char) key));
    }
    return key;
  }

  /** The pseudo-terminal's width (80 without a pty or a width). */
  private static int columns(Environment env) {
    try {
      int columns = Integer.parseInt(env.getEnv().getOrDefault(Environment.ENV_COLUMNS, "80"));
      return columns > 0 ? columns : 80;
    } catch (NumberFormatException e) {
      return 80;
    }
  }

  /** One keystroke (a CR swallows the LF that may follow it); -1 at end of input. */
  private int readKey() throws IOException {
    while (true) {
      int b = in.read();
      if (b == '\n' && swallowLf) {
        swallowLf = false;
        continue;
      }
      swallowLf = b == '\r';
      return b;
    }
  }

  /** One line ended by CR, LF or CRLF, without the terminator; null at end of input. */
  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
      }
      if (b == '\n' && swallowLf) {
        swallowLf = false;
        continue;
      }
      swallowLf = b == '\r';
      if (b == '\r' || b == '\n') {
        return line.toString(StandardCharsets.UTF_8);
      }
      line.write(b);
    }
  }
}
