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
    int n = text.length();
    int start = 0;
    while (start <= n) {
      int nl = start;
      while (nl < n && text.charAt(nl) != '\n' && text.charAt(nl) != '\r') nl++;
      int end = nl;
      while (end > start && Character.isWhitespace(text.charAt(end - 1))) end--;
      long mayDrop = rules.drop.length == 0 ? 0 : rules.dropScan.scan(text, start, end);
      long mayMask = rules.mask.length == 0 ? 0 : rules.maskScan.scan(text, start, end);
      if (mayDrop == 0 && mayMask == 0) {
        out.append(text, start, end).append('\n'); // most lines: copied once, no regex
      } else {
        String line = text.substring(start, end);
        if (!dropped(line, rules, mayDrop)) out.append(mayMask == 0 ? line : mask(line, rules, mayMask)).append('\n');
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

  private static boolean dropped(String line, CleanupRules rules, long may) {
    if (may == 0) return false;
    for (int i = 0; i < rules.drop.length; i++) {
      if (LineScan.may(may, i) && rules.drop[i].pattern().matcher(line).find()) return true;
    }
    return false;
  }

  private String mask(String line, CleanupRules rules, long may) {
    String current = line;
    for (int i = 0; i < rules.mask.length; i++) {
      CleanupRules.Rule r = rules.mask[i];
      if (!LineScan.may(may, i)) continue;
      Matcher m = r.pattern().matcher(current);
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
      may = rules.maskScan.scan(current); // the next rules see the masked line
    }
    return current;
  }
}
