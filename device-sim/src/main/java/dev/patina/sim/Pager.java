package dev.patina.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A CLI pager: long replies stop after each page at the vendor's "more" prompt until a key is
 * pressed (space: next page, Enter: next line, q or Ctrl-C: rest skipped), until the session
 * turns paging off ({@code terminal length 0}, {@code no page}, ...) or the command asks for no
 * paging ({@code | no-more}, {@code without-paging}).
 */
final class Pager {
  /** Reads one keystroke; -1 at end of input. */
  interface Keys {
    int read() throws IOException;
  }

  private static final Pattern OFF = Pattern.compile("(?i)\\s*(terminal length 0|terminal pager 0"
      + "|no page|screen-length (0|disable)( temporary)?|set cli screen-length 0"
      + "|terminal datadump|set terminal-length 0|set cli pager off|disable clipaging"
      + "|config paging disable|modify cli preference pager disabled( display-threshold 0)?"
      + "|set clienv rows 0|environment more false)\\s*");
  private static final Pattern NO_MORE = Pattern.compile("(?i).*(\\|\\s*no-more|without-paging).*");

  private final int pageLines;
  private final String prompt;
  private boolean off;

  Pager(int pageLines, String vendor) {
    this.pageLines = pageLines;
    this.prompt = switch (vendor) {
      case "junos" -> "---(more)---";
      case "procurve" -> "-- MORE --, next page: Space, next line: Enter, quit: Control-C";
      case "aoscx" -> "-- MORE --, next page: Space, next line: Enter, quit: q";
      case "h3c", "comware", "hpe" -> "  ---- More ----";
      case "asa" -> "<--- More --->";
      case "routeros" -> "-- [Q quit|D dump|down]";
      case "vrp" -> "  ---- More ----";
      case "os10" -> "--more--";
      case "xos" -> "Press <SPACE> to continue or <Q> to quit:";
      case "edgeos" -> ":";
      case "aireos" -> "--More-- or (q)uit";
      case "tmos" -> "---(less 42%)---";
      case "gaiaos" -> "-- More --";
      case "srosmd" -> "Press Q to quit, Enter to print next line or any other key to print next page.";
      default -> " --More-- ";
    };
  }

  /** Sends {@code reply} to {@code line}, a page at a time when paging is on. */
  void send(String line, String reply, FaultyOutput out, Keys keys) throws IOException {
    if (OFF.matcher(line).matches()) {
      off = true;
    }
    List<String> lines = lines(reply);
    if (off || pageLines <= 0 || NO_MORE.matcher(line).matches() || lines.size() <= pageLines + 1) {
      out.reply(reply);
      return;
    }
    String erase = "\b".repeat(prompt.length()) + " ".repeat(prompt.length())
        + "\b".repeat(prompt.length()); // as IOS rubs out its --More--
    int next = 0;
    int show = pageLines;
    while (true) {
      StringBuilder page = new StringBuilder();
      int end = Math.min(lines.size(), next + show);
      for (int i = next; i < end; i++) {
        page.append(lines.get(i));
      }
      next = end;
      if (next >= lines.size() - 1) { // the last line is the prompt: no "more" before it
        page.append(next < lines.size() ? lines.get(next) : "");
        out.reply(page.toString());
        return;
      }
      out.reply(page + prompt);
      int key = keys.read();
      if (key < 0) {
        return;
      }
      out.write(erase.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (key == 'q' || key == 'Q' || key == 3) {
        out.reply(lines.get(lines.size() - 1));
        return;
      }
      show = key == '\r' || key == '\n' ? 1 : pageLines;
    }
  }

  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int nl;
    while ((nl = text.indexOf('\n', start)) >= 0) {
      lines.add(text.substring(start, nl + 1));
      start = nl + 1;
    }
    lines.add(text.substring(start));
    return lines;
  }
}
