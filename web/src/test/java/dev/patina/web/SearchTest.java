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
}
