package dev.patina.collector.ssh;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders raw terminal output as plain lines: a one-line-deep VT100 emulator.
 *
 * <p>Carriage returns, backspaces and cursor moves within the line overwrite what they reach, as
 * on a real terminal; line erasure ({@code ESC[2K}, {@code ESC[K}) erases; every other control
 * and escape sequence (CSI, OSC, charset selection, modes, scroll regions) is dropped; the row
 * part of a cursor move is ignored and {@code ESC E} (next line) ends the line. Nothing of the
 * terminal's control language survives in {@link #lines()} or {@link #currentLine()}.
 */
public final class TerminalText {
  private enum State { TEXT, ESC, CSI, OSC, OSC_ESC, CHARSET }

  private final List<String> lines = new ArrayList<>();
  private final List<String> erased = new ArrayList<>();
  private final StringBuilder line = new StringBuilder();
  private final StringBuilder params = new StringBuilder();
  private State state = State.TEXT;
  private int column;
  private long chars;

  /** Renders a whole text; the last line is included even when it has no newline. */
  public static List<String> render(String raw) {
    TerminalText t = new TerminalText();
    t.feed(raw);
    List<String> all = new ArrayList<>(t.lines);
    if (!t.line.isEmpty()) {
      all.add(t.line.toString());
    }
    return all;
  }

  /** Renders one line of raw text (the last one if it holds several). */
  public static String renderLine(String raw) {
    TerminalText t = new TerminalText();
    t.feed(raw);
    return t.currentLine().isEmpty() && !t.lines.isEmpty() ? t.lines.getLast() : t.currentLine();
  }

  /** Feeds raw output as received. */
  public void feed(CharSequence raw) {
    for (int i = 0; i < raw.length(); i++) {
      feed(raw.charAt(i));
    }
  }

  /**
   * Feeds raw output as received, from a buffer. A whole plain line at the start of a line
   * (nearly every line of a config) becomes a String at once; plain printable text written at the
   * end of the line is appended a run at a time.
   */
  public void feed(char[] buf, int off, int len) {
    int end = off + len;
    int i = off;
    while (i < end) {
      if (state == State.TEXT && column == line.length()) {
        int j = i;
        while (j < end && buf[j] >= 0x20 && buf[j] < 0x7f) j++;
        if (column == 0) { // a whole line, as nearly every line of a config comes: made a String at once
          int eol = j < end && buf[j] == '\n' ? 1 : j + 1 < end && buf[j] == '\r' && buf[j + 1] == '\n' ? 2 : 0;
          if (eol > 0) {
            lines.add(new String(buf, i, j - i));
            chars += j - i + eol;
            i = j + eol;
            continue;
          }
        }
        if (j > i) {
          line.append(buf, i, j - i);
          column += j - i;
          chars += j - i;
          i = j;
          continue;
        }
      }
      feed(buf[i++]);
    }
  }

  private void feed(char c) {
    chars++;
    switch (state) {
      case TEXT -> text(c);
      case ESC -> escape(c);
      case CSI -> {
        if (c >= 0x40 && c <= 0x7e) {
          csi(c, params.toString());
          state = State.TEXT;
        } else if (params.length() < 64) {
          params.append(c);
        } else {
          state = State.TEXT; // runaway sequence: give up on it
        }
      }
      case OSC -> {
        if (c == 0x07) {
          state = State.TEXT;
        } else if (c == 0x1b) {
          state = State.OSC_ESC;
        }
      }
      case OSC_ESC -> state = c == '\\' ? State.TEXT : State.OSC;
      case CHARSET -> state = State.TEXT;
    }
  }

  private void text(char c) {
    switch (c) {
      case '\n' -> newLine();
      case '\r' -> column = 0;
      case '\b' -> column = Math.max(0, column - 1);
      case 0x1b -> state = State.ESC;
      case '\t' -> put(c);
      default -> {
        if (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0)) {
          put(c);
        }
      }
    }
  }

  private void escape(char c) {
    state = State.TEXT;
    switch (c) {
      case '[' -> {
        params.setLength(0);
        state = State.CSI;
      }
      case ']', 'P', '_', '^' -> state = State.OSC; // OSC, DCS, APC, PM: skip to BEL or ST
      case 'E' -> newLine();
      case '(', ')', '*', '+', '#', '%' -> state = State.CHARSET;
      default -> { } // ESC 7, ESC 8, ESC =, ESC >, ESC M, ESC D, ESC c: nothing to render
    }
  }

  private void csi(char fin, String p) {
    if (p.startsWith("?") || p.startsWith(">") || p.startsWith("=")) {
      return; // private modes (cursor visibility, wrap, ...)
    }
    String[] parts = p.split(";", -1);
    int first = number(parts, 0, 0);
    switch (fin) {
      case 'H', 'f' -> column = Math.max(0, number(parts, 1, 1) - 1);
      case 'G', '`' -> column = Math.max(0, number(parts, 0, 1) - 1);
      case 'C' -> column += Math.max(1, first);
      case 'D' -> column = Math.max(0, column - Math.max(1, first));
      case 'K' -> {
        if (first != 1 && column < line.length() && !line.substring(first == 0 ? column : 0).isBlank()) {
          erased.add(line.substring(first == 0 ? column : 0)); // a pager a device erased at once
        }
        if (first == 0) {
          line.setLength(Math.min(line.length(), column));
        } else if (first == 1) {
          for (int i = 0; i < Math.min(column + 1, line.length()); i++) {
            line.setCharAt(i, ' ');
          }
        } else {
          line.setLength(0);
        }
      }
      case 'J' -> {
        if (first == 2 || first == 3) {
          line.setLength(0);
        }
      }
      default -> { } // colours, modes, scroll regions, reports, insert/delete lines
    }
  }

  private static int number(String[] parts, int index, int fallback) {
    if (index >= parts.length || parts[index].isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(parts[index]);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private void put(char c) {
    while (line.length() < column) {
      line.append(' ');
    }
    if (column < line.length()) {
      line.setCharAt(column, c);
    } else {
      line.append(c);
    }
    column++;
  }

  private void newLine() {
    lines.add(line.toString());
    line.setLength(0);
    column = 0;
  }

  /** Completed lines so far (each ended by a newline), without terminators. */
  public List<String> lines() {
    return lines;
  }

  /** Hands over the completed lines and forgets them (the current line stays). */
  public List<String> takeLines() {
    List<String> out = new ArrayList<>(lines);
    lines.clear();
    return out;
  }

  /** Hands over the first {@code count} completed lines; the later ones and the current line stay. */
  public List<String> takeLines(int count) {
    List<String> first = lines.subList(0, count);
    List<String> out = new ArrayList<>(first);
    first.clear();
    return out;
  }

  /** True when the line being written (no newline yet) has any text. */
  public boolean hasCurrentLine() {
    return !line.isEmpty();
  }

  /** The line being written (no newline yet): where prompts and pagers show up. */
  public String currentLine() {
    return line.toString();
  }

  /**
   * Hands over the text erased from the line being written (ESC [K) since the last call: a pager
   * that a device writes and erases in one burst never stays on the line to be seen there.
   */
  public List<String> takeErased() {
    List<String> out = new ArrayList<>(erased);
    erased.clear();
    return out;
  }

  /**
   * Makes completed line {@code index} the line being written again, cursor at its end, and the
   * line being written a completed one: a pager that lines came after (a device's event message
   * while it waited) is back where the device will erase it, and the text before it goes on.
   */
  public void reopenLine(int index) {
    String reopened = lines.remove(index);
    if (!line.toString().isBlank()) {
      lines.add(line.toString());
    }
    line.setLength(0);
    line.append(reopened);
    column = reopened.length();
  }

  /** Forgets the line being written (an answered pager). */
  public void clearCurrentLine() {
    line.setLength(0);
    column = 0;
  }

  /** Number of raw characters fed so far. */
  public long charsFed() {
    return chars;
  }
}
