package dev.patina.collector;

import dev.patina.inventory.Device;
import dev.patina.sim.SharedCaptures;
import dev.patina.sim.SimDevice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The shared recorded sessions and the model each capture prefix belongs to. */
final class Captures {
  static final Map<String, String> MODEL_OF = Map.ofEntries(Map.entry("ios", "cisco-ios"),
      Map.entry("nxos", "cisco-nxos"), Map.entry("asa", "cisco-asa"), Map.entry("eos", "arista-eos"),
      Map.entry("junos", "juniper-junos"), Map.entry("procurve", "hp-procurve"),
      Map.entry("h3c", "hpe-comware"), Map.entry("aoscx", "aruba-aoscx"),
      Map.entry("routeros", "mikrotik-routeros"), Map.entry("vyos", "vyos"),
      Map.entry("linuxgeneric", "linux"),
      // more-device-captures
      Map.entry("aosw", "aruba-aos"), Map.entry("arubainstant", "aruba-instant"),
      Map.entry("fortigate", "fortinet-fortigate"), Map.entry("fortios", "fortinet-fortimanager"),
      Map.entry("firelinuxos", "cisco-ftd"), Map.entry("ironware", "ruckus-icx"),
      Map.entry("fastiron", "ruckus-icx"), Map.entry("cumulus", "cumulus-nvue"),
      Map.entry("mlnxos", "nvidia-onyx"), Map.entry("efos", "broadcom-efos"), Map.entry("fsos", "fs-fsos"),
      Map.entry("netgear", "netgear"), Map.entry("tplink", "tplink"), Map.entry("saos10", "ciena-saos10"),
      Map.entry("tnsr", "netgate-tnsr"), Map.entry("pfsense", "pfsense"), Map.entry("opnsense", "opnsense"),
      Map.entry("sonicos", "sonicwall-sonicos"), Map.entry("quantaos", "quanta"), Map.entry("perle", "perle"),
      Map.entry("garderos", "garderos"), Map.entry("eatonnetwork", "eaton-networkm3"),
      Map.entry("apcaos", "apc-aos"), Map.entry("smartbyte", "smartbyte"), Map.entry("vsololt", "vsol-olt"));

  /** The enable password of simulated devices that ask for one. */
  static final String ENABLE = "enable-pw";

  private Captures() {}

  /** The folders of recorded sessions: the first captures and the ones added later. */
  static final List<String> FOLDERS = List.of("device-captures", "more-device-captures");

  static Path dir() {
    return SharedCaptures.dir();
  }

  /**
   * Every file of that kind ("simulation.yaml", "prompt.yaml", ...) in every capture folder;
   * "simulation.yaml" includes the sessions recorded with non-default settings
   * ({@code custom_simulation.yaml}).
   */
  static List<Path> all(String kind) {
    List<Path> found = new java.util.ArrayList<>();
    for (String folder : FOLDERS) {
      Path dir = SharedCaptures.dir(folder); // fails naming where it looked when one is missing
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(p -> p.getFileName().toString().endsWith("#" + kind)
            || (kind.equals("simulation.yaml") && p.getFileName().toString().endsWith("#custom_" + kind)))
            .sorted().forEach(found::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return found;
  }

  static String prefix(Path file) {
    return file.getFileName().toString().split("#")[0];
  }

  /** The model for a capture file's prefix; fails loudly for a prefix nobody mapped yet. */
  static String model(Path file) {
    String model = MODEL_OF.get(prefix(file));
    if (model == null) {
      throw new AssertionError(file.getFileName() + ": no model known for prefix \"" + prefix(file)
          + "\"; add it to Captures.MODEL_OF");
    }
    return model;
  }

  /** A collector target for a running simulated device. */
  static Device target(SimDevice sim, String model) {
    return TestDevices.device("sim-" + model, sim.host(), sim.port(), model, sim.username(), sim.password(),
        ENABLE, null, false, Map.of());
  }
}
