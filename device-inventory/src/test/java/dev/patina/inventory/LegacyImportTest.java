package dev.patina.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegacyImportTest {
  private static final Set<String> MODELS = Set.of("cisco-ios", "cisco-nxos", "juniper-junos", "hp-procurve",
      "arista-eos", "hpe-comware", "mikrotik-routeros", "vyos", "cisco-asa", "aruba-aoscx", "linux", "cisco-iosxr",
      "paloalto-panos", "nokia-sros", "cisco-aireos", "fortinet-fortigate", "fortinet-fortimanager", "ruckus-icx",
      "aruba-aos");
  @TempDir Path dir;

  private Inventory load(String yaml, Map<String, String> env) throws Exception {
    Path f = dir.resolve("devices.yaml");
    Files.writeString(f, yaml);
    return new InventoryLoader(MODELS, env::get).load(f);
  }

  @Test
  void aRancidRouterDbBecomesAnInventoryPatinaLoads() throws Exception {
    Path db = dir.resolve("router.db");
    Files.writeString(db, """
        # core
        core-sw1.example.net;cisco;up
        edge-1.example.net;juniper;up;border router
        old-sw;hp;down
        dc-leaf-3:arista:up
        """);
    String yaml = LegacyImport.fromRancid(db);
    assertTrue(yaml.contains("  # old-sw is marked down in router.db\n"), yaml);
    Inventory inv = load(yaml, Map.of("NET_USER", "rancid", "NET_PASSWORD", "pw"));
    assertEquals(List.of("core-sw1.example.net", "edge-1.example.net", "dc-leaf-3"),
        inv.devices().stream().map(Device::name).toList());
    assertEquals("juniper-junos", inv.device("edge-1.example.net").orElseThrow().model());
    assertEquals("arista-eos", inv.device("dc-leaf-3").orElseThrow().model());
    assertEquals("rancid", inv.device("dc-leaf-3").orElseThrow().username());
  }

  @Test
  void anOxidizedCsvKeepsItsCredentialsAndMapsItsModels() throws Exception {
    Path csv = dir.resolve("router.db");
    Files.writeString(csv, "sw1:ios:backup:s3cr\"et\nfw1:asa\nsrv1:linuxgeneric:root:\n");
    String yaml = LegacyImport.fromOxidizedCsv(csv);
    assertTrue(yaml.contains("Passwords are as they were in the CSV"), yaml);
    Inventory inv = load(yaml, Map.of("NET_USER", "u", "NET_PASSWORD", "p"));
    assertEquals("cisco-ios", inv.device("sw1").orElseThrow().model());
    assertEquals("s3cr\"et", inv.device("sw1").orElseThrow().password().value());
    assertEquals("cisco-asa", inv.device("fw1").orElseThrow().model());
    assertEquals("root", inv.device("srv1").orElseThrow().username());
    assertEquals("p", inv.device("srv1").orElseThrow().password().value(), "an empty password takes the default");
  }

  @Test
  void typesOfPlatformsModelledFromDocumentationMapToThoseModels() throws Exception {
    Path db = dir.resolve("router.db");
    Files.writeString(db, "pe1;cisco-xr;up\nfw1;paloalto;up\nwlc1;cisco-wlc5;up\n");
    Inventory rancid = load(LegacyImport.fromRancid(db), Map.of("NET_USER", "u", "NET_PASSWORD", "p"));
    assertEquals(List.of("cisco-iosxr", "paloalto-panos", "cisco-aireos"),
        rancid.devices().stream().map(Device::model).toList());
    Path csv = dir.resolve("oxidized.csv");
    Files.writeString(csv, "pe2:srosmd\npe3:iosxr\n");
    Inventory oxidized = load(LegacyImport.fromOxidizedCsv(csv), Map.of("NET_USER", "u", "NET_PASSWORD", "p"));
    assertEquals(List.of("nokia-sros", "cisco-iosxr"), oxidized.devices().stream().map(Device::model).toList());
  }

  @Test
  void typesOfRecordedPlatformsMapToTheirModelsAndOxidizedsFortiosIsNotAFortiGate() throws Exception {
    Path db = dir.resolve("router.db");
    Files.writeString(db, "fw1;fortigate;up\nsw1;foundry;up\n");
    Inventory rancid = load(LegacyImport.fromRancid(db), Map.of("NET_USER", "u", "NET_PASSWORD", "p"));
    assertEquals(List.of("fortinet-fortigate", "ruckus-icx"), rancid.devices().stream().map(Device::model).toList());
    Path csv = dir.resolve("oxidized.csv");
    Files.writeString(csv, "fw2:fortigate\nfmg1:fortios\nmc1:aosw\n");
    Inventory oxidized = load(LegacyImport.fromOxidizedCsv(csv), Map.of("NET_USER", "u", "NET_PASSWORD", "p"));
    assertEquals(List.of("fortinet-fortigate", "fortinet-fortimanager", "aruba-aos"),
        oxidized.devices().stream().map(Device::model).toList());
  }

  @Test
  void unknownTypesAndUnsafeNamesAreErrorsWithTheirLines() throws Exception {
    Path db = dir.resolve("router.db");
    Files.writeString(db, "ok-1;cisco;up\nfw-9;toaster;up\nbad name;cisco;up\njunk\n");
    ConfigException e = assertThrows(ConfigException.class, () -> LegacyImport.fromRancid(db));
    assertEquals(3, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("router.db:2: device \"fw-9\": no Patina model for type \"toaster\""), e.getMessage());
    assertTrue(e.getMessage().contains("router.db:3: device \"bad name\": name may contain only"), e.getMessage());
    assertTrue(e.getMessage().contains("router.db:4: expected name;type;state"), e.getMessage());
  }
}
