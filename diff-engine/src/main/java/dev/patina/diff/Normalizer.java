package dev.patina.diff;

import java.util.regex.Matcher;

/**
 * Cleans one artifact, in a fixed order: line endings to {@code \n}, trailing whitespace
 * stripped, volatile lines dropped, secrets masked, one final newline. Each pattern runs only on
 * the lines that contain its required text ({@link RequiredLiteral}).
 */
public final class Normalizer {
  private final SecretMasker masker;

  public Normalizer(SecretMasker masker) {
    this.masker = masker;
  }

  public String normalize(String text, CleanupRules rules) {
    StringBuilder out = new StringBuilder(text.length() + 64);
    boolean noRules = rules.drop.length == 0 && rules.mask.length == 0;
    boolean cr = text.indexOf('\r') >= 0;
    int n = text.length();
    int start = 0;
    while (start <= n) {
      int nl = cr ? lineEnd(text, start) : text.indexOf('\n', start);
      if (nl < 0) nl = n;
      int end = nl;
      while (end > start && Character.isWhitespace(text.charAt(end - 1))) end--;
      long may = noRules ? 0 : rules.scan.scan(text, start, end);
      if (may == 0) {
        out.append(text, start, end).append('\n'); // most lines: copied once, no regex
      } else {
        String line = text.substring(start, end);
        if (!dropped(line, rules, may)) out.append(mask(line, rules, may)).append('\n');
      }
      if (nl >= n) break;
      start = nl + (text.charAt(nl) == '\r' && nl + 1 < n && text.charAt(nl + 1) == '\n' ? 2 : 1);
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == '\n') end--;
    out.setLength(end);
    if (end > 0) out.append('\n');
    return out.toString();
  }

  /** The index of the next '\n' or '\r' from {@code start}, or the text's length. */
  private static int lineEnd(String text, int start) {
    int n = text.length();
    int i = start;
    while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') i++;
    return i;
  }

  private static boolean dropped(String line, CleanupRules rules, long may) {
    for (int i = 0; i < rules.drop.length; i++) {
      if (LineScan.may(may, i) && dev.patina.regex.BoundedRegex.find(rules.drop[i].pattern(), line)) return true;
    }
    return false;
  }

  private String mask(String line, CleanupRules rules, long may) {
    String current = line;
    int first = rules.drop.length; // mask rule i is scan rule first + i
    for (int i = 0; i < rules.mask.length; i++) {
      CleanupRules.Rule r = rules.mask[i];
      if (!LineScan.may(may, first + i)) continue;
      Matcher m = dev.patina.regex.BoundedRegex.matcher(r.pattern(), current);
      if (!m.find()) continue;
      boolean named = r.namedSecret();
      StringBuilder sb = new StringBuilder();
      int last = 0;
      do {
        int start = named ? m.start("secret") : m.start(m.groupCount() >= 1 ? 1 : 0);
        int end = named ? m.end("secret") : m.end(m.groupCount() >= 1 ? 1 : 0);
        if (start < 0 || end <= start) continue;
        String value = current.substring(start, end);
        if (value.startsWith("<secret:")) continue;
        sb.append(current, last, start).append(masker.token(value));
        last = end;
      } while (m.find());
      sb.append(current, last, current.length());
      current = sb.toString();
      may = rules.scan.scan(current); // the next rules see the masked line
    }
    return current;
  }
}
