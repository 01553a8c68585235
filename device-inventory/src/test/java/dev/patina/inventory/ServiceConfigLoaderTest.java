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

  @Test
  void changeListenersReadTheirAddressesCommunitiesAndV3UsersWithSecretsFromTheEnvironment() throws Exception {
    Path file = dir.resolve("patina.yaml");
    Files.writeString(file, """
        changes:
          syslog: [udp://0.0.0.0:514, "tcp://[::1]:6514"]
          traps:
            listen: udp://127.0.0.1:1162
            communities: ["${env:TRAP_COMMUNITY}"]
            users:
              - { user: patina, auth: "SHA-256:${env:SNMP_AUTH}", priv: "AES-128:${env:SNMP_PRIV}" }
          relays: [192.0.2.250]
          quiet: 2s
          max-per-minute: 10
        """);
    ServiceConfig c = new ServiceConfigLoader(Map.of("TRAP_COMMUNITY", "s3cret-trap", "SNMP_AUTH", "auth-key-1",
        "SNMP_PRIV", "priv-key-1")::get).load(file);
    ChangeSettings ch = c.changes();
    assertEquals("[udp://0.0.0.0:514, tcp://[::1]:6514]", ch.syslog().toString());
    assertEquals("udp://127.0.0.1:1162", ch.traps().listen().toString());
    assertEquals("s3cret-trap", ch.traps().communities().get(0).value());
    ChangeSettings.User u = ch.traps().users().get(0);
    assertEquals(List.of("patina", "SHA-256", "auth-key-1", "AES-128", "priv-key-1"),
        List.of(u.name(), u.authProtocol(), u.authKey().value(), u.privProtocol(), u.privKey().value()));
    assertEquals(List.of("192.0.2.250"), ch.relays());
    assertEquals(Duration.ofSeconds(2), ch.quiet());
    assertEquals(10, ch.perMinute());
    assertNull(ServiceConfigLoader.defaults(dir).changes(), "no changes: section, no listeners");
  }

  @Test
  void aWrongListenerAddressOrAWeakV3KeyIsNamedWithItsLine() throws Exception {
    Path file = dir.resolve("patina.yaml");
    Files.writeString(file, """
        changes:
          syslog: [udp:514]
          traps:
            listen: tcp://0.0.0.0:162
            users: [{ user: patina, auth: "SHA-256:short" }]
          quite: 5s
        """);
    ConfigException e = assertThrows(ConfigException.class, () -> new ServiceConfigLoader().load(file));
    String m = e.getMessage();
    assertTrue(m.contains("patina.yaml:2: changes: \"udp:514\" is not a listening address; write udp://HOST:PORT"), m);
    assertTrue(m.contains("patina.yaml:4: changes: traps: SNMP notifications are received over UDP"), m);
    assertTrue(m.contains("patina.yaml:5: changes: traps: users: SNMPv3 auth passwords must have at least 8"), m);
    assertTrue(m.contains("patina.yaml:6: changes: unknown key \"quite\"; did you mean \"quiet\"?"), m);
  }

  @Test
  void theHttpSectionGivesListenTlsUsersAuthAndAMetricsToken() throws Exception {
    Path file = dir.resolve("patina.yaml");
    Files.writeString(file, """
        http:
          listen: 0.0.0.0:8443
          tls: { cert: tls/web.crt, key: tls/web.key }
          users: web-users
          auth: users
          metrics-token: "${env:SCRAPE}"
        """);
    ServiceConfig c = new ServiceConfigLoader(Map.of("SCRAPE", "t0ken")::get).load(file);
    assertEquals("0.0.0.0:8443", c.http().listen());
    assertEquals(dir.resolve("tls/web.crt"), c.http().tlsCert());
    assertEquals(dir.resolve("tls/web.key"), c.http().tlsKey());
    assertEquals(dir.resolve("web-users"), c.http().usersFile());
    assertEquals("users", c.http().auth());
    assertEquals("t0ken", c.http().metricsToken().value());
    HttpSettings none = ServiceConfigLoader.defaults(dir).http();
    assertEquals("127.0.0.1:8080", none.listen());
    assertEquals(dir.resolve(".patina/users"), none.usersFile());
    assertNull(none.auth());
  }

  @Test
  void aBadHttpSectionNamesTheLineAndWhatToWrite() throws Exception {
    Path file = dir.resolve("patina.yaml");
    Files.writeString(file, """
        http:
          listen: everywhere
          tls: { cert: web.crt }
          auth: maybe
        """);
    ConfigException e = assertThrows(ConfigException.class, () -> new ServiceConfigLoader().load(file));
    assertTrue(e.getMessage().contains("patina.yaml:2") && e.getMessage().contains("HOST:PORT"), e.getMessage());
    assertTrue(e.getMessage().contains("both \"cert\" and \"key\""), e.getMessage());
    assertTrue(e.getMessage().contains("patina.yaml:4") && e.getMessage().contains("users"), e.getMessage());
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

  @Test
  void clusterCheckInAndLeaseAreDurationsWithDefaultsOfFiveAndThirtySeconds() throws Exception {
    Path file = dir.resolve("patina.yaml");
    Files.writeString(file, """
        cluster:
          database: { url: "jdbc:postgresql://127.0.0.1:5432/patina", user: patina }
          check-in: 500ms
          lease: 4s
        """);
    ClusterSettings c = new ServiceConfigLoader(Map.<String, String>of()::get, () -> "h").load(file).cluster();
    assertEquals(java.time.Duration.ofMillis(500), c.checkIn());
    assertEquals(java.time.Duration.ofSeconds(4), c.lease());
    assertEquals(java.time.Duration.ofMillis(1500), c.liveness());
    Files.writeString(file, """
        cluster:
          database: { url: "jdbc:postgresql://127.0.0.1:5432/patina", user: patina }
        """);
    ClusterSettings d = new ServiceConfigLoader(Map.<String, String>of()::get, () -> "h").load(file).cluster();
    assertEquals(java.time.Duration.ofSeconds(5), d.checkIn());
    assertEquals(java.time.Duration.ofSeconds(30), d.lease());
    Files.writeString(file, """
        cluster:
          database: { url: "jdbc:postgresql://127.0.0.1:5432/patina", user: patina }
          check-in: 5
          lease: 10ms
        """);
    ConfigException e = assertThrows(ConfigException.class,
        () -> new ServiceConfigLoader(Map.<String, String>of()::get, () -> "h").load(file));
    assertTrue(e.getMessage().contains("patina.yaml:3: cluster: \"check-in\": 5 needs a unit"), e.getMessage());
    assertTrue(e.getMessage().contains("patina.yaml:4: cluster: \"lease\""), e.getMessage());
  }
}
