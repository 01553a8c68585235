package dev.patina.inventory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The devices and groups of one inventory file. Looking a device up by name is a map lookup: a
 * cluster node looks up every device it claims, and the node that owns a run every device of it,
 * which was a scan of the whole list each time (10,000 devices: 10^8 comparisons a run).
 */
public final class Inventory {
  private final Path source;
  private final List<Device> devices;
  private final Map<String, Group> groups;
  private final Map<String, Device> byName;

  public Inventory(Path source, List<Device> devices, Map<String, Group> groups) {
    this.source = source;
    this.devices = List.copyOf(devices);
    this.groups = Map.copyOf(groups);
    Map<String, Device> named = new HashMap<>(this.devices.size() * 2);
    for (Device d : this.devices) named.putIfAbsent(d.name(), d); // the loader refuses duplicates; the first wins
    this.byName = named;
  }

  /** The file the inventory was read from. */
  public Path source() {
    return source;
  }

  /** The devices, in the file's order. */
  public List<Device> devices() {
    return devices;
  }

  /** The groups by name. */
  public Map<String, Group> groups() {
    return groups;
  }

  public Optional<Device> device(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Up to {@code max} device names closest to {@code name} (edit distance), for "did you mean". */
  public List<String> closest(String name, int max) {
    return devices.stream().map(Device::name)
        .sorted(java.util.Comparator.comparingInt((String n) -> Fields.distance(n, name)).thenComparing(n -> n))
        .limit(max).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Inventory i && Objects.equals(source, i.source) && devices.equals(i.devices)
        && groups.equals(i.groups);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, devices, groups);
  }

  @Override
  public String toString() {
    return "Inventory[" + source + ", " + devices.size() + " devices, " + groups.size() + " groups]";
  }
}
