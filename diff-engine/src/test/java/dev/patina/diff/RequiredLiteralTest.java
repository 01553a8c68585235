package dev.patina.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RequiredLiteralTest {
  /** Patterns in the styles the models use: anchored, grouped alternations, optional prefixes, (?i). */
  private static final List<Pattern> PATTERNS = Stream.of(
      "^\\s*enable (?:secret|password)(?: \\d+)? (?<secret>\\S+)",
      "^\\s*username \\S+(?: privilege \\d+)? (?:secret|password)(?: \\d+)? (?<secret>\\S+)",
      "^\\s*snmp-server community (?<secret>\\S+)",
      "(?:server-)?key(?: [07])? (?<secret>\\S+)\\s*$",
      "community \"(?<secret>[^\"]+)\"",
      "\\b(?:encrypted-password|password|secret) \"(?<secret>[^\"]+)\"",
      "(?i)^\\s*set service snmp community (\\S+)",
      "^! Last configuration change",
      "^\\s*ntp clock-period",
      "a|b",
      "colou?r (\\w+)",
      "^Current configuration\\s*:").map(Pattern::compile).toList();

  @Test
  void theLiteralIsWhatAMatchMustContain() {
    assertEquals("enable ", RequiredLiteral.of(PATTERNS.get(0)));
    assertEquals("snmp-server community ", RequiredLiteral.of(PATTERNS.get(2)));
    assertEquals("key", RequiredLiteral.of(PATTERNS.get(3)));
    assertEquals(" set service snmp community ".strip().toLowerCase() + " ", RequiredLiteral.of(PATTERNS.get(6)));
    assertEquals("", RequiredLiteral.of(PATTERNS.get(9)), "a top-level alternation has no required literal");
    assertEquals("colo", RequiredLiteral.of(PATTERNS.get(10)), "the optional u ends the run");
  }

  @Test
  void noLineOfAnyRecordedSessionIsSkippedThatThePatternWouldMatch() throws IOException {
    Path captures = Path.of(System.getProperty("patina.shared", "/work/shared"), "device-captures");
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(captures)) {
      for (Path f : files.toList()) lines.addAll(Files.readAllLines(f));
    }
    lines.addAll(List.of("colour red", "color blue", "SET SERVICE SNMP COMMUNITY x", " key 7 0822455D0A16", "a", "b"));
    assertTrue(lines.size() > 3000, "read the captures: " + lines.size());
    int checked = 0;
    for (Pattern p : PATTERNS) {
      for (String line : lines) {
        if (p.matcher(line).find()) {
          checked++;
          assertTrue(RequiredLiteral.mayMatch(p, line), "skipped a matching line: " + p + " / " + line);
        }
      }
    }
    assertTrue(checked > 20, "matching lines seen: " + checked);
  }
}
