package dev.patina.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SearchTest {
  private static Search.Query q(String text, boolean regex, int max, Duration limit) {
    return new Search.Query(text, regex, false, false, 0, max, limit, null);
  }

  @Test
  void aPathologicalRegexOnALongLineAnswersInOnePassWithNoMatch() {
    String line = "a".repeat(200_000);
    Map<String, Map<String, String>> configs = Map.of("sw1", Map.of("running-config", line + "\n"));
    Search.Result r = Search.run(q("(a*)*b", true, 100, Duration.ofSeconds(5)), configs);
    assertEquals(0, r.matchingLines());
    assertEquals(1, r.devicesSearched());
  }

  @Test
  void theResultCapStopsTheSearchAndSaysSo() {
    Map<String, Map<String, String>> configs = new TreeMap<>();
    for (int i = 0; i < 50; i++) configs.put("sw" + i, Map.of("running-config", "vlan 10\nvlan 20\n"));
    Search.Result r = Search.run(q("vlan", false, 25, Duration.ofSeconds(5)), configs);
    assertEquals(25, r.matchingLines());
    assertTrue(r.truncated());
  }

  @Test
  void lineNumbersCountFromOneAndAFinalLineWithoutNewlineIsFound() {
    String text = "one\ntwo\nthree";
    List<int[]> found = Search.matchingLines(text, Search.compile(q("t", false, 10, Duration.ofSeconds(1))), "t", 10);
    assertEquals(2, found.size());
    assertEquals(2, found.get(0)[0]);
    assertEquals(3, found.get(1)[0]);
    List<int[]> anchored = Search.matchingLines(text, Search.compile(q("^t", true, 10, Duration.ofSeconds(1))), null,
        10);
    assertEquals(List.of(2, 3), anchored.stream().map(a -> a[0]).toList());
  }

  @Test
  void theRequiredTextOfAPatternIsOnlyWhatEveryMatchMustContain() {
    assertEquals("interface ", RequiredText.of("^interface .*/0/4[0-9]$"));
    assertEquals("snmp-server community ", RequiredText.of("snmp-server community \\S+"));
    assertEquals("ntp server", RequiredText.of("ntp servers?"), "the optional s is not required");
    assertEquals(null, RequiredText.of("password|secret"));
    assertEquals(null, RequiredText.of("(?i)password"));
    assertEquals(null, RequiredText.of("ab(cdef)?"));
    assertEquals("logging ", RequiredText.of("logging (host )?10\\.1"));
  }

  @Test
  void searchingWithTheRequiredTextFindsTheSameLinesAsTheRegexAlone() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      b.append("interface GigabitEthernet1/0/").append(i % 48).append('\n').append(" description port ").append(i)
          .append('\n').append(i % 7 == 0 ? "ntp server 10.0.0." + i + "\n" : "!\n");
    }
    String text = b.toString();
    for (String re : new String[] {"^interface .*/0/4[0-9]$", "ntp servers? 10\\.0\\.0\\.[0-9]*7$", "port 1[0-9]+$"}) {
      Search.Query q = new Search.Query(re, true, false, false, 0, 10_000, Duration.ofSeconds(5), null);
      com.google.re2j.Pattern p = Search.compile(q);
      List<int[]> plain = Search.matchingLines(text, p, null, null, 10_000);
      List<int[]> filtered = Search.matchingLines(text, p, null, RequiredText.of(re), 10_000);
      assertTrue(RequiredText.of(re) != null, re);
      assertTrue(!plain.isEmpty(), re);
      assertEquals(plain.stream().map(a -> a[0]).toList(), filtered.stream().map(a -> a[0]).toList(), re);
    }
  }

  @Test
  void aRegexWithNoRequiredTextFindsTheSameLinesThroughTheAutomatonAsThroughRe2j() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      b.append("interface GigabitEthernet1/0/").append(i % 48).append('\n').append(" description port ").append(i)
          .append('\n').append(i % 7 == 0 ? " permit tcp 10.0.0." + i + " 0.0.0.255 any eq 22\n" : "!\n");
    }
    String text = b.toString();
    for (String re : new String[] {"\\d+\\.\\d+\\.\\d+\\.\\d+ \\d+\\.\\d+\\.\\d+\\.\\d+", "(permit|deny) tcp .* eq [0-9]+$",
        "^(interface|!)", "port (1|2)[0-9]$", "(?i)PERMIT", "\\b(port|vlan) \\d\\b"}) {
      Search.Query q = new Search.Query(re, true, false, false, 0, 10_000, Duration.ofSeconds(5), null);
      LineAutomaton dfa = LineAutomaton.compile(re, false);
      assertTrue(dfa != null && RequiredText.of(re) == null, re);
      List<int[]> byRe2j = Search.matchingLines(text, Search.compile(q), null, null, 10_000);
      List<int[]> byDfa = Search.matchingLines(text, Search.compile(q), dfa, null, 10_000);
      assertTrue(!byRe2j.isEmpty(), re);
      assertEquals(byRe2j.stream().map(a -> a[0] + ":" + a[1] + "-" + a[2]).toList(),
          byDfa.stream().map(a -> a[0] + ":" + a[1] + "-" + a[2]).toList(), re);
    }
  }
}
