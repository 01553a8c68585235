package dev.patina.inventory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One device to back up, with every setting resolved (device over group over defaults).
 * {@code origin} is where it was defined ({@code devices.yaml:14}), for messages.
 */
public record Device(String name, String host, int port, String model, String group, String username,
    Secret password, Secret enablePassword, Path privateKey, boolean legacySsh, SnmpSettings snmp,
    Map<String, String> vars, List<String> mailTo, String schedule, Duration timeout, String origin) {
  public Device {
    vars = Map.copyOf(vars);
    mailTo = List.copyOf(mailTo);
  }

  /** "core-sw1 (192.0.2.1:22)", for messages. */
  public String where() {
    return name + " (" + host + ":" + port + ")";
  }

  /** The same device on another port (a second connection, such as NETCONF's 830). */
  public Device withPort(int otherPort) {
    return new Device(name, host, otherPort, model, group, username, password, enablePassword, privateKey,
        legacySsh, snmp, vars, mailTo, schedule, timeout, origin);
  }
}
