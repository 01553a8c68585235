package dev.patina.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import net.schmizz.sshj.transport.TransportException;
import org.junit.jupiter.api.Test;

class FaultTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void aDisconnectMidOutputEndsTheStreamBeforeTheEndOfTheConfig() throws Exception {
    Capture ios = Captures.load("ios#C9200L");
    String expected = ios.initPrompt() + ios.reply("show running-config\n").orElseThrow();
    int cut = ios.initPrompt().length() + 700;
    try (SimDevice device = SimDevice.replay(ios).start();
        SshTestClient client = SshTestClient.connect(device)) {
      device.fault(Fault.disconnectAfterBytes(cut));
      SshTestClient.Shell shell = client.shell();
      shell.send("show running-config\n");
      assertTrue(shell.out().awaitEnd(WAIT), "the client sees the end of the stream");
      String got = shell.out().text();
      assertEquals(expected.substring(0, cut), got);
      assertFalse(got.contains("\nend\n"));
    }
  }

  @Test
  void aDisconnectMidReplyCutsThatCommandsReplyInHalfAfterEverythingBefore() throws Exception {
    Capture ios = Captures.load("ios#C9200L");
    String version = ios.reply("show version\n").orElseThrow();
    String config = ios.reply("show running-config\n").orElseThrow();
    String before = ios.initPrompt() + ios.reply("terminal length 0\n").orElseThrow() + version;
    try (SimDevice device = SimDevice.replay(ios).start();
        SshTestClient client = SshTestClient.connect(device)) {
      device.fault(Fault.disconnectMidReply("show running-config"));
      SshTestClient.Shell shell = client.shell();
      shell.send("terminal length 0\nshow version\nshow running-config\nshow version\n");
      assertTrue(shell.out().awaitEnd(WAIT), "the client sees the end of the stream");
      assertEquals(before + config.substring(0, config.length() / 2), shell.out().text());
    }
  }

  @Test
  void aStallMidReplyHoldsAnExecChannelOpenHalfwayThroughTheFile(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path root) throws Exception {
    String text = "line one\nline two\nline three\nline four\n";
    java.nio.file.Files.writeString(root.resolve("interfaces"), text);
    try (SimDevice device = SimDevice.linuxHost(root).start();
        SshTestClient client = SshTestClient.connect(device)) {
      device.fault(Fault.stallMidReply("cat /interfaces"));
      assertEquals("linux\n", client.exec("echo linux").out(), "other commands are untouched");
      try (var session = client.ssh.startSession()) {
        var command = session.exec("cat /interfaces");
        StreamCollector out = new StreamCollector(command.getInputStream());
        assertTrue(out.await(t -> t.length() >= text.length() / 2, WAIT));
        assertFalse(out.awaitEnd(Duration.ofMillis(500)), "no end while stalled");
        assertEquals(text.substring(0, text.length() / 2), out.text());
        assertTrue(command.isOpen());
      }
    }
  }

  @Test
  void aStallKeepsTheSessionOpenButSendsNothingMore() throws Exception {
    Capture ios = Captures.load("ios#C9200L");
    int cut = ios.initPrompt().length() + 300;
    try (SimDevice device = SimDevice.replay(ios).start();
        SshTestClient client = SshTestClient.connect(device)) {
      device.fault(Fault.stallAfterBytes(cut));
      SshTestClient.Shell shell = client.shell();
      shell.send("show running-config\n");
      assertTrue(shell.out().await(t -> t.length() >= cut, WAIT));
      assertFalse(shell.out().await(t -> t.length() > cut, Duration.ofMillis(500)),
          "no data after the stall point within the client's timeout");
      assertFalse(shell.out().ended());
      assertTrue(client.ssh.isConnected() && shell.session().isOpen());
    }
  }

  @Test
  void aStalledExecChannelStaysOpenWithoutItsExitStatus() throws Exception {
    Capture ios = Captures.load("ios#C9200L");
    try (SimDevice device = SimDevice.replay(ios).start();
        SshTestClient client = SshTestClient.connect(device)) {
      device.fault(Fault.stallAfterBytes(100));
      try (var session = client.ssh.startSession()) {
        var command = session.exec("show running-config");
        StreamCollector out = new StreamCollector(command.getInputStream());
        assertTrue(out.await(t -> t.length() >= 100, WAIT));
        assertFalse(out.awaitEnd(Duration.ofMillis(500)), "no end of output while stalled");
        assertEquals(100, out.text().length());
        assertEquals(null, command.getExitStatus());
        assertTrue(command.isOpen());
      }
      device.fault(Fault.none());
      assertTrue(client.exec("show running-config").out().contains("\nend\n"),
          "the device answers again once the fault is gone");
    }
  }

  @Test
  void aSlowDeviceHoldsEachReplyUntilItsDelayIsOver() throws Exception {
    Capture ios = Captures.load("ios#C9200L");
    try (SimDevice device = SimDevice.replay(ios).start();
        SshTestClient client = SshTestClient.connect(device)) {
      SshTestClient.Shell shell = client.shell();
      assertTrue(shell.out().awaitText("LAB-SW123_9200L#", WAIT));
      device.fault(Fault.slow(Duration.ofDays(1)));
      shell.send("show version\nterminal length 0\n");
      assertFalse(shell.out().awaitText("Cisco IOS XE Software", Duration.ofMillis(300)),
          "the reply is held back");
      device.fault(Fault.none());
      assertTrue(shell.out().awaitText("terminal length 0\nLAB-SW123_9200L#", WAIT));
      String text = shell.out().text();
      assertTrue(text.indexOf("Cisco IOS XE Software") < text.indexOf("terminal length 0\n"),
          "replies keep their order");
    }
  }

  @Test
  void aSlowReplyStillArrivesWhole() throws Exception {
    Capture ios = Captures.load("ios#C9200L");
    try (SimDevice device = SimDevice.replay(ios).start();
        SshTestClient client = SshTestClient.connect(device)) {
      String normal = client.exec("show version").out();
      device.fault(Fault.slow(Duration.ofMillis(50)));
      assertEquals(normal, client.exec("show version").out());
      assertTrue(normal.startsWith("Cisco IOS XE Software"), normal);
    }
  }

  @Test
  void aChangedHostKeyIsSeenByTheClient() throws Exception {
    try (SimDevice device = SimDevice.replay(Captures.load("ios#C9200L")).start()) {
      var original = device.hostKey();
      try (SshTestClient client = SshTestClient.connect(device, original)) {
        assertTrue(client.ssh.isAuthenticated());
      }
      device.newHostKey();
      assertFalse(original.equals(device.hostKey()));
      IOException refused = assertThrows(IOException.class,
          () -> SshTestClient.connect(device, original).close());
      assertTrue(refused instanceof TransportException, refused.toString());
      try (SshTestClient client = SshTestClient.connect(device, device.hostKey())) {
        assertTrue(client.ssh.isAuthenticated());
      }
    }
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    try (SimDevice device = SimDevice.replay(Captures.load("ios#C9200L"))
        .credentials("backup", "s3cret").start()) {
      assertEquals("backup", device.username());
      try (SshTestClient client = SshTestClient.connect(device)) {
        assertTrue(client.ssh.isAuthenticated());
      }
      var ssh = new net.schmizz.sshj.SSHClient();
      ssh.addHostKeyVerifier(new net.schmizz.sshj.transport.verification.PromiscuousVerifier());
      ssh.connect(device.host(), device.port());
      try {
        assertThrows(net.schmizz.sshj.userauth.UserAuthException.class,
            () -> ssh.authPassword("backup", "wrong"));
      } finally {
        ssh.close();
      }
    }
  }
}
