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
}
