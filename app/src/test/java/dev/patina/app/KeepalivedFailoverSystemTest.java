package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.patina.sim.os.Keepalived;
import dev.patina.sim.os.NetNamespace;
import dev.patina.sim.os.OpenSshd;
import dev.patina.store.RepoStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Linux hosts running real keepalived in network namespaces joined by a veth pair, reached
 * over a real OpenSSH sshd: a real election, the master stopped, the backup takes over, and the
 * next run reports both role changes in git and in the email. nat-1 also loses a bond slave.
 */
class KeepalivedFailoverSystemTest {
  private static final String VIP = "192.0.2.1";

  @Test
  void aVrrpFailoverBetweenTwoRunsIsReportedInGitAndEmail(@TempDir Path dir) throws Exception {
    try (NetNamespace ns1 = NetNamespace.create("patina-nat1"); NetNamespace ns2 = NetNamespace.create("patina-nat2")) {
      NetNamespace.link(ns1, "veth-a", "192.0.2.11/24", ns2, "veth-b", "192.0.2.12/24");
      Keepalived k2 = Keepalived.start(ns2, dir.resolve("k2"), conf("veth-b", 100));
      Keepalived k1 = Keepalived.start(ns1, dir.resolve("k1"), conf("veth-a", 150));
      GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      smtp.start();
      try (OpenSshd sshd = OpenSshd.start(dir.resolve("sshd"), List.of())) {
        await(() -> ns1.addresses().contains(VIP + "/") && !ns2.addresses().contains(VIP + "/"), "nat-1 elected", k1, k2);
        Path bonding = dir.resolve("nat-1-bonding");
        Files.createDirectories(bonding);
        Files.writeString(bonding.resolve("bond0"), Bonding.activeBackup("up"));
        Path config = write(dir, sshd, smtp.getSmtp().getPort(), ns1, ns2, k1, k2, bonding);

        TestFleet.Result first = TestFleet.run("--config", config.toString(), "run");
        assertEquals(0, first.status(), first.toString());
        assertTrue(first.out().contains("VRRP VI_1 on nat-1 uses auth_type PASS"), first.out());
        try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
          assertTrue(store.read("nat-1", "state/vrrp").orElseThrow().contains("role: MASTER"));
          assertTrue(store.read("nat-2", "state/vrrp").orElseThrow().contains("role: BACKUP"));
        }

        k1.close();
        await(() -> ns2.addresses().contains(VIP + "/") && !ns1.addresses().contains(VIP + "/"), "nat-2 took over", k1, k2);
        Files.writeString(bonding.resolve("bond0"), Bonding.activeBackup("down"));

        TestFleet.Result second = TestFleet.run("--config", config.toString(), "run");
        assertEquals(0, second.status(), second.toString());
        String mail = EndToEndTest.raw(smtp.getReceivedMessages()[smtp.getReceivedMessages().length - 1]);
        String commit;
        try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
          commit = store.history().log("nat-2", 1).get(0).message();
        }
        for (String event : List.of("VRRP VI_1 on nat-2: BACKUP -> MASTER", "VRRP VI_1 on nat-1: MASTER -> BACKUP",
            "bond0 on nat-1: slave eth1 MII down")) {
          assertTrue(second.out().contains(event), second.out());
          assertTrue(mail.contains(event), mail);
          assertTrue(commit.contains(event), commit);
        }
      } finally {
        k1.close();
        k2.close();
        smtp.stop();
      }
    }
  }

  private static String conf(String iface, int priority) {
    return """
        vrrp_instance VI_1 {
            state BACKUP
            interface %s
            virtual_router_id 51
            priority %d
            advert_int 1
            authentication {
                auth_type PASS
                auth_pass patina1
            }
            virtual_ipaddress {
                %s/24
            }
        }
        """.formatted(iface, priority, VIP);
  }

  private static Path write(Path dir, OpenSshd sshd, int smtpPort, NetNamespace ns1, NetNamespace ns2,
      Keepalived k1, Keepalived k2, Path bonding) throws IOException {
    TestFleet.serviceConfig(dir, smtpPort);
    String device = "  - { name: %s, host: 127.0.0.1, port: %d, model: linux, username: %s, private-key: %s,\n"
        + "      vars: { keepalived: %s, ip-addr: \"ip netns exec %s ip -o addr show\", bonding-glob: \"%s\",\n"
        + "              interfaces: /nonexistent/interfaces, interfaces-dir: /nonexistent } }\n";
    Files.writeString(dir.resolve("devices.yaml"), "devices:\n"
        + device.formatted("nat-1", sshd.port(), OpenSshd.user(), sshd.clientKey(), k1.config(), ns1.name(),
            bonding + "/*")
        + device.formatted("nat-2", sshd.port(), OpenSshd.user(), sshd.clientKey(), k2.config(), ns2.name(),
            dir.resolve("none") + "/*"));
    return dir.resolve("patina.yaml");
  }

  interface Check {
    boolean ok() throws IOException;
  }

  private static void await(Check check, String what, Keepalived k1, Keepalived k2) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not within 30 s\nkeepalived 1:\n" + k1.log() + "\nkeepalived 2:\n" + k2.log());
      }
      LockSupport.parkNanos(100_000_000L);
    }
  }

  /** An active-backup bond as a current kernel shows it. */
  static final class Bonding {
    static String activeBackup(String eth1) {
      return """
          Ethernet Channel Bonding Driver: v6.1.0-28-amd64

          Bonding Mode: fault-tolerance (active-backup)
          Primary Slave: None
          Currently Active Slave: eth0
          MII Status: up
          MII Polling Interval (ms): 100
          Up Delay (ms): 0
          Down Delay (ms): 0
          Peer Notification Delay (ms): 0

          Slave Interface: eth0
          MII Status: up
          Speed: 1000 Mbps
          Duplex: full
          Link Failure Count: 0
          Permanent HW addr: 52:54:00:aa:00:01
          Slave queue ID: 0

          Slave Interface: eth1
          MII Status: %s
          Speed: 1000 Mbps
          Duplex: full
          Link Failure Count: %d
          Permanent HW addr: 52:54:00:aa:00:02
          Slave queue ID: 0
          """.formatted(eth1, eth1.equals("up") ? 0 : 1);
    }
  }
}
