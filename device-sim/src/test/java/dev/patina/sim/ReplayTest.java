package dev.patina.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplayTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void anIosCaptureAnswersShowRunningConfigOverTheShellExactlyAsRecorded() throws Exception {
    Capture capture = Captures.load("ios#C9200L");
    String config = capture.reply("show running-config\n").orElseThrow();
    try (SimDevice device = SimDevice.replay(capture).start();
        SshTestClient client = SshTestClient.connect(device)) {
      SshTestClient.Shell shell = client.shell();
      assertTrue(shell.out().await(t -> t.equals(capture.initPrompt()), WAIT), shell.out().text());
      shell.send("show running-config\r\n");
      String expected = capture.initPrompt() + config;
      assertTrue(shell.out().await(t -> t.length() >= expected.length(), WAIT));
      assertEquals(expected, shell.out().text());
      assertTrue(config.contains("\nend\n"), "the recorded config is complete");
    }
  }

  @Test
  void theProcurvePressAnyKeyStepTakesAnyKeyBeforeTheFirstPrompt() throws Exception {
    Capture capture = Captures.load("procurve#");
    try (SimDevice device = SimDevice.replay(capture).start();
        SshTestClient client = SshTestClient.connect(device)) {
      SshTestClient.Shell shell = client.shell();
      assertTrue(shell.out().awaitText("Press any key to continue", WAIT));
      shell.send(" ");
      String afterKey = capture.initPrompt() + capture.commands().get(0).getValue();
      assertTrue(shell.out().await(t -> t.equals(afterKey), WAIT), shell.out().text());
      shell.send("show running-config\r");
      assertTrue(shell.out().awaitText("activate provision disable\r\n", WAIT));
      shell.send("logout\r\n");
      assertTrue(shell.out().awaitText("Do you want to log out (y/n)?", WAIT));
      shell.send("y\r\n");
      assertTrue(shell.out().awaitEnd(WAIT), "the switch closes the session after 'y'");
    }
  }

  @Test
  void aKeyTypedAtPressAnyKeyIsConsumedThereLikeOnTheRealSwitch() throws Exception {
    Capture capture = Captures.load("procurve#");
    try (SimDevice device = SimDevice.replay(capture).start();
        SshTestClient client = SshTestClient.connect(device)) {
      SshTestClient.Shell shell = client.shell();
      assertTrue(shell.out().awaitText("Press any key to continue", WAIT));
      shell.send("no page\n"); // 'n' is the key; "o page" is then an unknown command
      assertTrue(shell.out().awaitText("o page\r\nInvalid input: o\r\n", WAIT), shell.out().text());
    }
  }

  @Test
  void anUnknownCommandGetsTheVendorErrorAndThePrompt() throws Exception {
    Capture ios = Captures.load("ios#C9200L");
    try (SimDevice device = SimDevice.replay(ios).start();
        SshTestClient client = SshTestClient.connect(device)) {
      SshTestClient.Shell shell = client.shell();
      assertTrue(shell.out().awaitText("LAB-SW123_9200L#", WAIT));
      shell.send("show clock\n");
      String error = "show clock\n" + " ".repeat("LAB-SW123_9200L#show ".length()) + "^\n"
          + "% Invalid input detected at '^' marker.\n\nLAB-SW123_9200L#";
      assertTrue(shell.out().await(t -> t.endsWith(error), WAIT), shell.out().text());
      shell.send("show version\n");
      assertTrue(shell.out().awaitText("Cisco IOS XE Software, Version 17.09.04a", WAIT));
    }
    try (SimDevice device = SimDevice.replay(Captures.load("junos#")).start();
        SshTestClient client = SshTestClient.connect(device)) {
      SshTestClient.Shell shell = client.shell();
      shell.send("request system reboot\n");
      assertTrue(shell.out().awaitText("unknown command.\n", WAIT), shell.out().text());
    }
  }

  @Test
  void anOrderedCaptureAnswersCommandsOutOfOrderAndExtraOnes() throws Exception {
    Capture asr = Captures.load("ios#asr920");
    assertTrue(asr.ordered());
    try (SimDevice device = SimDevice.replay(asr).start();
        SshTestClient client = SshTestClient.connect(device)) {
      SshTestClient.Shell shell = client.shell();
      shell.send("show running-config\n");
      assertTrue(shell.out().awaitText(asr.reply("show running-config\n").orElseThrow(), WAIT));
      shell.send("terminal length 0\nterminal monitor\nshow version\n");
      assertTrue(shell.out().awaitText("terminal monitor\n", WAIT));
      assertTrue(shell.out().awaitText(asr.reply("show version\n").orElseThrow(), WAIT));
      shell.send("exit\n");
      assertTrue(shell.out().awaitEnd(WAIT), "exit ends the session");
    }
  }

  @Test
  void execReturnsTheReplyWithoutEchoAndPrompt() throws Exception {
    Capture ios = Captures.load("ios#C9200L");
    String reply = ios.reply("show version\n").orElseThrow();
    String output = reply.substring("show version\n".length(), reply.lastIndexOf('\n') + 1);
    try (SimDevice device = SimDevice.replay(ios).start();
        SshTestClient client = SshTestClient.connect(device)) {
      SshTestClient.Exec exec = client.exec("show version");
      assertEquals(output, exec.out());
      assertEquals(0, exec.status());
      SshTestClient.Exec unknown = client.exec("show clock");
      assertTrue(unknown.out().contains("% Invalid input detected at '^' marker."), unknown.out());
      assertEquals(1, unknown.status());
    }
    Capture junos = Captures.load("junos#");
    try (SimDevice device = SimDevice.replay(junos).start();
        SshTestClient client = SshTestClient.connect(device)) {
      assertEquals(junos.reply("show configuration | display omit\n").orElseThrow(),
          client.exec("show configuration | display omit").out());
    }
  }

  @Test
  void aConfigChangeBetweenSessionsShowsInTheNextSession() throws Exception {
    Capture ios = Captures.load("ios#C9200L");
    try (SimDevice device = SimDevice.replay(ios).start();
        SshTestClient client = SshTestClient.connect(device)) {
      assertTrue(client.exec("show running-config").out().contains("hostname LAB-SW123_9200L\n"));
      device.replaceInReplies("hostname LAB-SW123_9200L\n", "hostname LAB-SW124\n");
      String changed = client.exec("show running-config").out();
      assertTrue(changed.contains("hostname LAB-SW124\n"), changed);
      assertFalse(changed.contains("hostname LAB-SW123_9200L\n"));
      device.setReply("show clock", "show clock\n*12:00:00 UTC Sun Nov 22 2026\nLAB-SW123_9200L#");
      assertEquals("*12:00:00 UTC Sun Nov 22 2026\n", client.exec("show clock").out());
    }
  }

  @Test
  void aReplyFarLargerThanTheSshWindowArrivesWhole() throws Exception {
    Capture ios = Captures.load("ios#C9200L");
    StringBuilder big = new StringBuilder("show running-config\n");
    for (int i = 0; i < 12_000; i++) {
      big.append("interface GigabitEthernet1/0/").append(i).append("\n description port ").append(i)
          .append("\n!\n");
    }
    big.append("end\nLAB-SW123_9200L#");
    try (SimDevice device = SimDevice.replay(ios).start();
        SshTestClient client = SshTestClient.connect(device)) {
      device.setReply("show running-config", big.toString());
      assertTrue(big.length() > 500_000);
      SshTestClient.Shell shell = client.shell();
      shell.send("show running-config\n");
      String expected = ios.initPrompt() + big;
      assertTrue(shell.out().await(t -> t.length() >= expected.length(), WAIT));
      assertEquals(expected, shell.out().text());
    }
  }
}
