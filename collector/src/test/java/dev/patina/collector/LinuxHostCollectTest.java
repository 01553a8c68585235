package dev.patina.collector;

import dev.patina.inventory.Device;
import dev.patina.inventory.Timeouts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.sim.SimDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The linux model against a simulated Linux host: files over SFTP, globs, sysctls, missing files skipped. */
class LinuxHostCollectTest {
  @TempDir
  Path tmp;

  private static void write(Path root, String path, String text) throws Exception {
    Path p = root.resolve(path.substring(1));
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private Snapshot collect(Path root, Map<String, String> vars) throws Exception {
    try (SimDevice sim = SimDevice.linuxHost(root).start()) {
      Device t = TestDevices.device("nat-1", sim.host(), sim.port(), "linux", sim.username(), sim.password(),
          null, null, false, vars);
      return new Collector(ModelRegistry.load(null), new HostKeyStore(tmp.resolve("known_hosts")),
          new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Timeouts.defaults().device())).collect(t);
    }
  }

  @Test
  void filesBondsAndForwardingAreCollectedAndMissingOnesSkipped() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    write(root, "/etc/network/interfaces", "auto lo\niface lo inet loopback\n");
    write(root, "/etc/network/interfaces.d/eth0", "auto eth0\niface eth0 inet dhcp\n");
    write(root, "/etc/network/interfaces.d/bond0", "auto bond0\n");
    write(root, "/proc/net/bonding/bond0", "Bonding Mode: active-backup\nMII Status: up\n");
    write(root, "/proc/sys/net/ipv4/ip_forward", "1\n");
    Snapshot s = collect(root, Map.of());
    assertEquals("auto lo\niface lo inet loopback\n", s.artifacts().get("interfaces"));
    assertEquals("auto eth0\niface eth0 inet dhcp\n", s.artifacts().get("interfaces.d/eth0"));
    assertEquals("auto bond0\n", s.artifacts().get("interfaces.d/bond0"));
    assertEquals("bond bond0\n  mode: active-backup\n  mii-status: up\n", s.artifacts().get("state/bonding/bond0"),
        "stored as a parsed bonding document");
    assertEquals("net.ipv4.ip_forward = 1\n", s.artifacts().get("sysctl"));
    assertFalse(s.artifacts().containsKey("keepalived.conf"));
    assertTrue(s.notes().stream().anyMatch(n -> n.startsWith("keepalived.conf skipped")), s.notes().toString());
  }

  @Test
  void aDeviceVarMovesWhereAFileIsRead() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    write(root, "/srv/lb/keepalived.conf", "vrrp_instance VI_1 {\n  authentication {\n    auth_pass s3cret\n  }\n}\n");
    Snapshot s = collect(root, Map.of("keepalived", "/srv/lb/keepalived.conf"));
    String conf = s.artifacts().get("keepalived.conf");
    assertTrue(conf.startsWith("vrrp_instance VI_1 {"), conf);
    Model linux = ModelRegistry.load(null).find("linux").orElseThrow();
    assertFalse(SecretCheck.mask(conf, linux.cleanupFor("keepalived.conf").secrets()).contains("s3cret"));
  }
}
