package dev.patina.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.sim.SharedCaptures;
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
      "^Current configuration\\s*:",
      "(?:password|secret)(?: [0-9])? (?<secret>\\S+)\\s*$",
      "^\\s*% ?(Invalid input|Incomplete command|Ambiguous command|Unknown command)",
      "(?<!no )shutdown",
      "^(?:interface|router) \\S+|^hostname",
      "\\p{Alpha}+ \\x{41}BC[a-z]{2}(?=xyz)tail",
      "^\\s*\"(?<secret>[0-9a-fA-F]{40,})\"\\s*$").map(Pattern::compile).toList();

  @Test
  void theLiteralIsWhatAMatchMustContain() {
    assertEquals(List.of("enable "), RequiredLiteral.of(PATTERNS.get(0)));
    assertEquals(List.of("username "), RequiredLiteral.of(PATTERNS.get(1)), "the literal before an escape counts");
    assertEquals(List.of("snmp-server community "), RequiredLiteral.of(PATTERNS.get(2)));
    assertEquals(List.of("key"), RequiredLiteral.of(PATTERNS.get(3)));
    assertEquals(List.of("set service snmp community "), RequiredLiteral.of(PATTERNS.get(6)), "(?i): lower case");
    assertEquals(List.of(), RequiredLiteral.of(PATTERNS.get(9)), "alternatives shorter than three characters: none");
    assertEquals(List.of("colo"), RequiredLiteral.of(PATTERNS.get(10)), "the optional u ends the run");
    assertEquals(List.of("Current configuration"), RequiredLiteral.of(PATTERNS.get(11)));
    assertEquals(List.of("password", "secret"), RequiredLiteral.of(PATTERNS.get(12)), "a required group: any of");
    assertEquals(List.of("Invalid input", "Incomplete command", "Ambiguous command", "Unknown command"),
        RequiredLiteral.of(PATTERNS.get(13)));
    assertEquals(List.of("shutdown"), RequiredLiteral.of(PATTERNS.get(14)), "a lookbehind requires nothing");
    assertEquals(List.of("interface", "router", "hostname"), RequiredLiteral.of(PATTERNS.get(15)),
        "top-level alternatives: any of their own requirements");
    assertEquals(List.of("tail"), RequiredLiteral.of(PATTERNS.get(16)),
        "escapes with braces, classes with counts and lookaheads contribute nothing");
    assertEquals(List.of(), RequiredLiteral.of(PATTERNS.get(17)), "a count is not text");
    assertEquals(List.of(), RequiredLiteral.of(Pattern.compile("abc(?i)def")), "inline flags part-way: no filter");
    assertEquals(List.of(), RequiredLiteral.of(Pattern.compile("\\Qa.b|c\\E")), "quoting: no filter");
    assertEquals(List.of(), RequiredLiteral.of(Pattern.compile("foo bar", Pattern.COMMENTS)), "other flags: no filter");
  }

  @Test
  void noLineOfAnyRecordedSessionIsSkippedThatThePatternWouldMatch() throws IOException {
    Path captures = SharedCaptures.dir();
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(captures)) {
      for (Path f : files.toList()) lines.addAll(Files.readAllLines(f));
    }
    lines.addAll(List.of("colour red", "color blue", "SET SERVICE SNMP COMMUNITY x", " key 7 0822455D0A16", "a", "b",
        " password 7 0822455D0A16", "secret 5 $1$abc", "% Invalid input detected", "shutdown", " no shutdown",
        "router ospf 1", "hostname x", "Word ABCde tail",
        " \"1111111111111111111111111111111111111111\""));
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
