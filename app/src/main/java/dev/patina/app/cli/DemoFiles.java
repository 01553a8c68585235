package dev.patina.app.cli;

import dev.patina.sim.SimDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the demo's patina.yaml and devices.yaml, pointing at the simulated devices. */
final class DemoFiles {
  record Entry(String name, String model, SimDevice sim) {}

  private DemoFiles() {}

  static Path write(Path dir, int smtpPort, List<Entry> devices) throws IOException {
    Path config = dir.resolve("patina.yaml");
    Files.writeString(config, """
        # Written by `patina demo`: a complete service configuration.
        repository: { path: patina-repo }
        inventory: devices.yaml
        concurrency: 8
        timeouts: { connect: 5s, command: 20s, device: 60s }
        mail:
          smtp: { host: 127.0.0.1, port: %d, tls: none }
          from: patina@demo.invalid
          to: [netops@demo.invalid]
        secrets: { key-file: .patina/secret.key }   # outside the repository
        known-hosts: .patina/known_hosts
        outbox: .patina/outbox
        state-dir: .patina
        """.formatted(smtpPort));
    StringBuilder inv = new StringBuilder("""
        # Written by `patina demo`: simulated devices on loopback.
        defaults: { username: patina, password: "${file:%s}" }
        devices:
        """.formatted(dir.resolve(".patina/device-password")));
    Files.createDirectories(dir.resolve(".patina"));
    Files.writeString(dir.resolve(".patina/device-password"), devices.get(0).sim().password() + "\n");
    for (Entry e : devices) {
      inv.append(String.format("  - { name: %s, host: %s, port: %d, model: %s }%n", e.name(), e.sim().host(),
          e.sim().port(), e.model()));
    }
    Files.writeString(dir.resolve("devices.yaml"), inv.toString());
    return config;
  }
}
