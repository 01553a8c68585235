package dev.patina.sim;

import java.util.regex.Pattern;

/** Text helpers for terminal output: escape sequences removed, last line, line terminators. */
final class Terminal {
  private static final Pattern ESCAPES =
      Pattern.compile("\u001b(\\[[0-?]*[ -/]*[@-~]?" // CSI: ESC [ params final
          + "|\\][^\u0007\u001b]*(\u0007|\u001b\\\\)?" // OSC: ESC ] text BEL
          + "|[ -/]*[0-~])"); // two-character sequences: ESC = , ESC > , ESC ( B

  private Terminal() {}

  /** {@code text} without VT100/ANSI escape sequences. */
  static String visible(String text) {
    return text.indexOf('\u001b') < 0 ? text : ESCAPES.matcher(text).replaceAll("");
  }

  /** The raw text after the last {@code '\n'} (the prompt line of a shell reply). */
  static String lastLine(String text) {
    return text.substring(text.lastIndexOf('\n') + 1);
  }

  /** What a terminal shows on the last line: escapes gone, text before a CR overwritten. */
  static String shownLastLine(String text) {
    String line = visible(lastLine(text));
    return line.substring(line.lastIndexOf('\r') + 1);
  }

  /** {@code "\r\n"} when the recording uses CRLF line ends, else {@code "\n"}. */
  static String newline(Iterable<String> replies) {
    for (String reply : replies) {
      if (reply.contains("\r\n")) {
        return "\r\n";
      }
    }
    return "\n";
  }

  /** {@code command} without one trailing terminator ({@code \r\n}, {@code \n} or {@code \r}). */
  static String stripTerminator(String command) {
    if (command.endsWith("\r\n")) {
      return command.substring(0, command.length() - 2);
    }
    if (command.endsWith("\n") || command.endsWith("\r")) {
      return command.substring(0, command.length() - 1);
    }
    return command;
  }
}
