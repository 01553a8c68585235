package dev.patina.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
  void aRejectedCommandIsSeenWhereDevicesReportItAndNotInTheDataBelow() throws Exception {
    Model ios = ModelRegistry.load(null).find("cisco-ios").orElseThrow();
    assertEquals("% Invalid input detected at '^' marker.",
        ios.rejected(List.of("show foo", "         ^", "% Invalid input detected at '^' marker.", "")));
    List<String> config = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) config.add(i == 30 ? "% Invalid input is what our banner says" : "interface Gi0/" + i);
    assertEquals(null, ios.rejected(config), "a config line far down is data, not an error");
  }

  @Test
  void everyBuiltInModelLoadsAndStaysShort() throws Exception {
    ModelRegistry models = ModelRegistry.load(null);
    assertEquals(List.of("arista-eos", "aruba-aoscx", "cisco-asa", "cisco-ios", "cisco-iosxe-netconf", "cisco-nxos",
        "hp-procurve", "hpe-comware", "juniper-junos", "juniper-junos-netconf", "linux", "mikrotik-routeros",
        "netconf", "snmp", "vyos"),
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
    assertEquals(16, models.all().size());
  }

  @Test
  void autoDetectionWeighsSysDescrAboveTheLongestSysObjectIdPrefix() throws Exception {
    ModelRegistry models = ModelRegistry.load(null);
    assertEquals("cisco-nxos", models.match("1.3.6.1.4.1.9.12.3.1.3.1812", "Cisco NX-OS(tm) nxos").orElseThrow().name());
    assertEquals("hpe-comware", models.match("1.3.6.1.4.1.25506.11.1.239", "HPE Comware Platform Software").orElseThrow().name());
    assertEquals("vyos", models.match("1.3.6.1.4.1.8072.3.2.10", "VyOS 1.4.3").orElseThrow().name());
    assertEquals("cisco-asa", models.match("1.3.6.1.4.1.9.1.1408", "Cisco Adaptive Security Appliance Version 9.12").orElseThrow().name());
    assertEquals("cisco-ios", models.match("1.3.6.1.4.1.9.1.2694", "Cisco IOS Software [Cupertino], Catalyst L3").orElseThrow().name());
    assertTrue(models.match("1.3.6.1.4.1.99999.1", "Toaster OS").isEmpty());
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
        file + ":2: unknown key \"sesion\"; did you mean \"session\"?",
        file + ":6: artifact \"running-config\": \"complete\": bad regex ^(end$: Unclosed group at index 6",
        file + ":7: artifact \"version\" has no source: give command, file, scp, sysctl, bonding, vrrp, snmp or netconf"),
        e.problems());
  }

  @Test
  void aModelReadsYesAsTrueAndSuggestsTheKeyMeantLikeAnInventory() throws Exception {
    Files.writeString(dir.resolve("acme-os.yaml"), """
        session: exec
        artifacts:
          - { name: version, command: uname -a, optional: yes }
          - { name: motd, file: /etc/motd, optional: no }
        """);
    Model acme = ModelRegistry.load(dir).find("acme-os").orElseThrow();
    assertTrue(acme.artifacts().get(0).optional(), "optional: yes");
    assertFalse(acme.artifacts().get(1).optional(), "optional: no");

    Files.writeString(dir.resolve("acme-os.yaml"), """
        session: exec
        artifacts:
          - { name: version, comand: uname -a, optional: maybe }
        """);
    ModelException e = assertThrows(ModelException.class, () -> ModelRegistry.load(dir));
    String file = dir.resolve("acme-os.yaml").toString();
    assertEquals(List.of(
        file + ":3: artifact \"version\": unknown key \"comand\"; did you mean \"command\"?",
        file + ":3: artifact \"version\" has no source: give command, file, scp, sysctl, bonding, vrrp, snmp or netconf",
        file + ":3: artifact \"version\": \"optional\" must be true or false, not \"maybe\""),
        e.problems());
  }

  @Test
  void aModelTakesDollarBracesLiterallyForTheDeviceVariables() throws Exception {
    Files.writeString(dir.resolve("acme-os.yaml"), """
        session: exec
        vars: { conf: '${env:HOME}/x' }
        artifacts: [{ name: conf, file: '${conf}' }]
        """);
    Model acme = ModelRegistry.load(dir).find("acme-os").orElseThrow();
    assertEquals("${env:HOME}/x", acme.vars().get("conf"));
    assertEquals("${conf}", acme.artifacts().getFirst().sources().getFirst().target());
  }

  @Test
  void aNameThatDiffersFromTheFileIsRefused() throws Exception {
    Files.writeString(dir.resolve("acme.yaml"), "name: acme-os\nsession: exec\nartifacts: [{ name: x, command: y }]\n");
    ModelException e = assertThrows(ModelException.class, () -> ModelRegistry.load(dir));
    assertEquals(dir.resolve("acme.yaml") + ":1: name \"acme-os\" differs from the file name; call the file acme-os.yaml or change the name",
        e.getMessage());
  }
}
