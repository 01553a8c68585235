package dev.patina.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxHostTest {
  private static final String INTERFACES = "auto lo\niface lo inet loopback\n\nauto bond0\n"
      + "iface bond0 inet static\n    address 192.0.2.10/24\n    bond-slaves eth0 eth1\n";

  private static Path host(Path root) throws Exception {
    Files.createDirectories(root.resolve("etc/network"));
    Files.writeString(root.resolve("etc/network/interfaces"), INTERFACES);
    Files.writeString(root.resolve("etc/hostname"), "lb1\n");
    Files.createDirectories(root.resolve("proc/net/bonding"));
    Files.writeString(root.resolve("proc/net/bonding/bond0"), "Bonding Mode: active-backup\n");
    Files.writeString(root.resolve("proc/net/bonding/bond1"), "Bonding Mode: 802.3ad\n");
    return root;
  }

  @Test
  void catSftpAndScpServeTheSameFile(@TempDir Path root, @TempDir Path local) throws Exception {
    try (SimDevice device = SimDevice.linuxHost(host(root)).start();
        SshTestClient client = SshTestClient.connect(device)) {
      SshTestClient.Exec cat = client.exec("cat /etc/network/interfaces");
      assertEquals(INTERFACES, cat.out());
      assertEquals(0, cat.status());

      try (SFTPClient sftp = client.ssh.newSFTPClient();
          RemoteFile file = sftp.open("/etc/network/interfaces");
          InputStream in = file.new RemoteFileInputStream()) {
        assertEquals(INTERFACES, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }

      Path copy = local.resolve("interfaces");
      client.ssh.newSCPFileTransfer().download("/etc/network/interfaces", copy.toString());
      assertEquals(INTERFACES, Files.readString(copy));
    }
  }

  @Test
  void theSmallCommandSetBehavesLikeAShell(@TempDir Path root) throws Exception {
    try (SimDevice device = SimDevice.linuxHost(host(root)).start();
        SshTestClient client = SshTestClient.connect(device)) {
      assertEquals("lb1\n", client.exec("hostname").out());
      assertTrue(client.exec("uname -a").out().startsWith("Linux lb1 "));
      assertEquals("bond0\nbond1\n", client.exec("ls /proc/net/bonding").out());
      assertEquals("Bonding Mode: active-backup\nBonding Mode: 802.3ad\n",
          client.exec("cat /proc/net/bonding/*").out());
      assertEquals(0, client.exec("test -e /etc/hostname").status());
      assertEquals(1, client.exec("test -e /etc/shadow").status());
      assertEquals("yes\n", client.exec("test -d /etc && echo yes || echo no").out());

      SshTestClient.Exec missing = client.exec("cat /etc/missing");
      assertEquals(1, missing.status());
      assertEquals("cat: /etc/missing: No such file or directory\n", missing.err());
      assertEquals("", client.exec("cat /etc/missing 2>/dev/null").err());

      SshTestClient.Exec unknown = client.exec("ip -d link show");
      assertEquals(127, unknown.status());
      assertEquals("sh: 1: ip: not found\n", unknown.err());
      assertEquals("", client.exec("cat ../../../../etc/hostname/../../../../../etc/passwd").out());

      device.setReply("ip -d link show", "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536\n");
      SshTestClient.Exec canned = client.exec("ip -d link show");
      assertEquals("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536\n", canned.out());
      assertEquals(0, canned.status());
      device.replaceInReplies("mtu 65536", "mtu 1500");
      assertEquals("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 1500\n", client.exec("ip -d link show").out());
    }
  }

  @Test
  void aPublicKeyLoginIsAcceptedForTheAuthorizedKeyOnly(@TempDir Path root) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair authorized = generator.generateKeyPair();
    KeyPair other = generator.generateKeyPair();
    try (SimDevice device = SimDevice.linuxHost(host(root)).authorizedKey(authorized.getPublic())
        .start()) {
      try (SSHClient ssh = new SSHClient()) {
        ssh.addHostKeyVerifier(new PromiscuousVerifier());
        ssh.connect(device.host(), device.port());
        ssh.authPublickey("patina", new KeyPairWrapper(authorized));
        try (var session = ssh.startSession(); var cmd = session.exec("hostname")) {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          cmd.getInputStream().transferTo(out);
          assertEquals("lb1\n", out.toString(StandardCharsets.UTF_8));
        }
      }
      try (SSHClient ssh = new SSHClient()) {
        ssh.addHostKeyVerifier(new PromiscuousVerifier());
        ssh.connect(device.host(), device.port());
        org.junit.jupiter.api.Assertions.assertThrows(
            net.schmizz.sshj.userauth.UserAuthException.class,
            () -> ssh.authPublickey("patina", new KeyPairWrapper(other)));
      }
    }
  }
}
