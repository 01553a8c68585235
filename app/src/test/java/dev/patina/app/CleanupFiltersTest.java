package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.collector.ArtifactSpec;
import dev.patina.collector.Model;
import dev.patina.collector.ModelRegistry;
import dev.patina.diff.CleanupRules;
import dev.patina.diff.Normalizer;
import dev.patina.diff.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The normaliser runs a pattern only on lines containing its required text. This checks that
 * shortcut against the plain rule (every pattern tried on every line), for every drop and secret
 * pattern of every built-in model, on every line of every recorded session: same output.
 */
class CleanupFiltersTest {
  private static final SecretMasker MASKER = SecretMasker.withKey("0123456789abcdef0123456789abcdef"
      .getBytes(StandardCharsets.US_ASCII));

  @Test
  void filteredCleanupEqualsTryingEveryPatternOnEveryLine() throws Exception {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(TestFleet.captures())) {
      for (Path f : files.sorted().toList()) lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
    }
    assertTrue(lines.size() > 3000, "read the captures: " + lines.size());
    Normalizer normalizer = new Normalizer(MASKER);
    int rules = 0;
    int touched = 0;
    List<String> problems = new ArrayList<>();
    for (Model model : ModelRegistry.load(null).all()) {
      for (ArtifactSpec spec : model.artifacts()) {
        CleanupRules cleanup = spec.cleanup();
        if (cleanup.dropLines().isEmpty() && cleanup.secrets().isEmpty()) continue;
        rules++;
        for (String line : lines) {
          String expected = plain(line.stripTrailing(), cleanup.dropLines(), cleanup.secrets());
          String actual = normalizer.normalize(line, cleanup);
          if (!expected.equals(actual) && problems.size() < 20) {
            problems.add(model.name() + "/" + spec.name() + ": \"" + line + "\" -> \"" + actual + "\", not \""
                + expected + "\"");
          }
          if (!expected.equals(line.stripTrailing().isEmpty() ? "" : line.stripTrailing() + "\n")) touched++;
        }
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(rules >= 10, "artifacts with cleanup rules: " + rules);
    assertTrue(touched > 100, "lines dropped or masked by some model: " + touched);
  }

  /** The rule without any shortcut: drop when any pattern finds, else mask with each in turn. */
  private static String plain(String line, List<Pattern> drop, List<Pattern> secrets) {
    for (Pattern p : drop) {
      if (p.matcher(line).find()) return "";
    }
    String current = line;
    for (Pattern p : secrets) {
      Matcher m = p.matcher(current);
      StringBuilder sb = new StringBuilder();
      int last = 0;
      boolean named = p.pattern().contains("(?<secret>");
      while (m.find()) {
        int group = named ? m.pattern().namedGroups().get("secret") : (m.groupCount() >= 1 ? 1 : 0);
        int start = m.start(group);
        int end = m.end(group);
        if (start < 0 || end <= start || current.startsWith("<secret:", start)) continue;
        sb.append(current, last, start).append(MASKER.token(current.substring(start, end)));
        last = end;
      }
      sb.append(current, last, current.length());
      current = sb.toString();
    }
    return current.isEmpty() ? "" : current + "\n";
  }
}
