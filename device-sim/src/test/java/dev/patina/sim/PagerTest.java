package dev.patina.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PagerTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String MORE = " --More-- ";
  private static final String ERASE = "\b".repeat(MORE.length()) + " ".repeat(MORE.length())
      + "\b".repeat(MORE.length());

  @Test
  void aLongReplyWaitsAtMoreUntilSpaceIsPressed() throws Exception {
    Capture ios = Captures.load("ios#C9200L");
    String config = ios.reply("show running-config\n").orElseThrow();
    try (SimDevice device = SimDevice.replay(ios).pager(24).start();
        SshTestClient client = SshTestClient.connect(device)) {
      SshTestClient.Shell shell = client.shell();
      assertTrue(shell.out().awaitText("LAB-SW123_9200L#", WAIT));
      int[] seen = {shell.out().text().length()};
      shell.send("show running-config\n");
      int pages = 0;
      String done = ios.initPrompt() + config;
      while (true) {
        // wait for output beyond what was there when the key was sent, or the last page's
        // --More-- would match again before the next page arrives
        int before = seen[0];
        assertTrue(shell.out().await(t -> t.length() > before && (t.endsWith(MORE) || t.length() >= done.length()
            + countMore(t) * (MORE.length() + ERASE.length())), WAIT), shell.out().text());
        if (!shell.out().text().endsWith(MORE)) {
          break;
        }
        pages++;
        assertFalse(shell.out().text().contains("\nend\n"), "nothing after the page is sent yet");
        seen[0] = shell.out().text().length();
        shell.send(" ");
      }
      assertTrue(pages >= 2, "pages: " + pages);
      assertEquals(done, shell.out().text().replace(MORE + ERASE, ""));
    }
  }

  @Test
  void terminalLengthZeroTurnsPagingOffAndQStopsAPage() throws Exception {
    Capture ios = Captures.load("ios#C9200L");
    String config = ios.reply("show running-config\n").orElseThrow();
    try (SimDevice device = SimDevice.replay(ios).pager(10).start();
        SshTestClient client = SshTestClient.connect(device)) {
      SshTestClient.Shell shell = client.shell();
      shell.send("show version\n");
      assertTrue(shell.out().await(t -> t.endsWith(MORE), WAIT));
      shell.send("q");
      assertTrue(shell.out().await(t -> t.endsWith(MORE + ERASE + "LAB-SW123_9200L#"), WAIT));
      shell.send("terminal length 0\n");
      assertTrue(shell.out().awaitText("terminal length 0\nLAB-SW123_9200L#", WAIT));
      int before = shell.out().text().length();
      shell.send("show running-config\n");
      assertTrue(shell.out().await(t -> t.endsWith(config), WAIT));
      assertFalse(shell.out().text().substring(before).contains(MORE));
    }
  }

  private static int countMore(String text) {
    int count = 0;
    for (int i = text.indexOf(MORE); i >= 0; i = text.indexOf(MORE, i + 1)) {
      count++;
    }
    return count;
  }
}
