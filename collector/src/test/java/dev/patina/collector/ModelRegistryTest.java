package dev.patina.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Built-in models load; a user folder adds and overrides; mistakes are reported with file and line. */
class ModelRegistryTest {
  @TempDir
  Path dir;

  @Test
  void everyBuiltInModelLoadsAndStaysShort() throws Exception {
    ModelRegistry models = ModelRegistry.load(null);
    assertEquals(List.of("arista-eos", "aruba-aoscx", "cisco-asa", "cisco-ios", "cisco-nxos", "hp-procurve",
        "hpe-comware", "juniper-junos", "linux", "mikrotik-routeros", "vyos"),
        models.all().stream().map(Model::name).toList());
    for (Model m : models.all()) {
      assertEquals("built-in", m.source());
      try (var in = ModelRegistry.class.getResourceAsStream("/models/" + m.name() + ".yaml")) {
        long lines = new String(in.readAllBytes()).lines().count();
        assertTrue(lines < 60, m.name() + " has " + lines + " lines");
      }
    }
  }

  @Test
  void aUserModelAddsAndAnotherOverridesWithItsPathAsSource() throws Exception {
    Files.writeString(dir.resolve("acme-os.yaml"), """
        prompt: '^\\w+>$'
        artifacts:
          - { name: running-config, command: show config, complete: '^# end$' }
        """);
    Files.writeString(dir.resolve("cisco-ios.yaml"), """
        prompt: '^\\S+#$'
        login: [terminal length 0]
        artifacts:
          - { name: running-config, command: show running-config, drop: ['^!'] }
        """);
    ModelRegistry models = ModelRegistry.load(dir);
    Model acme = models.find("acme-os").orElseThrow();
    assertEquals(dir.resolve("acme-os.yaml").toString(), acme.source());
    Model ios = models.find("cisco-ios").orElseThrow();
    assertEquals(dir.resolve("cisco-ios.yaml").toString(), ios.source());
    assertEquals("^!", ios.cleanupFor("running-config").dropLines().getFirst().pattern());
    assertEquals(12, models.all().size());
  }

  @Test
  void mistakesNameTheFileAndLine() throws Exception {
    Files.writeString(dir.resolve("broken.yaml"), """
        prompt: '^\\w+>$'
        sesion: shell
        artifacts:
          - name: running-config
            command: show config
            complete: '^(end$'
          - name: version
        """);
    ModelException e = assertThrows(ModelException.class, () -> ModelRegistry.load(dir));
    String file = dir.resolve("broken.yaml").toString();
    assertEquals(List.of(
        file + ":2: model: unknown key \"sesion\"; known keys: artifacts, description, enable, errors, login, match, name, pager, prompt, session, vars",
        file + ":6: bad regex ^(end$: Unclosed group at index 6",
        file + ":7: artifact \"version\" has no source: give command, file, scp, sysctl, snmp or netconf"),
        e.problems());
  }

  @Test
  void aNameThatDiffersFromTheFileIsRefused() throws Exception {
    Files.writeString(dir.resolve("acme.yaml"), "name: acme-os\nsession: exec\nartifacts: [{ name: x, command: y }]\n");
    ModelException e = assertThrows(ModelException.class, () -> ModelRegistry.load(dir));
    assertEquals(dir.resolve("acme.yaml") + ":1: name \"acme-os\" differs from the file name; call the file acme-os.yaml or change the name",
        e.getMessage());
  }
}
