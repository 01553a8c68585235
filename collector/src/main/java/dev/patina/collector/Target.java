package dev.patina.collector;

import dev.patina.inventory.Device;
import dev.patina.inventory.SnmpSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where and how to log in to one device: what the collector needs of an inventory device.
 *
 * @param name device name, used in messages
 * @param model model name
 * @param password nullable; never logged
 * @param enablePassword nullable; never logged
 * @param privateKey nullable OpenSSH/PEM private key file
 * @param legacySsh allow ssh-rsa host keys, SHA-1 Diffie-Hellman groups and CBC ciphers
 * @param vars model setting overrides (file paths, ...)
 * @param snmp nullable SNMP settings (for {@code snmp:} sources and {@code model: auto})
 */
public record Target(String name, String host, int port, String model, String username,
    String password, String enablePassword, Path privateKey, boolean legacySsh,
    Map<String, String> vars, SnmpSettings snmp) {
  public Target {
    vars = Map.copyOf(vars);
  }

  /** A target without SNMP settings. */
  public Target(String name, String host, int port, String model, String username, String password,
      String enablePassword, Path privateKey, boolean legacySsh, Map<String, String> vars) {
    this(name, host, port, model, username, password, enablePassword, privateKey, legacySsh, vars, null);
  }

  /** What the collector needs of an inventory device. */
  public static Target of(Device d) {
    return new Target(d.name(), d.host(), d.port(), d.model(), d.username(),
        d.password() == null ? null : d.password().value(),
        d.enablePassword() == null ? null : d.enablePassword().value(), d.privateKey(), d.legacySsh(), d.vars(),
        d.snmp());
  }

  /** "core-sw1 (192.0.2.1:22)". */
  public String where() {
    return name + " (" + host + ":" + port + ")";
  }

  @Override
  public String toString() {
    return "Target[" + where() + ", model " + model + ", user " + username + "]";
  }
}
