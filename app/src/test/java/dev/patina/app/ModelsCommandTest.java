package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code patina models}: per model its source, proof, transports and artifacts, one line each. */
class ModelsCommandTest {
  @Test
  void everyModelShowsWhereItComesFromWhatProvesItHowItIsReachedAndWhatItStores(@TempDir Path dir) throws Exception {
    Path cfg = TestFleet.serviceConfig(dir, 2525);
    Files.writeString(cfg, Files.readString(cfg) + "models: models\n");
    Files.createDirectories(dir.resolve("models"));
    Files.writeString(dir.resolve("models/acme-os.yaml"), """
        prompt: '^\\w+>$'
        artifacts:
          - { name: running-config, command: show config, complete: '^# end$' }
        """);
    TestFleet.Result r = TestFleet.run("--config", cfg.toString(), "models");
    assertEquals(0, r.status(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertEquals("MODEL                    SOURCE    PROOF                     TRANSPORTS           ARTIFACTS", lines.getFirst());
    assertTrue(lines.contains("acme-os                  user      -                         ssh shell            running-config"
        + "   (" + dir.resolve("models/acme-os.yaml") + ")"), r.out());
    assertTrue(lines.contains("cisco-ios                built-in  recorded                  ssh shell            "
        + "version, inventory, running-config"), r.out());
    assertTrue(lines.contains("cisco-iosxr              built-in  documented, not recorded  ssh shell            "
        + "version, inventory, running-config"), r.out());
    assertTrue(lines.contains("hp-procurve              built-in  recorded                  ssh shell, scp       "
        + "version, running-config"), r.out());
    assertTrue(lines.contains("juniper-junos-netconf    built-in  documented, not recorded  netconf              "
        + "running-config, netconf-capabilities"), r.out());
    assertTrue(lines.stream().anyMatch(l -> l.matches("linux +built-in +documented, not recorded +sftp, ssh exec +interfaces, .*")),
        r.out());
    for (String documented : List.of("cisco-iosxr", "huawei-vrp", "paloalto-panos", "dell-os10", "extreme-exos",
        "ubiquiti-edgeos", "cisco-aireos", "f5-tmos", "checkpoint-gaia", "nokia-sros")) {
      assertTrue(lines.stream().anyMatch(l -> l.startsWith(documented + " ") && l.contains(" documented, not recorded ")),
          documented + " is not shown as documented, not recorded:\n" + r.out());
    }
  }
}
