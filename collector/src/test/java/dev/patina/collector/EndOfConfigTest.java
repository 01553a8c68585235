package dev.patina.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.collector.FailureKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A config cut at a line that looks like its end is refused by the built-in models' structural checks. */
class EndOfConfigTest {
  private static ModelRegistry models;

  @BeforeAll
  static void load() throws ModelException {
    models = ModelRegistry.load(null);
  }

  private static ArtifactSpec runningConfig(String model) {
    return models.find(model).orElseThrow().artifacts().stream()
        .filter(a -> a.name().equals("running-config")).findFirst().orElseThrow();
  }

  private static CollectException refused(String model, String text) {
    return assertThrows(CollectException.class, () -> Collector.finish("r1", "running-config", runningConfig(model), text));
  }

  @Test
  void aJunosConfigCutAtAClosingBraceInsideTheHierarchyIsIncomplete() {
    String cut = "system {\n    host-name r1;\n    services {\n        ssh;\n    }\n";
    CollectException e = refused("juniper-junos", cut);
    assertEquals(FailureKind.INCOMPLETE, e.kind());
    assertTrue(e.getMessage().contains("brace"), e.getMessage());
  }

  @Test
  void aJunosConfigWithBracesInQuotedStringsAndBalancedIsWhole() throws CollectException {
    String whole = "system {\n    host-name r1;\n    login {\n        message \"} welcome {\\\" }\";\n    }\n}\n";
    assertEquals(whole, Collector.finish("r1", "running-config", runningConfig("juniper-junos"), whole));
  }

  @Test
  void anIosConfigCutAtAnEndLineInsideABannerIsIncomplete() {
    String cut = "hostname sw1\nbanner motd ^C\nWelcome\nend\n";
    CollectException e = refused("cisco-ios", cut);
    assertEquals(FailureKind.INCOMPLETE, e.kind());
    assertTrue(e.getMessage().contains("banner opened at line 2 is never closed"), e.getMessage());
  }

  @Test
  void anIosConfigWithClosedBannersIsWhole() throws CollectException {
    String whole = "hostname sw1\nbanner exec ^CHi^C\nbanner motd ^C\nend\n^C\nend\n";
    assertEquals(whole, Collector.finish("r1", "running-config", runningConfig("cisco-ios"), whole));
  }

  @Test
  void anAristaConfigCutInsideAnEofBannerIsIncomplete() {
    CollectException e = refused("arista-eos", "hostname a1\nbanner login\nend\n");
    assertTrue(e.getMessage().contains("no EOF"), e.getMessage());
  }

  @Test
  void anUnknownStructureCheckInAModelFileIsNamedWithItsLine() {
    ModelException e = assertThrows(ModelException.class, () -> ModelParser.parse("m.yaml", "m", "test",
        "prompt: '^x#$'\nartifacts:\n  - name: running-config\n    command: show run\n    structure: bracez\n"));
    assertTrue(e.getMessage().contains("m.yaml:5: artifact \"running-config\": structure: unknown check \"bracez\""), e.getMessage());
  }
}
