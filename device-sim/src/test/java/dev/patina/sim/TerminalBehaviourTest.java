package dev.patina.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.junit.jupiter.api.Test;

class TerminalBehaviourTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String LONG = "x".repeat(100) + "y".repeat(100);

  private static Capture oneLongLine() {
    return Capture.of("ios", "R1#", false,
        List.of(Map.entry("show banner\n", "show banner\n" + LONG + "\nR1#")));
  }

  @Test
  void aNarrowTerminalGetsLongLinesWrappedAndAWideOneDoesNot() throws Exception {
    try (SimDevice device = SimDevice.replay(oneLongLine()).wrapToTerminalWidth().start();
        SshTestClient client = SshTestClient.connect(device)) {
      SshTestClient.Shell narrow = client.shell(); // sshj's default pty: 80 columns
      narrow.send("show banner\n");
      String wrapped = "show banner\n" + LONG.substring(0, 80) + "\n" + LONG.substring(80, 160)
          + "\n" + LONG.substring(160) + "\nR1#";
      assertTrue(narrow.out().await(t -> t.endsWith(wrapped), WAIT), narrow.out().text());

      Session session = client.ssh.startSession();
      session.allocatePTY("vt100", 512, 24, 0, 0, Map.of());
      Session.Shell shell = session.startShell();
      StreamCollector wide = new StreamCollector(shell.getInputStream());
      shell.getOutputStream().write("show banner\n".getBytes());
      shell.getOutputStream().flush();
      assertTrue(wide.await(t -> t.endsWith("show banner\n" + LONG + "\nR1#"), WAIT), wide.text());
    }
  }

  @Test
  void theDeviceRecordsWhatItReceivedInOrder() throws Exception {
    try (SimDevice device = SimDevice.replay(Captures.load("procurve#")).start();
        SshTestClient client = SshTestClient.connect(device)) {
      SshTestClient.Shell shell = client.shell();
      assertTrue(shell.out().awaitText("Press any key to continue", WAIT));
      shell.send("\r\nno page\r\n");
      assertTrue(shell.out().awaitText("\u001b[24;12Hno page", WAIT));
      client.exec("show version");
      assertEquals(List.of(new Received(Received.Kind.KEY, "\r"),
          new Received(Received.Kind.LINE, "no page"),
          new Received(Received.Kind.EXEC, "show version")), device.received());
      device.clearReceived();
      assertEquals(List.of(), device.received());
    }
  }
}
