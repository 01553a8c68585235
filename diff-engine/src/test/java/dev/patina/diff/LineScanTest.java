package dev.patina.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** One pass over a line finds the same rules as testing each rule's filter on its own. */
class LineScanTest {
  @Test
  void aScanAgreesWithEachFilterOnItsOwn() {
    List<Pattern> patterns = new ArrayList<>(List.of(
        Pattern.compile("^\\s*enable (?:secret|password) (\\S+)"),
        Pattern.compile("(?i)community (\\S+)"),
        Pattern.compile("(?:password|secret)(?: [0-9])? (?<secret>\\S+)\\s*$"),
        Pattern.compile("mot de passe ¤(\\S+)"),
        Pattern.compile("¤clé (\\S+)"),
        Pattern.compile("(?i)ÉTAT (\\S+)"),
        Pattern.compile("\\S+ x"),
        Pattern.compile("(?i)ski (\\S+)"), // third letters that non-ASCII ones fold to: \u0130 and the Kelvin sign
        Pattern.compile("(?i)oak (\\S+)"),
        Pattern.compile("(?i)key (\\S+)"))); // its first pair, "ke", with a Kelvin sign in the line
    for (int i = 0; i < 70; i++) patterns.add(Pattern.compile("word" + i + " (\\S+)")); // more rules than bits
    // two-character strings, as the credential detector has, found at even and odd positions
    List<RequiredLiteral.Filter> filters = new ArrayList<>(List.of(RequiredLiteral.Filter.anyOf(List.of("$1", "$h"), true),
        RequiredLiteral.Filter.anyOf(List.of("Zq"), false)));
    int given = filters.size(); // rule r >= given is patterns.get(r - given)
    patterns.forEach(p -> filters.add(RequiredLiteral.filter(p)));
    LineScan scan = new LineScan(filters);
    String[] words = {"enable", "secret", "password", "COMMUNITY", "Community", "mot de passe ¤", "¤clé", "état", "ÉTAT",
        "word3", "word65", "word69", " ", "  ", "x", "pass", "word", "sec",
        "ski", "SKI", "sk\u0130", "skj", "oak", "OA\u212a", "oaq",
        "\u212aey", "KEY", "ke", "$1", "$H", "x$1", "\u00e9$h", "$", "1", "h", "Zq", "zq", "xZq", "\u00e9Zq", "Z"};
    Random random = new Random(42);
    int lines = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder line = new StringBuilder();
      for (int w = random.nextInt(6); w >= 0; w--) line.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? " " : "");
      String text = line.toString();
      long bits = scan.scan(text);
      for (int r = 0; r < filters.size(); r++) {
        boolean alone = filters.get(r).mayMatch(text);
        Pattern pattern = r >= given ? patterns.get(r - given) : null;
        if (alone) assertTrue(LineScan.may(bits, r), "rule " + r + " (" + pattern + ") skipped on \"" + text + "\"");
        if (pattern != null && pattern.matcher(text).find()) assertTrue(LineScan.may(bits, r), "rule " + r + " matches \"" + text + "\"");
        // exactly the filter's answer, but where a non-ASCII letter folds to an ASCII one (both may
        // over-approximate there, each its own way: only skipping a line that matches would be wrong)
        if (r < LineScan.MAX_RULES && text.chars().allMatch(ch -> ch < 128 || Character.toLowerCase(ch) >= 128)) {
          assertEquals(alone, LineScan.may(bits, r), "rule " + r + " on \"" + text + "\"");
        }
        if (alone && (pattern == null || pattern.matcher(text).find())) lines++;
      }
    }
    assertTrue(lines > 1000, "lines a pattern matched: " + lines);
  }

  @Test
  void aLineInsideALargerTextIsScannedToItsEndAndNoFurther() {
    LineScan scan = new LineScan(List.of(RequiredLiteral.filter(Pattern.compile("password (\\S+)"))));
    String text = "enable pass\nword x\n password 7 abc\n";
    assertEquals(0, scan.scan(text, 0, 11), "\"pass\" at the end of a line does not join the next one");
    assertEquals(1, scan.scan(text, 19, 35));
    assertEquals(scan.scan(" password 7 abc"), scan.scan(text, 19, 35));
  }
}
