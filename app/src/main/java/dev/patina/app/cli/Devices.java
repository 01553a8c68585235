package dev.patina.app.cli;

import dev.patina.app.Main;
import dev.patina.app.Patina;
import dev.patina.inventory.Device;
import java.util.List;

/** Looks a device up by name, with a helpful error when it is not in the inventory. */
final class Devices {
  private Devices() {}

  static Device find(Patina patina, String name) throws Main.UsageException {
    return patina.inventory().device(name).orElseThrow(() -> new Main.UsageException(
        "no device \"" + name + "\" in " + patina.config().inventory() + similar(patina, name)));
  }

  private static String similar(Patina patina, String name) {
    List<String> close = patina.inventory().closest(name, 3);
    return close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?";
  }
}
