package dev.patina.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplaySessionTest {

  private static ReplaySession session(String vendor, boolean ordered, String init,
      List<Map.Entry<String, String>> commands) {
    ReplaySession session = new ReplaySession(new Replies(Capture.of(vendor, init, ordered, commands)));
    session.start();
    return session;
  }

  @Test
  void eachVendorAnswersAnUnknownCommandWithItsOwnErrorAndThePrompt() {
    List<Map.Entry<String, String>> ios = List.of(Map.entry("show version\n", "show version\nx\nR1#"));
    assertEquals("show clock\n" + " ".repeat("R1#show ".length()) + "^\n% Invalid input detected at '^' marker.\n\nR1#",
        session("ios", false, "\nR1#", ios).line("show clock").text());
    assertEquals("clock\n   ^\n% Invalid input detected at '^' marker.\n\nR1#",
        session("ios", false, "\nR1#", ios).line("clock").text());
    assertEquals("show clock\n" + " ".repeat("NX-1# show ".length()) + "^\n% Invalid command at '^' marker.\n\rNX-1# ",
        session("nxos", true, "\rNX-1# ", ios).line("show clock").text());
    assertEquals("show clock\n" + " ".repeat("asa# show ".length()) + "^\nERROR: % Invalid input detected at '^' marker.\nasa# ",
        session("asa", false, "asa# ", ios).line("show clock").text());
    assertEquals("show clock\n" + " ".repeat("user@srx> show ".length()) + "^\nunknown command.\nuser@srx> ",
        session("junos", false, "user@srx> ", ios).line("show clock").text());
    assertEquals("show clock\nInvalid input: clock\nsw# ",
        session("procurve", false, "sw# ", ios).line("show clock").text());
    assertEquals("show clock\nInvalid input: clock\nsw# ",
        session("aoscx", false, "sw# ", ios).line("show clock").text());
    assertEquals("show clock\n% Invalid input\neos#",
        session("eos", false, "eos#", ios).line("show clock").text());
    assertEquals("display clock\n" + " ".repeat("<h3c>".length()) + "^\n % Unrecognized command found at '^' position.\n<h3c>",
        session("h3c", false, "<h3c>", ios).line("display clock").text());
    assertEquals("/ip print\nbad command name /ip (line 1 column 1)\n[admin@mt] > ",
        session("routeros", false, "[admin@mt] > ", ios).line("/ip print").text());
    assertEquals("show clock\n\n  Invalid command: [ show clock ]\n\nvyos@fw:~$ ",
        session("vyos", false, "vyos@fw:~$ ", ios).line("show clock").text());
  }

  @Test
  void theRecordedPlatformsOfTheSecondFolderAnswerAnUnknownCommandAsTheirRecordingsShow() {
    List<Map.Entry<String, String>> known = List.of(Map.entry("show version\n", "show version\nx\np#"));
    assertEquals("show hardware wwan\nUnknown command 'hardware'.\ngr# ",
        session("garderos", false, "gr# ", known).line("show hardware wwan").text());
    assertEquals("show version all\n\rCLI syntax error: \"show version all\": Unknown command\n\rt tnsr# ",
        session("tnsr", false, "\rt tnsr# ", known).line("show version all").text());
    assertEquals("diagnose hw psu\n\ncommand parse error before 'diagnose'\nCommand fail. Return code -61\n\nfw # ",
        session("fortigate", false, "fw # ", known).line("diagnose hw psu").text());
    assertEquals("nv config show\n-bash: nv: command not found\nroot@sw1:~# ",
        session("cumulus", false, "root@sw1:~# ", known).line("nv config show").text());
    assertEquals("show flash\nInvalid input -> flash\nType ? for a list\nSSH@icx#",
        session("ironware", false, "SSH@icx#", known).line("show flash").text());
    assertEquals("upsabout\nE101: Command Not Found\napc>",
        session("apcaos", false, "apc>", known).line("upsabout").text());
  }

  @Test
  void anEmptyLineGetsANewPromptAndExitEndsTheSession() {
    ReplaySession session = session("ios", false, "\nR1#",
        List.of(Map.entry("show version\n", "show version\nv1\nR1#")));
    assertEquals("\nR1#", session.line("").text());
    ReplaySession.Answer exit = session.line("exit");
    assertTrue(exit.close());
    assertEquals("exit\n", exit.text());
  }

  @Test
  void aSingleKeyStepIsOnlyAnsweredInItsPlace() {
    List<Map.Entry<String, String>> steps = List.of(
        Map.entry("show log\n", "show log\nline 1\n--More--"),
        Map.entry(" ", "line 2\nR1#"),
        Map.entry("logout\n", "logout\nReally log out (y/n)? "),
        Map.entry("y\n", ""));
    ReplaySession session = session("ios", true, "R1#", steps);
    assertFalse(session.waitingForKey());
    assertTrue(session.line("y").text().contains("% Invalid input"), "y is no command here");
    session.line("show log");
    assertTrue(session.waitingForKey());
    assertEquals("line 2\nR1#", session.key().text());
    assertFalse(session.waitingForKey());
    assertFalse(session.line("logout").close());
    assertTrue(session.line("y").close(), "y after the log-out question ends the session");

    ReplaySession staying = session("procurve", true, "sw# ", List.of(
        Map.entry("logout\n", "logout\nDo you want to log out (y/n)? "),
        Map.entry("n\n", "")));
    staying.line("logout");
    assertFalse(staying.line("n").close(), "n keeps the session");
  }

  @Test
  void execDropsTheEchoAndThePromptEvenThroughCarriageReturnsAndEscapes() {
    ReplaySession nxos = session("nxos", true, "\rNX# ", List.of(
        Map.entry("show running-config\n", "show running-config\r\n\n!Command: x\nend\n\n\rNX# ")));
    assertEquals("\n!Command: x\nend\n\n", nxos.exec("show running-config").text());
    ReplaySession procurve = session("procurve", true, "", List.of(Map.entry("show flash\n",
        "\u001b[24;12Hshow flash\u001b[24;22H\u001b[1;24r\u001b[24;1HImage Size\r\n\u001b[24;1Hsw# ")));
    assertEquals("\u001b[24;22H\u001b[1;24r\u001b[24;1HImage Size\r\n",
        procurve.exec("show flash").text());
    ReplaySession junos = session("junos", false, "", List.of(
        Map.entry("show version\n", "Model: srx300\nJunos: 22.4\n")));
    assertEquals("Model: srx300\nJunos: 22.4\n", junos.exec("show version").text());
    assertTrue(junos.knows("show version"));
    assertFalse(junos.knows("show clock"));
  }

  @Test
  void repliesCanBeChangedAndAdded() {
    Replies replies = new Replies(Capture.of("ios", "R1#", true,
        List.of(Map.entry("show run\n", "show run\nhostname R1\nend\nR1#"))));
    replies.replace("hostname R1", "hostname R2");
    replies.set("show clock", "show clock\n12:00\nR1#");
    replies.set("show run\n", replies.snapshot().get(0).getValue().replace("end", "!\nend"));
    ReplaySession session = new ReplaySession(replies);
    session.start();
    assertEquals("show run\nhostname R2\n!\nend\nR1#", session.line("show run").text());
    assertEquals("show clock\n12:00\nR1#", session.line("show clock").text());
    assertEquals(2, replies.snapshot().size());
  }

  @Test
  void anEnableStepWaitsForThePasswordBeforeThePrompt() {
    Replies replies = new Replies(Capture.of("asa", "asa> ", false, List.of(
        Map.entry("enable\n", "enable\nPassword: ********\n\rasa# "),
        Map.entry("show run\n", "show run\nenable password x\nPassword: y\nasa# "))));
    replies.enablePassword("s3cret");
    ReplaySession session = new ReplaySession(replies);
    session.start();
    assertEquals("enable\nPassword: ", session.line("enable").text());
    assertTrue(session.waitingForPassword());
    assertEquals("\n% Access denied\n\nasa> ", session.line("wrong").text());
    assertEquals("enable\nPassword: ", session.line("enable").text());
    assertEquals("********\n\rasa# ", session.line("s3cret").text());
    assertEquals("show run\nenable password x\nPassword: y\nasa# ", session.line("show run").text(),
        "a Password: inside the output is no prompt");
  }

  @Test
  void aRecordedPasswordStepAnswersWhateverPasswordIsTyped() {
    List<Map.Entry<String, String>> steps = List.of(
        Map.entry("enable\n", "enable\nPassword: "),
        Map.entry("recorded-secret\n", "\nR1#"),
        Map.entry("show run\n", "show run\nend\nR1#"));
    ReplaySession any = session("ios", true, "R1>", steps);
    assertEquals("enable\nPassword: ", any.line("enable").text());
    assertTrue(any.waitingForPassword());
    assertEquals("\nR1#", any.line("my-own-secret").text());
    assertEquals("show run\nend\nR1#", any.line("show run").text());

    Replies checked = new Replies(Capture.of("ios", "R1>", true, steps));
    checked.enablePassword("right");
    ReplaySession session = new ReplaySession(checked);
    session.start();
    session.line("enable");
    assertEquals("\n% Access denied\n\nR1>", session.line("wrong").text());
  }
}
