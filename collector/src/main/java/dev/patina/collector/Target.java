package dev.patina.collector;

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
 */
public record Target(String name, String host, int port, String model, String username,
    String password, String enablePassword, Path privateKey, boolean legacySsh,
    Map<String, String> vars) {
  public Target {
    vars = Map.copyOf(vars);
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
