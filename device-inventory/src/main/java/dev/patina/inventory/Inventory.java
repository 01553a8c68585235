package dev.patina.inventory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The devices and groups of one inventory file. */
public record Inventory(Path source, List<Device> devices, Map<String, Group> groups) {
  public Inventory {
    devices = List.copyOf(devices);
    groups = Map.copyOf(groups);
  }

  public Optional<Device> device(String name) {
    return devices.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** Up to {@code max} device names closest to {@code name} (edit distance), for "did you mean". */
  public List<String> closest(String name, int max) {
    return devices.stream().map(Device::name)
        .sorted(java.util.Comparator.comparingInt((String n) -> Fields.distance(n, name)).thenComparing(n -> n))
        .limit(max).toList();
  }
}
