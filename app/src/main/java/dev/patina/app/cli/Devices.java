package dev.patina.app.cli;

import dev.patina.app.Main;
import dev.patina.app.Patina;
import dev.patina.inventory.Device;
import java.util.Comparator;
import java.util.List;

/** Looks a device up by name, with a helpful error when it is not in the inventory. */
final class Devices {
  private Devices() {}

  static Device find(Patina patina, String name) throws Main.UsageException {
    return patina.inventory().device(name).orElseThrow(() -> new Main.UsageException(
        "no device \"" + name + "\" in " + patina.config().inventory() + similar(patina, name)));
  }

  private static String similar(Patina patina, String name) {
    List<String> close = patina.inventory().devices().stream().map(Device::name)
        .sorted(Comparator.comparingInt(n -> distance(n, name))).limit(3).toList();
    return close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?";
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      int[] cur = new int[b.length() + 1];
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      prev = cur;
    }
    return prev[b.length()];
  }
}
