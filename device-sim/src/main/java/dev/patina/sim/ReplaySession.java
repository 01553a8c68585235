package dev.patina.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One session's walk through a recording: answers lines as the device did, keeps an ordered
 * recording's place, and answers what the recording lacks as the vendor's CLI would.
 *
 * <p>Order is enforced only where the recording needs it: while the last output waits for a key
 * (a pager or "Press any key"), the next keystroke gets the next recorded step; steps whose
 * command is a single key (" ", "y", "\n") are only answered in their place. Other commands
 * are found ahead of the current place, else behind it.
 */
final class ReplaySession {
  /** What to send, and whether the device then ends the session. */
  record Answer(String text, boolean close) {}

  private static final Pattern WAITS_FOR_KEY = Pattern.compile(
      "(?i)(press any key|--\\s*more\\s*--|<--- more --->|-- more --|\\(more\\)|^\\W*lines \\d+-\\d+)");
  private static final Pattern ASKS_LOGOUT = Pattern.compile("(?i)log ?out.*\\?");
  private static final Pattern PASSWORD_PROMPT = Pattern.compile("(?i)\r*password: ?");
  private static final Pattern ASKS_PASSWORD = Pattern.compile("(?i)password: ?$");
  private static final Set<String> LEAVE = Set.of("exit", "quit", "logout", "logoff", "bye");

  private final String vendor;
  private final boolean ordered;
  private final String initPrompt;
  private final List<Map.Entry<String, String>> entries;
  private final List<String> commands;
  private final String nl;
  private int cursor;
  private String last = "";
  private String previous = "";
  /** Lines still to come of a recorded key of several lines that was answered at its first. */
  private final java.util.ArrayDeque<String> typedAhead = new java.util.ArrayDeque<>();
  private final String enablePassword;
  private String afterPassword;
  private String promptBeforePassword;

  ReplaySession(Replies replies) {
    this.vendor = replies.vendor();
    this.ordered = replies.ordered();
    this.initPrompt = replies.initPrompt();
    this.entries = replies.snapshot();
    this.commands = entries.stream().map(Map.Entry::getKey).toList();
    this.nl = Terminal.newline(entries.stream().map(Map.Entry::getValue).toList());
    this.enablePassword = replies.enablePassword();
  }

  /** The banner and first prompt. */
  String start() {
    last = initPrompt;
    return initPrompt;
  }

  /** True when the last output waits for a single key and the recording has that step. */
  boolean waitingForKey() {
    if (keyStep() < 0) {
      return false;
    }
    if (WAITS_FOR_KEY.matcher(Terminal.visible(Terminal.lastLine(last))).find()) {
      return true;
    }
    // a pager followed by an event line the device printed while it waited (V-SOL OLTs)
    String[] tail = last.split("\n", -1);
    for (int i = Math.max(0, tail.length - 3); ordered && i < tail.length - 1; i++) {
      if (WAITS_FOR_KEY.matcher(Terminal.visible(tail[i])).find()) {
        return true;
      }
    }
    return false;
  }

  /** Answers the key the session was waiting for. */
  Answer key() {
    int step = keyStep();
    if (step < 0) {
      throw new IllegalStateException("not waiting for a key");
    }
    cursor = step + 1;
    return served(entries.get(step).getValue());
  }

  /** Answers one line typed by the client (without its terminator). */
  Answer line(String line) {
    if (afterPassword != null) {
      return password(line);
    }
    if (recordedPasswordStep()) {
      // the recording's next step is the device's answer to the password, whatever was typed
      if (enablePassword != null && !enablePassword.equals(line)) {
        return served(nl + "% Access denied" + nl + nl + Terminal.lastLine(previous));
      }
      return served(entries.get(cursor++).getValue());
    }
    if (!typedAhead.isEmpty() && typedAhead.getFirst().equals(line.strip())) {
      typedAhead.removeFirst(); // the rest of a recorded key of several lines, answered already
      return new Answer("", false);
    }
    int several = severalLines(line);
    if (several >= 0) {
      List<String> rest = new ArrayList<>(List.of(Terminal.stripTerminator(commands.get(several)).split("\n", -1)));
      rest.removeFirst();
      rest.replaceAll(String::strip);
      typedAhead.addAll(rest);
      if (ordered && several >= cursor) {
        cursor = several + 1;
      }
      return served(entries.get(several).getValue());
    }
    int blankStep = unorderedPasswordAnswer();
    if (blankStep >= 0) {
      // a map-form recording answers a password prompt with its blank-line entry (the password
      // typed there was not echoed), whatever the client types
      if (enablePassword != null && !enablePassword.equals(line)) {
        return served(nl + "% Access denied" + nl + nl + Terminal.lastLine(previous));
      }
      return served(entries.get(blankStep).getValue());
    }
    int step = find(line);
    if (step >= 0) {
      if (ordered && step >= cursor) {
        cursor = step + 1;
      }
      String reply = entries.get(step).getValue();
      boolean askedLogout = ASKS_LOGOUT.matcher(Terminal.visible(Terminal.lastLine(last))).find();
      int afterEcho = Echo.end(reply, line.strip());
      java.util.regex.Matcher password = PASSWORD_PROMPT.matcher(reply);
      if (afterEcho >= 0 && password.region(afterEcho, reply.length()).lookingAt()
          && !Terminal.visible(reply.substring(password.end())).isBlank()) {
        // "enable\nPassword: " then the device waits for the password before the rest
        promptBeforePassword = Terminal.lastLine(last);
        afterPassword = reply.substring(password.end());
        return served(reply.substring(0, password.end()));
      }
      Answer answer = served(reply);
      String word = line.strip().toLowerCase(java.util.Locale.ROOT);
      boolean leaving = LEAVE.contains(word) || (askedLogout && word.startsWith("y"));
      return leaving && nothingAfterEcho(reply, line) ? new Answer(reply, true) : answer;
    }
    String prompt = Terminal.lastLine(last);
    if (line.isBlank()) {
      for (int i = 0; !ordered && i < entries.size(); i++) {
        if (Terminal.stripTerminator(commands.get(i)).isBlank()) {
          // the recorded answer to an empty line; the recorder keeps no echo of it, but a
          // device echoes the line end before its prompt, as for any other line
          String answer = entries.get(i).getValue();
          return served(answer.startsWith("\r") || answer.startsWith("\n") ? answer : nl + answer);
        }
      }
      return served(line + nl + prompt);
    }
    if (LEAVE.contains(line.strip().toLowerCase(java.util.Locale.ROOT))) {
      return new Answer(line + nl, true);
    }
    return served(line + nl + VendorCli.error(vendor, prompt, line, commands, nl) + prompt);
  }

  /** True while the device waits for a password (after "Password: "). */
  boolean waitingForPassword() {
    return afterPassword != null || recordedPasswordStep() || unorderedPasswordAnswer() >= 0;
  }

  /** An ordered recording whose last output asked for a password, with a step left to answer it. */
  private boolean recordedPasswordStep() {
    return ordered && cursor < entries.size()
        && ASKS_PASSWORD.matcher(Terminal.shownLastLine(last)).find();
  }

  /** In a map-form recording whose last output asked for a password: its blank-line entry, else -1. */
  private int unorderedPasswordAnswer() {
    if (ordered || !ASKS_PASSWORD.matcher(Terminal.shownLastLine(last)).find()) {
      return -1;
    }
    for (int i = 0; i < entries.size(); i++) {
      if (Terminal.stripTerminator(entries.get(i).getKey()).isBlank()) {
        return i;
      }
    }
    return -1;
  }

  private Answer password(String typed) {
    String rest = afterPassword;
    afterPassword = null;
    if (enablePassword != null && !enablePassword.equals(typed)) {
      return served(nl + "% Access denied" + nl + nl + promptBeforePassword);
    }
    return served(rest);
  }

  /** The reply for an exec request: the recorded output without echo and prompt. */
  Answer exec(String command) {
    int step = findAnywhere(command);
    if (step < 0) {
      return new Answer(VendorCli.error(vendor, "", command, commands, nl), false);
    }
    String reply = entries.get(step).getValue();
    int afterEcho = Echo.end(reply, command.strip());
    if (afterEcho < 0) {
      return new Answer(reply, false);
    }
    String output = reply.substring(afterEcho);
    int lastNewline = output.lastIndexOf('\n');
    if (!Terminal.shownLastLine(output).isBlank()) {
      output = lastNewline < 0 ? "" : output.substring(0, lastNewline + 1);
    }
    return new Answer(output, false);
  }

  /** True when the recording has a reply for {@code command}. */
  boolean knows(String command) {
    return findAnywhere(command) >= 0;
  }

  private Answer served(String text) {
    if (!text.isEmpty()) {
      previous = last;
      last = text;
    }
    return new Answer(text, false);
  }

  private boolean nothingAfterEcho(String reply, String line) {
    int afterEcho = Echo.end(reply, line.strip());
    String rest = afterEcho < 0 ? reply : reply.substring(afterEcho);
    return Terminal.visible(rest).isBlank();
  }

  /**
   * A recorded key of several lines ("logout\nexit\nexit\n\n", "\nexit\n": sent at once by the
   * recorder) whose first line is {@code line}: the next step of a list-form recording, or in a
   * map-form one a key whose first line is not blank; else -1.
   */
  private int severalLines(String line) {
    for (int i = ordered ? cursor : 0; i < (ordered ? Math.min(cursor + 1, entries.size()) : entries.size()); i++) {
      String bare = Terminal.stripTerminator(commands.get(i));
      int nl = bare.indexOf('\n');
      if (nl >= 0 && bare.substring(0, nl).strip().equals(line.strip())
          && (ordered || !line.isBlank())) {
        return i;
      }
    }
    return -1;
  }

  private int keyStep() {
    if (ordered) {
      return cursor < entries.size() && isKeystroke(commands.get(cursor)) ? cursor : -1;
    }
    for (int i = 0; i < commands.size(); i++) {
      if (isKeystroke(commands.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private int find(String line) {
    if (!ordered) {
      return findAnywhere(line);
    }
    for (int i = cursor; i < entries.size(); i++) {
      if (matches(commands.get(i), line) && (i == cursor || !isKeystroke(commands.get(i)))) {
        return i;
      }
    }
    for (int i = Math.min(cursor, entries.size()) - 1; i >= 0; i--) {
      if (!isKeystroke(commands.get(i)) && matches(commands.get(i), line)) {
        return i;
      }
    }
    return -1;
  }

  private int findAnywhere(String line) {
    for (int i = 0; i < commands.size(); i++) {
      if (!isKeystroke(commands.get(i)) && matches(commands.get(i), line)) {
        return i;
      }
    }
    // a recorded one-letter answer typed as a line ("n" to "save? (y/n)", QuantaOS after quit)
    for (int i = 0; !line.isBlank() && i < commands.size(); i++) {
      if (isKeystroke(commands.get(i)) && Terminal.stripTerminator(commands.get(i)).equals(line.strip())) {
        return i;
      }
    }
    return -1;
  }

  private static boolean matches(String key, String line) {
    String bare = Terminal.stripTerminator(key);
    return bare.equals(line) || (!isKeystroke(key) && bare.strip().equals(line.strip()));
  }

  private static boolean isKeystroke(String key) {
    return Terminal.stripTerminator(key).length() <= 1;
  }
}
