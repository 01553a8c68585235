package dev.patina.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.diff.CleanupRules;
import dev.patina.diff.Normalizer;
import dev.patina.diff.SecretMasker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The credential corpus (src/test/resources/credentials/MODEL.txt, see its README) through the
 * real normaliser: each built-in model's own patterns, then the credential detector.
 */
class CredentialCorpusTest {
  private static final Pattern VALUE = Pattern.compile("\\{\\{(.*?)}}");
  private static final String TAG = "<secret:[0-9a-f]{16}>";
  private final Normalizer normalizer =
      new Normalizer(SecretMasker.withKey("corpus-test-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));

  /** One line of the corpus: the raw text, the values in it, and whether it holds credentials. */
  record Line(int number, String raw, List<String> values, boolean secret, String source) {
    /** The stored form: the raw line with each value replaced by a tag. */
    Pattern expected() {
      Matcher m = VALUE.matcher(source);
      StringBuilder re = new StringBuilder();
      int last = 0;
      while (m.find()) {
        re.append(Pattern.quote(source.substring(last, m.start()))).append(TAG);
        last = m.end();
      }
      return Pattern.compile(re.append(Pattern.quote(source.substring(last))).toString());
    }
  }

  @Test
  void everyBuiltInModelHasACorpusOfAtLeastTwelveCredentialForms() throws IOException {
    for (String model : builtInModels()) {
      Map<String, List<Line>> corpus = corpus(model);
      long forms = corpus.values().stream().flatMap(List::stream).filter(Line::secret).count();
      assertTrue(forms >= 12, model + ".txt has " + forms + " credential lines, at least 12 are expected");
      assertTrue(corpus.values().stream().flatMap(List::stream).anyMatch(l -> !l.secret()),
          model + ".txt has no plain line");
    }
  }

  @TestFactory
  Stream<DynamicTest> eachCredentialIsMaskedAndEachPlainLineStoredUnchangedByItsModel() throws Exception {
    ModelRegistry models = ModelRegistry.load(null);
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : builtInModels()) {
      Model model = models.find(name).orElseThrow();
      tests.add(DynamicTest.dynamicTest(name, () -> {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<Line>> a : corpus(name).entrySet()) {
          check(name, a.getKey(), a.getValue(), model.cleanupFor(a.getKey()), true, problems);
        }
        assertEquals("", String.join("\n", problems));
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> aModelWithNoSecretPatternsStillMasksEveryCredentialOfTheCorpus() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : builtInModels()) {
      tests.add(DynamicTest.dynamicTest(name, () -> {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<Line>> a : corpus(name).entrySet()) {
          check(name, a.getKey(), a.getValue(), CleanupRules.none(), false, problems);
        }
        assertEquals("", String.join("\n", problems));
      }));
    }
    return tests.stream();
  }

  /** Normalises the lines as one artifact; {@code exact}: every line must come out in its expected form. */
  private void check(String model, String artifact, List<Line> lines, CleanupRules rules, boolean exact,
      List<String> problems) {
    StringBuilder raw = new StringBuilder();
    lines.forEach(l -> raw.append(l.raw()).append('\n'));
    String stored = normalizer.normalize(raw.toString(), rules, "corpus-device");
    List<String> out = stored.lines().toList();
    // what patina show/diff/log -p print: the detector again over the stored text, which it must leave as it is
    String shown = normalizer.mask(stored, rules, "corpus-device");
    if (!shown.equals(stored)) {
      List<String> again = shown.lines().toList();
      for (int i = 0; i < Math.min(again.size(), out.size()); i++) {
        if (!again.get(i).equals(out.get(i))) {
          problems.add(model + "/" + artifact + ": stored line masked again when shown: " + out.get(i) + "  ->  "
              + again.get(i));
        }
      }
    }
    if (out.size() != lines.size()) {
      problems.add(model + "/" + artifact + ": " + lines.size() + " lines in, " + out.size() + " out:\n" + out);
      return;
    }
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      String got = out.get(i);
      String where = model + ".txt:" + l.number() + " (" + artifact + ")";
      for (String v : l.values()) {
        if (got.contains(v)) problems.add(where + ": value \"" + v + "\" stored: " + got);
      }
      if (!exact) continue;
      if (l.secret() && !l.expected().matcher(got).matches()) {
        problems.add(where + ": expected " + l.source() + " with each {{value}} a tag, got: " + got);
      } else if (!l.secret() && !got.equals(l.raw())) {
        problems.add(where + ": plain line changed: " + l.raw() + "  ->  " + got);
      }
    }
  }

  private static List<String> builtInModels() throws IOException {
    try (InputStream in = Model.class.getResourceAsStream("/models/index.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
    }
  }

  /** The corpus of a model, by artifact, in file order. */
  static Map<String, List<Line>> corpus(String model) throws IOException {
    String file = "/credentials/" + model + ".txt";
    Map<String, List<Line>> out = new LinkedHashMap<>();
    try (InputStream in = CredentialCorpusTest.class.getResourceAsStream(file)) {
      assertTrue(in != null, "no credential corpus " + file + " for built-in model " + model);
      String artifact = "running-config";
      int number = 0;
      for (String text : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        number++;
        if (text.isBlank() || text.startsWith("#")) continue;
        if (text.startsWith("artifact: ")) {
          artifact = text.substring("artifact: ".length()).strip();
          continue;
        }
        boolean secret = text.startsWith("secret: ");
        assertTrue(secret || text.startsWith("plain: "), file + ":" + number + ": starts with neither secret: nor plain:");
        String source = text.substring(secret ? 8 : 7);
        List<String> values = new ArrayList<>();
        Matcher m = VALUE.matcher(source);
        while (m.find()) values.add(m.group(1));
        assertEquals(secret, !values.isEmpty(), file + ":" + number + ": a secret: line marks its values {{so}}, "
            + "a plain: line has none");
        out.computeIfAbsent(artifact, k -> new ArrayList<>())
            .add(new Line(number, VALUE.matcher(source).replaceAll(r -> Matcher.quoteReplacement(r.group(1))), values,
                secret, source));
      }
    }
    return out;
  }
}
