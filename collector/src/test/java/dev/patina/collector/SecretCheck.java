package dev.patina.collector;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Applies secret patterns as the normaliser does (group "secret", else group 1, else the match), for tests. */
final class SecretCheck {
  private SecretCheck() {}

  static String mask(String text, List<Pattern> secrets) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String masked = line;
      for (Pattern p : secrets) {
        Matcher m = p.matcher(masked);
        StringBuilder b = new StringBuilder();
        int last = 0;
        while (m.find()) {
          int g = p.pattern().contains("(?<secret>") ? m.start("secret") >= 0 ? -1 : -2
              : m.groupCount() >= 1 ? 1 : 0;
          int start = g == -1 ? m.start("secret") : g == -2 ? -1 : m.start(g);
          int end = g == -1 ? m.end("secret") : g == -2 ? -1 : m.end(g);
          if (start < 0) {
            continue;
          }
          b.append(masked, last, start).append("<masked>");
          last = end;
        }
        b.append(masked.substring(last));
        masked = b.toString();
      }
      out.append(masked).append('\n');
    }
    return out.toString();
  }
}
