package dev.patina.diff;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans one artifact, in a fixed order: line endings to {@code \n}, trailing whitespace
 * stripped, volatile lines dropped, secrets masked, one final newline.
 */
public final class Normalizer {
  private final SecretMasker masker;

  public Normalizer(SecretMasker masker) {
    this.masker = masker;
  }

  public String normalize(String text, CleanupRules rules) {
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    StringBuilder out = new StringBuilder(text.length() + 64);
    for (String raw : lines) {
      String line = stripTrailing(raw);
      if (matchesAny(line, rules.dropLines())) continue;
      out.append(mask(line, rules.secrets())).append('\n');
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == '\n') end--;
    out.setLength(end);
    if (end > 0) out.append('\n');
    return out.toString();
  }

  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) end--;
    return s.substring(0, end);
  }

  private static boolean matchesAny(String line, List<Pattern> patterns) {
    RequiredLiteral.Line view = new RequiredLiteral.Line(line);
    for (Pattern p : patterns) {
      if (RequiredLiteral.mayMatch(p, view) && p.matcher(line).find()) return true;
    }
    return false;
  }

  private String mask(String line, List<Pattern> secrets) {
    String current = line;
    RequiredLiteral.Line view = new RequiredLiteral.Line(line);
    for (Pattern p : secrets) {
      if (!RequiredLiteral.mayMatch(p, view)) continue;
      Matcher m = p.matcher(current);
      if (!m.find()) continue;
      boolean named = p.pattern().contains("(?<secret>");
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
      sb.append(current.substring(last));
      current = sb.toString();
      view = new RequiredLiteral.Line(current);
    }
    return current;
  }
}
