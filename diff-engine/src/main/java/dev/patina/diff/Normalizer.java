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
      String line = text.substring(start, end);
      if (!dropped(line, rules.drop)) {
        out.append(rules.mask.length == 0 ? line : mask(line, rules.mask)).append('\n');
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

  private static boolean dropped(String line, CleanupRules.Rule[] rules) {
    if (rules.length == 0) return false;
    RequiredLiteral.Line view = new RequiredLiteral.Line(line);
    for (CleanupRules.Rule r : rules) {
      if (r.filter().mayMatch(view) && r.pattern().matcher(line).find()) return true;
    }
    return false;
  }

  private String mask(String line, CleanupRules.Rule[] rules) {
    String current = line;
    RequiredLiteral.Line view = new RequiredLiteral.Line(line);
    for (CleanupRules.Rule r : rules) {
      if (!r.filter().mayMatch(view)) continue;
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
      view = new RequiredLiteral.Line(current);
    }
    return current;
  }
}
