package dev.patina.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryLoaderTest {
  private static final Set<String> MODELS = Set.of("cisco-ios", "cisco-nxos", "vyos", "hp-procurve", "linux", "auto");
  private static final Map<String, String> ENV = Map.of("WRONG_TIMEOUT", "EnvSecretValue77", "NET_PASSWORD", "hunter2-net", "SNMP_AUTH", "authpass-123",
      "SNMP_PRIV", "privpass-456");

  @TempDir Path dir;

  private Inventory load(String yaml) throws IOException, ConfigException {
    Path file = dir.resolve("devices.yaml");
    Files.writeString(file, yaml);
    return new InventoryLoader(MODELS, ENV::get).load(file);
  }

  private ConfigException broken(String yaml) throws IOException {
    return assertThrows(ConfigException.class, () -> load(yaml));
  }

  @Test
  void devicesTakeSettingsFromThemselvesThenTheirGroupThenTheDefaults() throws Exception {
    Inventory inv = load("""
        defaults: { username: backup, password: "${env:NET_PASSWORD}", timeout: 2m }
        groups:
          core: { model: cisco-ios, schedule: "0 */15 * * * ?", mail-to: [core@example.net] }
        devices:
          - { name: core-sw1, host: 192.0.2.1, group: core }
          - { name: access-12, host: 192.0.2.12, model: hp-procurve, port: 2222, legacy-ssh: true }
          - name: nat-1
            host: nat-1.example.net
            model: linux
            username: root
            vars: { bonding-glob: /tmp/bonding/* }
        """);
    assertEquals(3, inv.devices().size());
    Device core = inv.device("core-sw1").orElseThrow();
    assertEquals("cisco-ios", core.model());
    assertEquals("backup", core.username());
    assertEquals("hunter2-net", core.password().value());
    assertEquals("0 */15 * * * ?", core.schedule());
    assertEquals(List.of("core@example.net"), core.mailTo());
    assertEquals(Duration.ofMinutes(2), core.timeout());
    assertEquals(22, core.port());
    assertEquals("devices.yaml:5", core.origin());
    Device access = inv.device("access-12").orElseThrow();
    assertEquals(2222, access.port());
    assertTrue(access.legacySsh());
    assertEquals("root", inv.device("nat-1").orElseThrow().username());
    assertEquals(Map.of("bonding-glob", "/tmp/bonding/*"), inv.device("nat-1").orElseThrow().vars());
    assertTrue(inv.device("core-sw9").isEmpty());
  }

  @Test
  void namesAGitCloneCannotCheckOutOrThatReadAsAnOptionAreRefusedEachWithItsLine() throws Exception {
    ConfigException e = broken("""
        defaults: { username: u, password: p, model: cisco-ios }
        devices:
          - { name: ok-1, host: 192.0.2.1 }
          - { name: .git, host: 192.0.2.2 }
          - { name: "...", host: 192.0.2.3 }
          - { name: -rf, host: 192.0.2.4 }
          - { name: .GIT, host: 192.0.2.5 }
          - { name: sw1., host: 192.0.2.6 }
          - { name: nul, host: 192.0.2.7 }
          - { name: _tmp, host: 192.0.2.8 }
        """);
    for (int line = 4; line <= 10; line++) {
      assertTrue(e.getMessage().contains("devices.yaml:" + line + ": device "), line + ": " + e.getMessage());
    }
    assertTrue(e.getMessage().contains(":4: device \".git\": name may contain only letters, digits, '.', '_' and '-',"
        + " and must begin with a letter or digit"), e.getMessage());
    assertTrue(!e.getMessage().contains(":3:"), e.getMessage());
  }

  @Test
  void anInventoryOfAHundredThousandDevicesIsRead() throws Exception {
    StringBuilder yaml = new StringBuilder("defaults: { username: u, password: p, model: cisco-ios }\ndevices:\n");
    for (int i = 0; i < 100_000; i++) {
      yaml.append("  - { name: access-sw-").append(i).append(", host: 10.").append(i >> 16).append('.')
          .append((i >> 8) & 255).append('.').append(i & 255).append(", group: null }\n");
    }
    Inventory inv = load(yaml.toString().replace(", group: null", ""));
    assertEquals(100_000, inv.devices().size());
  }

  @Test
  void anUnsafeNameIsReportedWithItsLine() throws Exception {
    ConfigException e = broken("""
        defaults: { username: u, password: p, model: cisco-ios }
        devices:
          - { name: ok-1, host: 192.0.2.1 }
          - { name: "core sw1", host: 192.0.2.2 }
          - { name: "../etc", host: 192.0.2.3 }
        """);
    assertTrue(e.getMessage().contains(dir.resolve("devices.yaml") + ":4: device \"core sw1\": name may contain only letters, digits, '.', '_' and '-'"), e.getMessage());
    assertTrue(e.getMessage().contains(":5: device \"../etc\""), e.getMessage());
  }

  @Test
  void everyMistakeIsReportedTogetherEachWithItsLine() throws Exception {
    ConfigException e = broken("""
        defaults: { username: u, password: p }
        devices:
          - { name: a, host: 192.0.2.1, model: cisco-ios, mailto: [x@example.net] }
          - { name: a, host: 192.0.2.2, model: cisco-ios }
          - { name: c, host: 192.0.2.3, model: juniper-junoz }
          - { name: d, host: 192.0.2.4, model: cisco-ios, group: nowhere }
          - { name: e, model: cisco-ios, port: 70000 }
          - { name: f, host: 192.0.2.6, model: cisco-ios, timeout: soon }
          - { name: g, host: 192.0.2.7, model: cisco-iso }
          - { name: h, host: 192.0.2.8, model: procurve }
          - { name: i, host: 192.0.2.9, model: nxos }
        """);
    List<String> lines = e.problems().stream().map(Problem::toString).toList();
    String all = String.join("\n", lines);
    assertTrue(all.contains(":3: device \"a\": unknown key \"mailto\"; did you mean \"mail-to\"?"), all);
    assertTrue(all.contains(":4: device \"a\": the name is already used on line 3"), all);
    assertTrue(all.contains(":5: device \"c\": unknown model \"juniper-junoz\"; run `patina models`"), all);
    assertTrue(all.contains(":9: device \"g\": unknown model \"cisco-iso\"; did you mean \"cisco-ios\"?"), all);
    assertTrue(all.contains(":10: device \"h\": unknown model \"procurve\"; did you mean \"hp-procurve\"?"), all);
    assertTrue(all.contains(":11: device \"i\": unknown model \"nxos\"; did you mean \"cisco-nxos\"?"), all);
    assertTrue(all.contains(":6: device \"d\": unknown group \"nowhere\""), all);
    assertTrue(all.contains(":7: device \"e\": has no \"host\""), all);
    assertTrue(all.contains(":7: device \"e\": \"port\" must be between 1 and 65535, not 70000"), all);
    assertTrue(all.contains(":8: device \"f\": \"timeout\" must be a duration"), all);
  }

  @Test
  void missingCredentialsAreAnErrorButAnSnmpOnlyDeviceIsValid() throws Exception {
    ConfigException e = broken("""
        devices:
          - { name: a, host: 192.0.2.1, model: cisco-ios }
        """);
    assertTrue(e.getMessage().contains(":2: device \"a\": has no \"username\""), e.getMessage());
    Inventory inv = load("""
        devices:
          - { name: dist-4, host: 192.0.2.40, model: auto,
              snmp: { version: 3, user: mon, auth: "SHA-256:${env:SNMP_AUTH}", priv: "AES-128:${env:SNMP_PRIV}" } }
          - { name: dist-5, host: 192.0.2.41, model: auto, snmp: { community: ro-community } }
        """);
    SnmpSettings v3 = inv.device("dist-4").orElseThrow().snmp();
    assertEquals(3, v3.version());
    assertEquals("SHA-256", v3.authProtocol());
    assertEquals("authpass-123", v3.authPassword().value());
    assertEquals("AES-128", v3.privProtocol());
    assertNull(inv.device("dist-4").orElseThrow().username());
    assertEquals(2, inv.device("dist-5").orElseThrow().snmp().version());
  }

  @Test
  void modelAutoNeedsSnmpAndBadSnmpProtocolsAreNamed() throws Exception {
    ConfigException e = broken("""
        defaults: { username: u, password: p }
        devices:
          - { name: a, host: 192.0.2.1, model: auto }
          - { name: b, host: 192.0.2.2, model: cisco-ios, snmp: { version: 3, user: m, auth: "SHA-999:abcdefgh" } }
        """);
    assertTrue(e.getMessage().contains(":3: device \"a\": model \"auto\" detects the model over SNMP"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown SNMP auth protocol \"SHA-999\""), e.getMessage());
  }

  @Test
  void undefinedEnvironmentVariablesAndUnreadableFilesAreErrors() throws Exception {
    ConfigException e = broken("""
        defaults: { username: u, model: cisco-ios }
        devices:
          - { name: a, host: 192.0.2.1, password: "${env:NOT_SET_ANYWHERE}" }
          - { name: b, host: 192.0.2.2, password: "${file:no/such/file}" }
        """);
    assertTrue(e.getMessage().contains(":3: device \"a\": \"password\" uses ${env:NOT_SET_ANYWHERE} but the environment variable NOT_SET_ANYWHERE is not set"), e.getMessage());
    assertTrue(e.getMessage().contains(":4: device \"b\": \"password\" uses ${file:no/such/file} but"), e.getMessage());
  }

  @Test
  void fileReferencesReadTheFileRelativeToTheInventory() throws Exception {
    Files.writeString(dir.resolve("enable.txt"), "en-secret\n");
    Inventory inv = load("""
        devices:
          - { name: a, host: 192.0.2.1, model: cisco-ios, username: u, password: p, enable-password: "${file:enable.txt}" }
        """);
    assertEquals("en-secret", inv.device("a").orElseThrow().enablePassword().value());
  }

  @Test
  void secretsNeverShowInTextOrErrors() throws Exception {
    Inventory inv = load("""
        devices:
          - { name: a, host: 192.0.2.1, model: cisco-ios, username: u, password: "${env:NET_PASSWORD}" }
        """);
    assertFalse(inv.device("a").orElseThrow().toString().contains("hunter2-net"));
    ConfigException e = broken("""
        devices:
          - { name: a, host: 192.0.2.1, model: nope, username: u, password: "hunter2-net" }
        """);
    assertFalse(e.getMessage().contains("hunter2-net"));
  }

  @Test
  void aReferenceUnderTheWrongKeyIsNamedInTheErrorAndItsContentNeverPrinted() throws Exception {
    Files.writeString(dir.resolve("shadow"), "root:$6$Zq9salt$HashOfRootXyz:19000:0:99999:7:::\n"
        + "ops:$6$Zq8salt$HashOfOpsXyz:19000:0:99999:7:::\n");
    ConfigException e = broken("""
        groups:
          g: { model: "${file:shadow}" }
        devices:
          - { name: a, host: 192.0.2.1, port: "${file:shadow}", model: cisco-ios, username: u, password: p }
          - { name: b, host: 192.0.2.2, group: "${file:shadow}", model: cisco-ios, username: u, password: p }
          - { name: c, host: 192.0.2.3, model: "${file:shadow}", username: u, password: p }
          - { name: d, host: 192.0.2.4, model: cisco-ios, username: u, password: p, timeout: "${env:WRONG_TIMEOUT}" }
          - { name: e, host: 192.0.2.5, model: cisco-ios, username: u, password: p, legacy-ssh: "${file:shadow}" }
        """);
    String m = e.getMessage();
    for (String leak : List.of("HashOfRootXyz", "HashOfOpsXyz", "root:", "EnvSecretValue77")) {
      assertFalse(m.contains(leak), "\"" + leak + "\" printed:\n" + m);
    }
    assertTrue(m.contains(":4: device \"a\": \"port\" must be a whole number, not \"${file:shadow}\""), m);
    assertTrue(m.contains("${env:WRONG_TIMEOUT}"), m);
    assertEquals(6, e.problems().size(), m);
  }

  @Test
  void yamlSyntaxErrorsAndEmptyOrMissingFilesAreClear() throws Exception {
    ConfigException syntax = broken("devices:\n  - { name: a, host: [unclosed\n");
    assertTrue(syntax.getMessage().contains("YAML syntax error"), syntax.getMessage());
    ConfigException empty = broken("");
    assertTrue(empty.getMessage().contains("is empty"), empty.getMessage());
    ConfigException missing = assertThrows(ConfigException.class,
        () -> new InventoryLoader(MODELS, ENV::get).load(dir.resolve("nope.yaml")));
    assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
  }

  @Test
  void aBadCronScheduleIsCaughtBeforeTheFirstRun() throws Exception {
    ConfigException e = broken("""
        groups: { core: { schedule: "*/15 * * * *" } }
        devices:
          - { name: a, host: 192.0.2.1, model: cisco-ios, username: u, password: p, group: core }
        """);
    assertTrue(e.getMessage().contains(":1: group \"core\": \"schedule\" must be a Quartz cron expression with 6 or 7 fields"), e.getMessage());
  }

  @Test
  void aScheduleQuartzWouldRefuseAtServeTimeIsRefusedByTheCheckWithItsLine() throws Exception {
    ConfigException e = broken("""
        groups:
          core: { schedule: "0 0 * * * ?" }
          night: { schedule: "0 0 25 * * ?" }
        devices:
          - { name: a, host: 192.0.2.1, model: cisco-ios, username: u, password: p, group: core,
              schedule: "0 61 * * * ?" }
        """);
    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains(":3: group \"night\": \"schedule\": \"0 0 25 * * ?\" is not a valid Quartz cron "
        + "expression: Hour values must be between 0 and 23"), e.getMessage());
    assertTrue(e.getMessage().contains(":6: device \"a\": \"schedule\": \"0 61 * * * ?\" is not a valid Quartz cron "
        + "expression: Minute and Second values must be between 0 and 59"), e.getMessage());
  }

  @Test
  void aDeviceTakesItsZoneFromItselfItsGroupOrTheDefaultsAndOtherwiseIsInTheDefaultZone() throws Exception {
    Inventory inv = load("""
        defaults: { username: backup, password: pw, model: cisco-ios }
        groups:
          dmz: { zone: dmz }
        devices:
          - { name: fw-1, host: 192.0.2.1, group: dmz }
          - { name: fw-2, host: 192.0.2.2, group: dmz, zone: dc1 }
          - { name: core-1, host: 192.0.2.3 }
        """);
    assertEquals(List.of("dmz", "dc1", "default"), inv.devices().stream().map(Device::zone).toList());
  }

  @Test
  void aZoneNameThatCannotBeOneIsRefusedWithItsLine() throws Exception {
    ConfigException e = broken("""
        defaults: { username: backup, password: pw, model: cisco-ios }
        devices:
          - { name: fw-1, host: 192.0.2.1, zone: "dc 1" }
        """);
    assertTrue(e.getMessage().contains("devices.yaml:3: device \"fw-1\": a zone name may contain only letters"),
        e.getMessage());
  }
}
