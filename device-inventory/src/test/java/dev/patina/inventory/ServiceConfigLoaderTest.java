package dev.patina.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void relativePathsResolveAgainstTheFileAndUnsetValuesTakeDefaults() throws Exception {
    Path file = dir.resolve("patina.yaml");
    Files.writeString(file, """
        repository: { path: repo }
        inventory: inv/devices.yaml
        timeouts: { command: 30s }
        mail:
          smtp: { host: 127.0.0.1, port: 2525, tls: starttls, user: patina, password: "${env:SMTP_PW}" }
          from: patina@example.net
          to: [netops@example.net]
          max-size: 512KiB
        secrets: { key-file: keys/secret.key }
        """);
    ServiceConfig c = new ServiceConfigLoader(Map.of("SMTP_PW", "mail-pw")::get).load(file);
    assertEquals(dir.resolve("repo"), c.repository());
    assertEquals(dir.resolve("inv/devices.yaml"), c.inventory());
    assertEquals(Duration.ofSeconds(30), c.timeouts().command());
    assertEquals(Duration.ofSeconds(10), c.timeouts().connect());
    assertEquals(64, c.concurrency());
    assertEquals("starttls", c.mail().tls());
    assertEquals("mail-pw", c.mail().password().value());
    assertEquals(512 * 1024, c.mail().maxBytes());
    assertEquals(List.of("netops@example.net"), c.mail().to());
    assertEquals(3, c.mail().alertAfterFailures());
    assertEquals(dir.resolve("keys/secret.key"), c.secretKeyFile());
    assertEquals(dir.resolve(".patina/known_hosts"), c.knownHosts());
    assertNull(c.push());
  }

  @Test
  void defaultsWithoutAFileLiveBelowTheFolder() {
    ServiceConfig c = ServiceConfigLoader.defaults(dir);
    assertEquals(dir.resolve("patina-repo"), c.repository());
    assertEquals(dir.resolve("devices.yaml"), c.inventory());
    assertNull(c.mail());
  }

  @Test
  void mistakesNameTheLineAndASecretKeyInsideTheRepositoryIsRefused() throws Exception {
    Path file = dir.resolve("patina.yaml");
    Files.writeString(file, """
        repository: { path: repo }
        concurency: 8
        mail: { smtp: { host: h, tls: ssl }, to: [a@b] }
        secrets: { key-file: repo/secret.key }
        """);
    ConfigException e = assertThrows(ConfigException.class, () -> new ServiceConfigLoader().load(file));
    String m = e.getMessage();
    assertTrue(m.contains("patina.yaml:2: unknown key \"concurency\"; did you mean \"concurrency\"?"), m);
    assertTrue(m.contains(":3: mail: smtp: \"tls\" must be none, starttls or smtps"), m);
    assertTrue(m.contains("mail needs a \"from\" address"), m);
    assertTrue(m.contains(":4: the secret key must live outside the repository"), m);
  }

  @Test
  void durationsWithoutAUnitTooShortLimitsAndBadMailValuesAreRefusedEachWithItsLine() throws Exception {
    Path file = dir.resolve("patina.yaml");
    Files.writeString(file, """
        repository: { path: repo }
        timeouts:
          command: 10
          device: 1ms
        mail:
          smtp: { host: "", port: 25 }
          from: "not an address"
          to: notalist
        """);
    ConfigException e = assertThrows(ConfigException.class, () -> new ServiceConfigLoader().load(file));
    String m = e.getMessage();
    assertTrue(m.contains("patina.yaml:3: timeouts: \"command\": 10 needs a unit: write 10s for seconds"), m);
    assertTrue(m.contains("patina.yaml:4: timeouts: \"device\" must be at least 1s, not 1ms"), m);
    assertTrue(m.contains("patina.yaml:6: mail: smtp: \"host\" must be the SMTP server's name or address"), m);
    assertTrue(m.contains("patina.yaml:7: mail: \"from\" must be a mail address"), m);
    assertTrue(m.contains("patina.yaml:8: mail: \"to\" must list mail addresses"), m);
  }

  @Test
  void anAliasBombIsRefusedWithTheLineWhereTheAliasesGoTooFar() throws Exception {
    StringBuilder yaml = new StringBuilder("repository: { path: repo }\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (int level = 0; level < 3; level++) {
      yaml.append("l").append(level).append(": &l").append(level).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(10, level == 0 ? "*a" : "*l" + (level - 1))))
          .append("]\n");
    }
    Path file = dir.resolve("patina.yaml");
    Files.writeString(file, yaml.toString());
    ConfigException e = assertThrows(ConfigException.class, () -> new ServiceConfigLoader().load(file));
    assertTrue(e.getMessage().contains("patina.yaml:5: more than 20 aliases"), e.getMessage());
  }
}
