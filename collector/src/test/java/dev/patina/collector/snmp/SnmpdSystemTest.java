package dev.patina.collector.snmp;

import dev.patina.collector.FailureKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.collector.CollectException;
import dev.patina.collector.Collector;
import dev.patina.inventory.Timeouts;
import dev.patina.collector.HostKeyStore;
import dev.patina.collector.ModelRegistry;
import dev.patina.collector.Snapshot;
import dev.patina.collector.TestDevices;
import dev.patina.inventory.Device;
import dev.patina.inventory.Secret;
import dev.patina.inventory.SnmpSettings;
import dev.patina.sim.os.Snmpd;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SNMP collector against the real Net-SNMP snmpd from Debian, over v2c and v3 authPriv. */
class SnmpdSystemTest {
  @TempDir static Path dir;
  private static Snmpd snmpd;
  private static Collector collector;

  @BeforeAll
  static void startSnmpd() throws Exception {
    snmpd = Snmpd.start(dir.resolve("snmpd"), List.of(
        "rocommunity patina-ro 127.0.0.1",
        "createUser patinav3 SHA-256 \"auth-pass-123\" AES \"priv-pass-456\"",
        "rouser patinav3 priv",
        "sysName snmp-host-1",
        "sysLocation lab rack 4",
        "sysContact netops@example.net"));
    collector = new Collector(ModelRegistry.load(null), new HostKeyStore(dir.resolve("kh")),
        Timeouts.defaults());
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        collector.collect(target(v2c("patina-ro")));
        return;
      } catch (CollectException notYet) {
        if (System.nanoTime() > deadline || !snmpd.isAlive()) throw new AssertionError("snmpd not up: " + snmpd.log(), notYet);
        LockSupport.parkNanos(100_000_000L);
      }
    }
  }

  @AfterAll
  static void stop() {
    if (snmpd != null) snmpd.close();
  }

  static SnmpSettings v2c(String community) {
    return new SnmpSettings(2, snmpd.port(), new Secret(community), null, null, null, null, null,
        Duration.ofMillis(500), 1);
  }

  static SnmpSettings v3(String auth, String priv) {
    return new SnmpSettings(3, snmpd.port(), null, "patinav3", "SHA-256", new Secret(auth), "AES-128", new Secret(priv),
        Duration.ofMillis(500), 1);
  }

  static Device target(SnmpSettings s) {
    return TestDevices.device("snmp-host-1", "127.0.0.1", 22, "snmp", null, null, null, null, false, Map.of(), s);
  }

  @Test
  void systemAndInterfacesAreReadOverV2c() throws Exception {
    Snapshot s = collector.collect(target(v2c("patina-ro")));
    String system = s.artifacts().get("state/system");
    assertTrue(system.contains("sysName: snmp-host-1\n"), system);
    assertTrue(system.contains("sysLocation: lab rack 4\n"), system);
    assertTrue(system.contains("sysObjectID: 1.3.6.1.4.1.8072.3.2.10\n"), system);
    String interfaces = s.artifacts().get("state/interfaces");
    assertTrue(interfaces.contains("interface 1 lo\n"), interfaces);
    assertTrue(interfaces.contains("  oper: up\n"), interfaces);
    assertTrue(!interfaces.contains("octets"), "no counters");
  }

  @Test
  void theSameIsReadOverV3AuthPrivWithSha256AndAes() throws Exception {
    Snapshot s = collector.collect(target(v3("auth-pass-123", "priv-pass-456")));
    assertTrue(s.artifacts().get("state/system").contains("sysName: snmp-host-1\n"));
    assertEquals(collector.collect(target(v2c("patina-ro"))).artifacts().get("state/interfaces"),
        s.artifacts().get("state/interfaces"), "same agent, same document");
  }

  @Test
  void aWrongCommunityIsNoAnswerNamingWhatToCheck() {
    CollectException e = assertThrows(CollectException.class, () -> collector.collect(target(v2c("wrong"))));
    assertEquals(FailureKind.CONNECT, e.kind());
    assertEquals("snmp-host-1: no answer from 127.0.0.1:" + snmpd.port() + " over SNMPv2c after 2 tries "
        + "(timeout 500 ms): check community, ACL and host", e.getMessage());
  }

  @Test
  void aWrongV3PasswordIsAnAuthenticationFailureWithTheAgentsReason() {
    CollectException e = assertThrows(CollectException.class,
        () -> collector.collect(target(v3("not-the-password", "priv-pass-456"))));
    assertEquals(FailureKind.AUTH, e.kind(), e.getMessage());
    assertTrue(e.getMessage().contains("wrong digest"), e.getMessage());
  }
}
