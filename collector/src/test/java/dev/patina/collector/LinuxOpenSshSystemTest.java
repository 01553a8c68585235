package dev.patina.collector;

import dev.patina.inventory.Device;
import dev.patina.inventory.Timeouts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.patina.sim.os.OpenSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The linux model against Debian's real OpenSSH sshd on loopback: key login, real SFTP, the real /proc/sys. */
class LinuxOpenSshSystemTest {
  @TempDir
  Path tmp;

  @Test
  void aRealHostIsCollectedWithAPrivateKey() throws Exception {
    Path files = Files.createDirectories(tmp.resolve("etc/network/interfaces.d"));
    Files.writeString(tmp.resolve("etc/network/interfaces"), "auto lo\niface lo inet loopback\n");
    Files.writeString(files.resolve("uplink"), "auto eth1\n");
    try (OpenSshd sshd = OpenSshd.start(tmp.resolve("sshd"), List.of())) {
      Device t = TestDevices.device("real-host", sshd.host(), sshd.port(), "linux", OpenSshd.user(), null, null,
          sshd.clientKey(), false, Map.of(
              "interfaces", tmp.resolve("etc/network/interfaces").toString(),
              "interfaces-dir", files.toString(),
              "keepalived", tmp.resolve("no-keepalived.conf").toString(),
              "bonding-glob", tmp.resolve("no-bonding") + "/*"));
      Snapshot s = new Collector(ModelRegistry.load(null), new HostKeyStore(tmp.resolve("known_hosts")),
          new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Timeouts.defaults().device())).collect(t);
      assertEquals("auto lo\niface lo inet loopback\n", s.artifacts().get("interfaces"));
      assertEquals("auto eth1\n", s.artifacts().get("interfaces.d/uplink"));
      assertEquals("net.ipv4.ip_forward = " + Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip(),
          s.artifacts().get("sysctl").lines().findFirst().orElseThrow());
      assertFalse(s.artifacts().containsKey("keepalived.conf"));
      assertFalse(s.artifacts().keySet().stream().anyMatch(a -> a.startsWith("state/bonding/")));
    }
  }
}
