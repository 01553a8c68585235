package dev.patina.sim;

/** Finds the end of a command's echo at the start of a shell reply, through VT100 noise. */
final class Echo {
  private Echo() {}

  /**
   * The index in {@code reply} just after the echoed {@code command} and its line end, or -1
   * when the reply does not start with the echo (exec-style recordings).
   */
  static int end(String reply, String command) {
    if (command.isEmpty()) {
      return -1;
    }
    int i = 0;
    int k = 0;
    int n = reply.length();
    while (i < n && k < command.length()) {
      char c = reply.charAt(i);
      if (c == '\u001b') {
        i = skipEscape(reply, i);
      } else if (k == 0 && (c == '\r' || c == '\n' || c == ' ')) {
        i++;
      } else if (c == command.charAt(k)) {
        i++;
        k++;
      } else {
        return -1;
      }
    }
    if (k < command.length()) {
      return -1;
    }
    int j = i;
    while (j < n && reply.charAt(j) == '\r') {
      j++;
    }
    return j < n && reply.charAt(j) == '\n' ? j + 1 : i;
  }

  static int skipEscape(String text, int at) {
    int i = at + 1;
    if (i < text.length() && text.charAt(i) == '[') {
      i++;
      while (i < text.length() && (text.charAt(i) < '@' || text.charAt(i) > '~')) {
        i++;
      }
      return Math.min(i + 1, text.length());
    }
    return Math.min(i + 1, text.length());
  }
}
