package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patina.collector.Model;
import dev.patina.collector.ModelRegistry;
import dev.patina.inventory.LegacyImport;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code patina inventory import}: every RANCID and Oxidized type it knows becomes a model Patina has. */
class LegacyImportModelsTest {
  @Test
  void everyImportedTypeNamesABuiltInModel() throws Exception {
    Set<String> models = ModelRegistry.load(null).all().stream().map(Model::name).collect(Collectors.toSet());
    Map<String, String> missing = new TreeMap<>();
    LegacyImport.rancidTypes().forEach((type, model) -> {
      if (!models.contains(model)) missing.put("rancid " + type, model);
    });
    LegacyImport.oxidizedTypes().forEach((type, model) -> {
      if (!models.contains(model)) missing.put("oxidized " + type, model);
    });
    assertEquals(Map.of(), missing, "types mapped to a model that does not exist");
  }

  @Test
  void everyCliModelCanBeReachedFromAnOxidizedType() throws Exception {
    Set<String> mapped = Set.copyOf(LegacyImport.oxidizedTypes().values());
    List<String> unmapped = ModelRegistry.load(null).all().stream().map(Model::name)
        .filter(m -> !mapped.contains(m))
        // models Oxidized has no counterpart for: generic NETCONF and SNMP-only, and the NETCONF flavours
        .filter(m -> !Set.of("netconf", "snmp", "juniper-junos-netconf", "cisco-iosxe-netconf").contains(m))
        .sorted().toList();
    assertEquals(List.of(), unmapped, "models no Oxidized type maps to");
  }
}
