package dev.patina.collector;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.collector.ssh.TerminalText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/** The prompt.yaml strings of the shared captures are recognised ("pass") or rejected ("fail") by the model's prompt. */
class PromptTest {
  @TestFactory
  Stream<DynamicTest> everyRecordedPromptIsRecognisedOrRejected() throws Exception {
    ModelRegistry models = ModelRegistry.load(null);
    return Captures.all("prompt.yaml").stream().map(file -> DynamicTest.dynamicTest(
        file.getFileName().toString(), () -> {
          Model model = models.find(Captures.model(file)).orElseThrow();
          Map<String, List<Object>> cases = new Yaml().load(Files.readString(file));
          for (String key : List.of("pass", "pass_with_expect")) {
            for (Object s : cases.getOrDefault(key, List.of())) {
              String shown = TerminalText.renderLine(String.valueOf(s));
              assertTrue(model.prompt().matcher(shown).find(), model.name() + " does not recognise " + s);
            }
          }
          // a "fail" string also under "pass_with_expect" fails only before its terminal codes are
          // removed (Oxidized's expect does that); Patina always matches the rendered line
          List<Object> raw = cases.getOrDefault("pass_with_expect", List.of());
          for (Object s : cases.getOrDefault("fail", List.of())) {
            if (raw.contains(s)) {
              continue;
            }
            String shown = TerminalText.renderLine(String.valueOf(s));
            assertFalse(model.prompt().matcher(shown).find(), model.name() + " takes " + s + " for a prompt");
          }
        }));
  }

}
