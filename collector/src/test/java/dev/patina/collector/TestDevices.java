package dev.patina.collector;

import dev.patina.inventory.Device;
import dev.patina.inventory.Secret;
import dev.patina.inventory.SnmpSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Inventory devices for collector tests: only what the collector reads, the rest left empty. */
public final class TestDevices {
  private TestDevices() {}

  /** A device without SNMP settings; {@code password}, {@code enablePassword}, {@code privateKey} may be null. */
  public static Device device(String name, String host, int port, String model, String username, String password,
      String enablePassword, Path privateKey, boolean legacySsh, Map<String, String> vars) {
    return device(name, host, port, model, username, password, enablePassword, privateKey, legacySsh, vars, null);
  }

  public static Device device(String name, String host, int port, String model, String username, String password,
      String enablePassword, Path privateKey, boolean legacySsh, Map<String, String> vars, SnmpSettings snmp) {
    return new Device(name, host, port, model, null, username, secret(password), secret(enablePassword), privateKey,
        legacySsh, snmp, vars, List.of(), null, null, "test");
  }

  private static Secret secret(String value) {
    return value == null ? null : new Secret(value);
  }
}
