package dev.patina.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.patina.diff.TextDiff;
import dev.patina.diff.state.StateEvent;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifierTest {
  private GreenMail smtp;

  @AfterEach
  void stop() {
    if (smtp != null) smtp.stop();
  }

  private GreenMail start(int port) {
    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    return smtp;
  }

  private static SmtpSettings settings(int port, String user, String password) {
    return new SmtpSettings("127.0.0.1", port, "none", user, password, "patina@test.invalid", Duration.ofSeconds(5));
  }

  /** A device outcome as a run hands it to the digest. */
  record Report(String name, String group, DeviceStatus status, List<TextDiff> diffs, String failure)
      implements DeviceReport {}

  static Digest digest(String diff) {
    DeviceReport changed = new Report("core-sw1", "core", DeviceStatus.CHANGED,
        List.of(new TextDiff("running-config", 1, 1, diff)), null);
    DeviceReport failed = new Report("access-12", null, DeviceStatus.FAILED, List.of(),
        "timeout: no output for 60 s; previous version kept");
    DeviceReport same = new Report("edge-1", null, DeviceStatus.UNCHANGED, List.of(), null);
    return new Digest(Instant.parse("2026-11-22T03:00:00Z"), Duration.ofMillis(4200), "3f2a1b7c9d0e1f", "nms-1",
        List.of(changed, failed, same), List.of(new StateEvent("nat-1", "state/bonding/bond0", StateEvent.Severity.CRITICAL, "bond0 on nat-1: slave eth1 MII down")),
        List.of());
  }

  static final String DIFF = """
      --- a/running-config
      +++ b/running-config
      @@ -7,3 +7,3 @@ interface GigabitEthernet1/0/2
       interface GigabitEthernet1/0/2
      - description printer
      + description <script>alert(1)</script>
        switchport access vlan 20
      """;

  @Test
  void aDigestArrivesWithSubjectSummaryEventsFirstAndTheDiffInTextAndHtml() throws Exception {
    start(0);
    RenderedMail mail = new DigestRenderer().render(digest(DIFF), 1 << 20);
    new MailSender(settings(smtp.getSmtp().getPort(), null, null)).send(List.of("netops@test.invalid"), mail);
    MimeMessage[] got = smtp.getReceivedMessages();
    assertEquals(1, got.length);
    assertEquals("[patina] 1 critical event, 1 changed, 1 failed: nat-1, core-sw1, access-12", got[0].getSubject());
    MimeMultipart alt = (MimeMultipart) got[0].getContent();
    String text = (String) alt.getBodyPart(0).getContent();
    String html = (String) alt.getBodyPart(1).getContent();
    assertTrue(text.indexOf("EVENTS") < text.indexOf("FAILED"), text);
    assertTrue(text.contains("CRITICAL bond0 on nat-1: slave eth1 MII down"), text);
    assertTrue(text.contains("access-12: timeout: no output for 60 s"), text);
    assertTrue(text.contains(" running-config | 2 +-"), text);
    assertTrue(text.contains("+ description <script>alert(1)</script>"), text);
    assertTrue(text.contains("commit 3f2a1b7c9d"), text);
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
    assertFalse(html.contains("<script>"), "device text is escaped in HTML");
    assertTrue(html.contains("color:#060"), "added lines are coloured");
  }

  @Test
  void anOversizedDigestCutsTheLargestDiffAndSaysHowToSeeIt() {
    StringBuilder big = new StringBuilder(DIFF);
    for (int i = 0; i < 5000; i++) big.append("+ line ").append(i).append('\n');
    RenderedMail mail = new DigestRenderer().render(digest(big.toString()), 20_000);
    assertTrue(mail.text().length() + mail.html().length() < 20_000, "within the cap");
    assertTrue(mail.text().contains("CUT FROM THIS MAIL"), mail.text());
    assertTrue(mail.text().contains("run `patina diff core-sw1`"), mail.text());
    assertTrue(mail.text().contains("CRITICAL bond0 on nat-1"), "events are never cut");
  }

  @Test
  void anEmptyOrGarbledOutboxFileIsSetAsideAndTheDigestBehindItStillGoesOut(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    start(port);
    Path box = Files.createDirectories(dir.resolve("outbox"));
    Files.writeString(box.resolve("1000000000000-000001.eml"), ""); // what a crash on a full disk left
    Files.write(box.resolve("1000000000000-000002.eml"), new byte[] {(byte) 0xff, 0, 1, 2, '\n', '\n', 'x'});
    Outbox outbox = new Outbox(box, new MailSender(settings(port, null, null)));
    outbox.submit(List.of("netops@test.invalid"), new DigestRenderer().render(digest(DIFF), 1 << 20));
    FlushResult r = outbox.flush();
    assertEquals(1, r.sent(), String.valueOf(r.lastError()));
    assertEquals(2, r.rejected());
    assertEquals(0, r.pending());
    assertEquals(1, smtp.getReceivedMessages().length);
    assertTrue(Files.exists(outbox.rejectedDir().resolve("1000000000000-000001.eml")));
    assertTrue(Files.readString(outbox.rejectedDir().resolve("1000000000000-000001.txt")).contains("has no recipients"));
  }

  @Test
  void withSmtpDownTheDigestWaitsOnDiskAndIsDeliveredExactlyOnceWhenItIsBack(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Outbox outbox = new Outbox(dir.resolve("outbox"), new MailSender(settings(port, null, null)));
    outbox.submit(List.of("netops@test.invalid"), new DigestRenderer().render(digest(DIFF), 1 << 20));
    FlushResult down = outbox.flush();
    assertEquals(0, down.sent());
    assertEquals(1, down.pending());
    assertTrue(down.lastError().contains("127.0.0.1:" + port), down.lastError());
    start(port);
    FlushResult up = outbox.flush();
    assertEquals(1, up.sent());
    assertEquals(0, up.pending());
    assertEquals(0, outbox.flush().sent(), "a second flush sends nothing");
    assertEquals(1, smtp.getReceivedMessages().length);
    assertTrue(GreenMailUtil.getBody(smtp.getReceivedMessages()[0]).contains("core-sw1"));
    try (var files = Files.list(dir.resolve("outbox"))) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void aMessageRefusedForGoodIsSetAsideAndTheQueueGoesOnWhileABusyServerKeepsItsOrder(@TempDir Path dir)
      throws Exception {
    try (RefusingSmtp server = new RefusingSmtp()) {
      Outbox outbox = new Outbox(dir.resolve("outbox"), new MailSender(settings(server.port(), null, null)));
      RenderedMail mail = new DigestRenderer().render(digest(DIFF), 1 << 20);
      outbox.submit(List.of("nobody@test.invalid"), mail); // 550: no such user
      outbox.submit(List.of("busy@test.invalid"), mail); // 450: try again later
      outbox.submit(List.of("netops@test.invalid"), mail);
      FlushResult first = outbox.flush();
      assertEquals(0, first.sent());
      assertEquals(1, first.rejected());
      assertEquals(2, first.pending(), "a 4xx keeps the message, and the ones after it, in order");
      try (var files = Files.list(outbox.rejectedDir())) {
        List<Path> aside = files.sorted().toList();
        assertEquals(2, aside.size(), aside.toString());
        assertTrue(aside.get(0).toString().endsWith(".eml"));
        String why = Files.readString(aside.get(1));
        assertTrue(why.contains("nobody@test.invalid") && why.contains("550"), why);
      }
      server.busyIsBusy = false;
      FlushResult second = outbox.flush();
      assertEquals(2, second.sent());
      assertEquals(0, second.rejected());
      assertEquals(0, second.pending());
      assertEquals(List.of("busy@test.invalid", "netops@test.invalid"), server.delivered);
    }
  }

  /**
   * An SMTP server that refuses one mailbox for good (550) and another for now (450), as real
   * ones do; GreenMail accepts every recipient, so this speaks the few commands Jakarta Mail
   * sends itself, over a real socket.
   */
  private static final class RefusingSmtp implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
    final List<String> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile boolean busyIsBusy = true;

    RefusingSmtp() throws java.io.IOException {
      Thread.ofPlatform().daemon().start(() -> {
        while (!socket.isClosed()) {
          try (java.net.Socket c = socket.accept()) {
            converse(c);
          } catch (java.io.IOException e) {
            // closed, or the client hung up
          }
        }
      });
    }

    int port() {
      return socket.getLocalPort();
    }

    private void converse(java.net.Socket c) throws java.io.IOException {
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(c.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
      var out = new java.io.PrintWriter(new java.io.OutputStreamWriter(c.getOutputStream(), java.nio.charset.StandardCharsets.US_ASCII), true);
      out.print("220 refusing.test ESMTP\r\n");
      out.flush();
      List<String> to = new java.util.ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        String cmd = line.toUpperCase(java.util.Locale.ROOT);
        String reply;
        if (cmd.startsWith("EHLO") || cmd.startsWith("HELO")) {
          reply = "250 refusing.test";
        } else if (cmd.startsWith("MAIL FROM")) {
          to.clear();
          reply = "250 2.1.0 OK";
        } else if (cmd.startsWith("RCPT TO")) {
          String rcpt = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
          if (rcpt.startsWith("nobody@")) {
            reply = "550 5.1.1 <" + rcpt + ">: Recipient address rejected: User unknown";
          } else if (rcpt.startsWith("busy@") && busyIsBusy) {
            reply = "450 4.2.0 <" + rcpt + ">: Recipient address rejected: try again later";
          } else {
            to.add(rcpt);
            reply = "250 2.1.5 OK";
          }
        } else if (cmd.equals("DATA")) {
          out.print("354 go ahead\r\n");
          out.flush();
          while ((line = in.readLine()) != null && !line.equals(".")) { } // the message
          delivered.addAll(to);
          reply = "250 2.0.0 queued";
        } else if (cmd.equals("RSET") || cmd.equals("NOOP")) {
          reply = "250 2.0.0 OK";
        } else if (cmd.equals("QUIT")) {
          out.print("221 2.0.0 bye\r\n");
          out.flush();
          return;
        } else {
          reply = "502 5.5.2 not here";
        }
        out.print(reply + "\r\n");
        out.flush();
      }
    }

    @Override
    public void close() throws java.io.IOException {
      socket.close();
    }
  }

  @Test
  void smtpAuthenticationUsesTheConfiguredUser() throws Exception {
    start(0);
    smtp.setUser("patina@test.invalid", "patina", "mail-secret");
    new MailSender(settings(smtp.getSmtp().getPort(), "patina", "mail-secret"))
        .send(List.of("netops@test.invalid"), new AlertRenderer().recovered("core-sw1", 4));
    assertEquals("[patina] RECOVERED core-sw1 after 4 failed runs", smtp.getReceivedMessages()[0].getSubject());
  }

  @Test
  void anAlertNamesTheDeviceTheCountAndTheLastError() {
    RenderedMail m = new AlertRenderer().failing("access-12", 3, Instant.parse("2026-11-22T01:00:00Z"), "auth: refused");
    assertEquals("[patina] ALERT access-12 failed 3 runs in a row", m.subject());
    assertTrue(m.text().contains("since 2026-11-22 01:00 UTC"), m.text());
    assertTrue(m.text().contains("auth: refused"), m.text());
  }
}
