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
  void withoutAClusterKeyTheServiceIsASingleNode() throws Exception {
    Path file = dir.resolve("patina.yaml");
    Files.writeString(file, "repository: repo\n");
    assertNull(new ServiceConfigLoader().load(file).cluster());
    assertNull(ServiceConfigLoader.defaults(dir).cluster());
  }

  @Test
  void clusterReadsTheDatabaseWithReferencesTheNodeAndItsZones() throws Exception {
    Files.writeString(dir.resolve("db.pw"), "from-a-file\n");
    Path file = dir.resolve("patina.yaml");
    Files.writeString(file, """
        cluster:
          database: { url: "jdbc:postgresql://db.example.net:5432/patina", user: "${env:DB_USER}", password: "${file:db.pw}" }
          node: collector-1
          zones: [ dc1, dmz ]
        """);
    ClusterSettings c = new ServiceConfigLoader(Map.of("DB_USER", "patina")::get, () -> "ignored").load(file).cluster();
    assertEquals("jdbc:postgresql://db.example.net:5432/patina", c.url());
    assertEquals("patina", c.user());
    assertEquals("from-a-file", c.password().value());
    assertEquals("collector-1", c.node());
    assertEquals(List.of("dc1", "dmz"), c.zones());
  }

  @Test
  void theNodeNameDefaultsToTheHostNameAndTheZonesToTheDefaultZone() throws Exception {
    Path file = dir.resolve("patina.yaml");
    Files.writeString(file, """
        cluster:
          database: { url: "jdbc:postgresql://127.0.0.1:5432/patina", user: patina }
        """);
    ClusterSettings c = new ServiceConfigLoader(Map.<String, String>of()::get, () -> "backup-host").load(file).cluster();
    assertEquals("backup-host", c.node());
    assertEquals(List.of("default"), c.zones());
    assertNull(c.password());
  }

  @Test
  void clusterMistakesNameTheirLines() throws Exception {
    Path file = dir.resolve("patina.yaml");
    Files.writeString(file, """
        cluster:
          database: { url: "jdbc:mysql://db/patina", usr: patina }
          node: "collector 1"
          zones: []
        """);
    ConfigException e = assertThrows(ConfigException.class,
        () -> new ServiceConfigLoader(Map.<String, String>of()::get, () -> "h").load(file));
    String m = e.getMessage();
    assertTrue(m.contains("patina.yaml:2: cluster: database: unknown key \"usr\"; did you mean \"user\"?"), m);
    assertTrue(m.contains("patina.yaml:2: cluster: database: \"url\" must start with jdbc:postgresql://"), m);
    assertTrue(m.contains("patina.yaml:2: cluster: database: the database needs a \"user\""), m);
    assertTrue(m.contains("patina.yaml:3: cluster: the node name \"collector 1\" may contain only"), m);
    assertTrue(m.contains("patina.yaml:4: cluster: \"zones\" is empty"), m);
  }
}
