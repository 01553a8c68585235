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
      Map.entry("linuxgeneric", "linux"));

  /** The enable password of simulated devices that ask for one. */
  static final String ENABLE = "enable-pw";

  private Captures() {}

  static Path dir() {
    return SharedCaptures.dir();
  }

  /** Every file of that kind ("simulation.yaml", "prompt.yaml", ...). */
  static List<Path> all(String kind) {
    try (Stream<Path> files = Files.list(dir())) {
      return files.filter(p -> p.getFileName().toString().endsWith("#" + kind)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
