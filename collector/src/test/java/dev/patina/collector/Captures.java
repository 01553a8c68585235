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
  /** The model of each capture prefix: the prefix is Oxidized's model name, which patina import maps. */
  static final Map<String, String> MODEL_OF = dev.patina.inventory.LegacyImport.oxidizedTypes();

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
          + "\"; add it to LegacyImport's Oxidized model names");
    }
    return model;
  }

  /** A collector target for a running simulated device. */
  static Device target(SimDevice sim, String model) {
    return TestDevices.device("sim-" + model, sim.host(), sim.port(), model, sim.username(), sim.password(),
        ENABLE, null, false, Map.of());
  }
}
