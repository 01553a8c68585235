package dev.patina.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    assertEquals(List.of("apc-aos", "arista-eos", "aruba-aos", "aruba-aoscx", "aruba-instant", "broadcom-efos",
        "checkpoint-gaia", "ciena-saos10", "cisco-aireos", "cisco-asa", "cisco-ftd", "cisco-ios",
        "cisco-iosxe-netconf", "cisco-iosxr", "cisco-nxos", "cumulus-nvue", "dell-os10", "eaton-networkm3",
        "extreme-exos", "f5-tmos", "fortinet-fortigate", "fortinet-fortimanager", "fs-fsos", "garderos",
        "hp-procurve", "hpe-comware", "huawei-vrp", "juniper-junos", "juniper-junos-netconf", "linux",
        "mikrotik-routeros", "netconf", "netgate-tnsr", "netgear", "nokia-sros", "nvidia-onyx", "opnsense",
        "paloalto-panos", "perle", "pfsense", "quanta", "ruckus-icx", "smartbyte", "snmp",
        "sonicwall-sonicos", "tplink", "ubiquiti-edgeos", "vsol-olt", "vyos"),
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
    assertEquals(ModelRegistry.load(null).all().size() + 1, models.all().size());
  }

  @Test
  void autoDetectionPicksEachRecordedPlatformFromItsEnterpriseOidOrSysDescr() throws Exception {
    ModelRegistry models = ModelRegistry.load(null);
    Map<String, String[]> agents = new java.util.LinkedHashMap<>(); // model -> sysObjectID, sysDescr
    agents.put("aruba-aos", new String[] {"1.3.6.1.4.1.14823.1.1.9999", "ArubaOS (MODEL: Aruba7210), Version 8.10.0.7"});
    agents.put("aruba-instant", new String[] {"1.3.6.1.4.1.14823.1.2.100", "ArubaOS (MODEL: 515), Version 8.10.0.6"});
    agents.put("fortinet-fortigate", new String[] {"1.3.6.1.4.1.12356.101.1.5004", "FortiGate-501E"});
    agents.put("fortinet-fortimanager", new String[] {"1.3.6.1.4.1.12356.103.1.1000", "FortiManager-VM64"});
    agents.put("cisco-ftd", new String[] {"1.3.6.1.4.1.9.1.2663", "Cisco Firepower Threat Defense, Version 7.4.2"});
    agents.put("ruckus-icx", new String[] {"1.3.6.1.4.1.1991.1.3.62.2.3.1.1", "Ruckus ICX7150-48ZP Switch, IronWare Version 08.0.95"});
    agents.put("cumulus-nvue", new String[] {"1.3.6.1.4.1.40310", "Cumulus Linux 5.9.2 (Linux Kernel 6.1)"});
    agents.put("nvidia-onyx", new String[] {"1.3.6.1.4.1.33049.2.2.1", "Onyx,x86_64,3.9.2504"});
    agents.put("broadcom-efos", new String[] {"1.3.6.1.4.1.4413.1.1", "EFOS, 3.12.0.1, Linux 5.4.2"});
    agents.put("fs-fsos", new String[] {"1.3.6.1.4.1.52642.1.445.0", "S3400-48T4SP"});
    agents.put("netgear", new String[] {"1.3.6.1.4.1.4526.100.4.58", "GS752TPP ProSAFE 52-port Gigabit Smart Switch"});
    agents.put("tplink", new String[] {"1.3.6.1.4.1.11863.1.1.200", "DeltaStream 8-Port GPON OLT"});
    agents.put("ciena-saos10", new String[] {"1.3.6.1.4.1.1271.3.4.1", "Ciena 5171 saos-10-09-02"});
    agents.put("netgate-tnsr", new String[] {"1.3.6.1.4.1.8072.3.2.10", "Netgate TNSR 24.10"});
    agents.put("pfsense", new String[] {"1.3.6.1.4.1.12325.1.1.2.1.1", "pfSense fw1 2.7.2-RELEASE FreeBSD 14.0"});
    agents.put("opnsense", new String[] {"1.3.6.1.4.1.8072.3.2.8", "OPNsense fw11 24.7 FreeBSD 14.1"});
    agents.put("sonicwall-sonicos", new String[] {"1.3.6.1.4.1.8741.1", "SonicWALL NSA 4650 (SonicOS Enhanced 6.5.4.10)"});
    agents.put("quanta", new String[] {"1.3.6.1.4.1.7244.1.2.1", "LB6M 1.1"});
    agents.put("perle", new String[] {"1.3.6.1.4.1.1966.20.1", "Perle IOLAN SCG50 6.2.G3"});
    agents.put("garderos", new String[] {"1.3.6.1.4.1.8072.3.2.10", "Garderos GRS R-7700"});
    agents.put("eaton-networkm3", new String[] {"1.3.6.1.4.1.534.1", "Eaton Network-M3 2.2.0"});
    agents.put("apc-aos", new String[] {"1.3.6.1.4.1.318.1.3.27", "APC Web/SNMP Management Card (MB:v4.2.5 PF:v2.5.0.8)"});
    agents.put("smartbyte", new String[] {"1.3.6.1.4.1.56166.1.1", "STC-4168XGGCM"});
    agents.put("vsol-olt", new String[] {"1.3.6.1.4.1.37950.1.1.5.10", "V1600G0-B"});
    for (Map.Entry<String, String[]> a : agents.entrySet()) {
      assertEquals(a.getKey(), models.match(a.getValue()[0], a.getValue()[1]).map(Model::name).orElse(null),
          "sysObjectID " + a.getValue()[0] + ", sysDescr \"" + a.getValue()[1] + "\"");
    }
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
  void autoDetectionTellsTheDocumentedPlatformsFromTheirNeighbours() throws Exception {
    ModelRegistry models = ModelRegistry.load(null);
    assertEquals("cisco-iosxr", models.match("1.3.6.1.4.1.9.1.1017", "Cisco IOS XR Software (Cisco ASR9K Series),  Version 7.5.2").orElseThrow().name());
    assertEquals("cisco-aireos", models.match("1.3.6.1.4.1.9.1.2170", "Cisco Controller").orElseThrow().name());
    assertEquals("huawei-vrp", models.match("1.3.6.1.4.1.2011.2.23.529", "S5735-L48T4X-A1\r\nHuawei Versatile Routing Platform Software").orElseThrow().name());
    assertEquals("paloalto-panos", models.match("1.3.6.1.4.1.25461.2.3.38", "Palo Alto Networks PA-3200 series firewall").orElseThrow().name());
    assertEquals("dell-os10", models.match("1.3.6.1.4.1.674.11000.5000.100.2.1.14", "Dell EMC Networking OS10 Enterprise").orElseThrow().name());
    assertEquals("extreme-exos", models.match("1.3.6.1.4.1.1916.2.275", "ExtremeXOS (X460-G2-48p-10G4) version 31.7.1.4").orElseThrow().name());
    assertEquals("ubiquiti-edgeos", models.match("1.3.6.1.4.1.8072.3.2.10", "EdgeOS v2.0.9-hotfix.7.5622731.230615.0857").orElseThrow().name());
    assertEquals("f5-tmos", models.match("1.3.6.1.4.1.3375.2.1.3.4.113", "BIG-IP i5800 : Linux 3.10.0").orElseThrow().name());
    assertEquals("checkpoint-gaia", models.match("1.3.6.1.4.1.2620.1.6.123.1.49", "Check Point gw1-ams").orElseThrow().name());
    assertEquals("nokia-sros", models.match("1.3.6.1.4.1.6527.1.3.17", "TiMOS-C-23.10.R1 cpm/hops64 Nokia 7750 SR").orElseThrow().name());
  }

  @Test
  void aModelFileThatIsNotUtf8IsNamedAndTheOtherFilesAreStillChecked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Files.write(dir.resolve("latin1.yaml"), "description: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    java.nio.file.Files.writeString(dir.resolve("other.yaml"), "prompt: '^x#$'\nartifacts: []\nbogus: 1\n");
    ModelException e = org.junit.jupiter.api.Assertions.assertThrows(ModelException.class, () -> ModelRegistry.load(dir));
    assertTrue(e.getMessage().contains(dir.resolve("latin1.yaml") + ": not UTF-8 text; save it as UTF-8"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.resolve("other.yaml") + ":3:"), e.getMessage());
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
  void aModelSaysWhetherItWasCheckedOnRecordedOrOnDocumentedSessionsAndNothingElse() throws Exception {
    assertEquals("recorded", ModelRegistry.load(null).find("cisco-ios").orElseThrow().proof());
    Files.writeString(dir.resolve("acme-os.yaml"), "session: exec\nartifacts: [{ name: x, command: y }]\n");
    assertEquals("", ModelRegistry.load(dir).find("acme-os").orElseThrow().proof(), "a user model need not say");
    Files.writeString(dir.resolve("acme-os.yaml"), "proof: tested\nsession: exec\nartifacts: [{ name: x, command: y }]\n");
    ModelException e = assertThrows(ModelException.class, () -> ModelRegistry.load(dir));
    assertEquals(dir.resolve("acme-os.yaml") + ":1: proof must be recorded (checked against sessions recorded from real"
        + " devices) or documented (written from the vendor's documentation), not \"tested\"", e.getMessage());
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
