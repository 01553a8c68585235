package dev.patina.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Durable outbox: a message is written to disk before it is sent and deleted only once the
 * SMTP server accepted it, so a digest survives an SMTP outage or a crash and goes out on the
 * next flush, once. While one is being sent it is named {@code .sending}, so two flushes
 * never send it twice.
 */
public final class Outbox {
  private static final Duration STALE_SENDING = Duration.ofMinutes(10);
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final Path dir;
  private final MailSender sender;

  public Outbox(Path dir, MailSender sender) {
    this.dir = dir;
    this.sender = sender;
  }

  /** Writes the message to the outbox (atomically); call {@link #flush()} to send. */
  public Path submit(List<String> to, RenderedMail mail) throws IOException {
    MimeMessage message;
    try {
      message = sender.compose(to, mail);
    } catch (MailException e) {
      throw new IOException(e.getMessage(), e);
    }
    Files.createDirectories(dir);
    String name = String.format("%d-%06d", System.currentTimeMillis(), SEQUENCE.incrementAndGet() % 1_000_000);
    Path eml = dir.resolve(name + ".eml");
    // whole or not at all: a full disk leaves no half message to block the queue
    dev.patina.files.SafeFile.write(eml, out -> {
      try {
        message.writeTo(out);
      } catch (MessagingException e) {
        throw new IOException(e.getMessage(), e);
      }
    }, "the message \"" + mail.subject() + "\" to the outbox", null);
    return eml;
  }

  /**
   * Sends every waiting message, oldest first. A failure keeps it (and the rest) for the next
   * flush, except a message the server refuses for good (5xx to its recipients or content): that
   * one is set aside in {@code rejected/} with the server's reply beside it, and the rest go on,
   * so one mistyped address does not hold back every later digest.
   */
  public FlushResult flush() {
    int sent = 0;
    int rejected = 0;
    String lastError = null;
    if (!Files.isDirectory(dir)) return new FlushResult(0, 0, 0, null);
    try {
      recoverStale();
      for (Path eml : list(".eml")) {
        Path sending = eml.resolveSibling(eml.getFileName().toString().replace(".eml", ".sending"));
        try {
          move(eml, sending);
        } catch (NoSuchFileException taken) {
          continue; // another flush took it
        }
        MimeMessage message;
        String unreadable;
        try (InputStream in = Files.newInputStream(sending)) {
          message = new MimeMessage(sender.session(), in);
          unreadable = unsendable(message);
        } catch (MessagingException | IOException | RuntimeException e) {
          message = null;
          unreadable = "cannot be read as a message: " + e.getMessage();
        }
        if (unreadable != null) {
          // a damaged file (a crash, a full disk, a hand edit) must not hold back every later digest
          lastError = eml.getFileName() + " " + unreadable;
          setAside(sending, eml.getFileName().toString(), "not sent: the file " + unreadable
              + "; set aside so the messages behind it go out");
          rejected++;
          continue;
        }
        try {
          sender.send(message);
          Files.delete(sending);
          sent++;
        } catch (MailException | IOException e) {
          lastError = e.getMessage();
          if (e instanceof MailException m && m.permanent()) {
            setAside(sending, eml.getFileName().toString(), e.getMessage());
            rejected++;
            continue;
          }
          move(sending, eml);
          break; // the server is down or refusing: keep the order, try again next time
        }
      }
      return new FlushResult(sent, list(".eml").size(), rejected, lastError);
    } catch (IOException e) {
      return new FlushResult(sent, -1, rejected, "outbox " + dir + ": " + e.getMessage());
    }
  }

  /** Why a parsed outbox file cannot be a message Patina wrote (null: it can). */
  private static String unsendable(MimeMessage m) throws MessagingException {
    jakarta.mail.Address[] to = m.getAllRecipients();
    if (to == null || to.length == 0) return "has no recipients (empty or damaged)";
    if (m.getFrom() == null || m.getFrom().length == 0) return "has no sender (damaged)";
    return null;
  }

  /** The folder where messages the server refused for good are kept, each with a .txt of why. */
  public Path rejectedDir() {
    return dir.resolve("rejected");
  }

  private void setAside(Path sending, String name, String why) throws IOException {
    Path to = Files.createDirectories(rejectedDir());
    dev.patina.files.SafeFile.write(to.resolve(name.replace(".eml", ".txt")),
        (why + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), "the reason beside a set-aside message");
    move(sending, to.resolve(name));
  }

  /** Messages left as {@code .sending} by a process that died go back in the queue. */
  private void recoverStale() throws IOException {
    Instant limit = Instant.now().minus(STALE_SENDING);
    for (Path p : list(".sending")) {
      FileTime t = Files.getLastModifiedTime(p);
      if (t.toInstant().isBefore(limit)) {
        move(p, p.resolveSibling(p.getFileName().toString().replace(".sending", ".eml")));
      }
    }
  }

  private List<Path> list(String suffix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }
}
