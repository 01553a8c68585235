package dev.patina.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineAutomatonTest {
  private static final String[] PATTERNS = {
    "\\d+\\.\\d+\\.\\d+\\.\\d+", "(a|b)c", "(\\s*\\S+\\s*)+[Q]{3}$", "(a*)*b", "(a|aa)*c", "(x+x+)+y", "^$", "^",
    "$", "^\\s*$", "^interface .*/0/4[0-9]$", "^ ?description", "vlan [0-9]{2,3}$", "[^a-z0-9 ]", "[]a]", "[^]a]",
    "a{0}b", "a{2}", "a{2,}", "a{1,3}?x", "a+?", "ip address 10\\.(1|2)\\.", "\\w+-\\w+", "\\W\\d", "\\S\\s\\S",
    "[\\d.]+/[0-9]+", "[a-c-]x", "[\\-a]", "x*", "(?:ab|cd)+e", "^(a|b)", "^a|b$", "^a$|^b$|c", "\\x41\\x{42}", "\\t",
    "[\\t ]+$", "k", "S", "[k-m]", "[^k]", "\\w", "\\d{3}", "[[]", "a|", "|a", "()", "(|a)b", "é", "[à-ÿ]+", "\\.",
    "permit (tcp|udp) any host", "(?:(?:a|b)*c){2}", ".{3}x", ".*a.{5}$", "[A-Fa-f0-9]{4}:", "\\}", "{", "a{,2}", "(?i)kS", "(?i)[^k]",
    "\\bvlan\\b", "\\B1\\B", "\\b", "\\B", "a\\b", "\\bx|y\\B", "^\\bint", "(?i)\\bk\\b", "\\b10\\.1\\b", "\\b\\w+\\b-\\b",
    "c\\B.", "(\\bQ)+", "x\\b$",
  };

  private static final String[] EXTRA_FOLD = {"Kelvin \u212A and long \u017F", "KkSs", "INTERFACE Gi1/0/41"};

  private static List<String> lines() {
    List<String> out = new ArrayList<>(List.of("", " ", "a", "b", "ab", "ac", "bc", "aac", "aaaaab", "aaaaaaaaaaaaaaaaaaaa",
        "xxxxxxxxxxxxxy", "interface GigabitEthernet1/0/41", "interface Gi1/0/4", " description uplink to core",
        "ip address 10.1.2.3 255.255.255.0", "ip address 10.3.2.1", "vlan 100", "vlan 1000", "vlan 10", "permit tcp any host 1.2.3.4",
        "QQQ", "a QQQ", "  QQ Q", "]", "a]", "-x", "cx", "x", "\tx", "x \t", "AB", "ab cd abcde", "cdcdcde", "é", "naïve café",
        "FE80:", "fe80:", "}", "{", "a{,2}", "aa", "aaa", "k", "K", "\u212A", "\u017F", "s", "S", "word-word", "!1", "a b c",
        "hostname r1\r", "trailing space ", "vlan", "xvlan", "vlan10", "vlan 10", "10.1.2", "10.10", "x10.1", "k k", "int",
        "interface", "QQ Q", "a_b", "ab-cd", "-ab-", "1", "11", "111", "c.", "cc", "c"));
    for (String e : EXTRA_FOLD) out.add(e);
    Random r = new Random(17);
    String alphabet = "abcxyQ .-/019\tK\u212A\u017Fé";
    for (int n = 0; n < 400; n++) {
      StringBuilder b = new StringBuilder();
      int len = r.nextInt(12);
      for (int i = 0; i < len; i++) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      out.add(b.toString());
    }
    return out;
  }

  @Test
  void everyPatternItAcceptsMatchesExactlyTheLinesRe2jMatches() {
    List<String> lines = lines();
    int compared = 0;
    for (boolean ignoreCase : new boolean[] {false, true}) {
      for (String re : PATTERNS) {
        Pattern p = Pattern.compile(re, Pattern.MULTILINE | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0));
        LineAutomaton a = LineAutomaton.compile(re, ignoreCase);
        if (a == null) continue;
        compared++;
        for (String line : lines) {
          assertEquals(p.matcher(line).find(), a.matches(line, 0, line.length()),
              "pattern " + re + (ignoreCase ? " (ignoring case)" : "") + " on line \"" + line + "\"");
        }
      }
    }
    assertTrue(compared >= 2 * PATTERNS.length - 12, "only " + compared + " of the patterns ran as an automaton");
  }

  @Test
  void plainTextMatchedIgnoringCaseMatchesAsRe2jDoes() {
    for (String text : new String[] {"Interface", "ip address 10.1.", "a+b (c)", "sk"}) {
      Pattern p = Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE);
      LineAutomaton a = LineAutomaton.literal(text, true);
      assertNotNull(a, text);
      for (String line : lines()) assertEquals(p.matcher(line).find(), a.matches(line, 0, line.length()), text + " / " + line);
    }
  }

  @Test
  void syntaxItDoesNotHandleIsLeftToRe2j() {
    for (String re : new String[] {"(?i:vlan)", "[\\b]", "a(?i)b", "\\pL", "[[:alpha:]]", "a^b", "a$b", "x(^a)", "\\Aa", "\\Qa.b\\E"}) {
      assertNull(LineAutomaton.compile(re, false), re);
    }
    assertNull(LineAutomaton.compile("\u00e9", true), "non-ASCII letters ignoring case use RE2/J's Unicode folding");
  }

  @Test
  void aPatternWhoseDfaWouldBeExponentialStillAnswersOnALongLine() {
    String re = "(a|b)*a(a|b){20}c";
    LineAutomaton a = LineAutomaton.compile(re, false);
    assertNotNull(a);
    Random r = new Random(3);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 200_000; i++) b.append(r.nextBoolean() ? 'a' : 'b');
    String line = b + "c";
    assertEquals(Pattern.compile(re).matcher(line).find(), a.matches(line, 0, line.length()));
    String noC = b.toString();
    assertEquals(false, a.matches(noC, 0, noC.length()));
  }

  @Test
  void aLineWithASurrogatePairIsMatchedByRe2j() {
    String text = "x \uD83D\uDE00 y\nplain x.y\nx.-.y\n";
    Search.Query q = new Search.Query("x.{3}y", true, false, false, 0, 100, java.time.Duration.ofSeconds(5), null);
    List<int[]> found = Search.matchingLines(text, Search.compile(q), LineAutomaton.compile("x.{3}y", false), null, 100);
    assertEquals(List.of(1, 3), found.stream().map(f -> f[0]).toList());
  }
}
