package dev.patina.sim;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.server.channel.ChannelSession;

/** A session's output stream with the device's current {@link Fault} applied to every reply. */
final class FaultyOutput {
  private final OutputStream out;
  private final Faults faults;
  private final ChannelSession channel;
  private Fault seen;
  private long sent;
  private long midCut = Long.MAX_VALUE;
  private boolean paused;

  FaultyOutput(OutputStream out, Faults faults, ChannelSession channel) {
    this.out = out;
    this.faults = faults;
    this.channel = channel;
  }

  /** Sends one reply (after the slow fault's delay, if any). */
  void reply(String text) throws IOException {
    if (current() instanceof Fault.Slow slow) {
      faults.delay(slow, slow.perReply());
    }
    write(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Announces the reply to {@code command} ({@code bytes} long) that is about to be written, so
   * that a fault aimed at that command can cut it in the middle.
   */
  void beginReply(String command, int bytes) {
    Fault fault = current();
    String target = switch (fault) {
      case Fault.DisconnectMidReply d -> d.command();
      case Fault.StallMidReply s -> s.command();
      default -> null;
    };
    if (target != null && midCut == Long.MAX_VALUE && target.strip().equals(command.strip())) {
      midCut = sent + bytes / 2;
    }
  }

  /** Writes bytes, cutting them off where a disconnect or stall fault says. */
  void write(byte[] bytes) throws IOException {
    Fault fault = current();
    if (fault instanceof Fault.PauseAfter p && !paused) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      int at = text.indexOf(p.text());
      if (at >= 0) {
        byte[] head = text.substring(0, at + p.text().length()).getBytes(StandardCharsets.UTF_8);
        byte[] tail = text.substring(at + p.text().length()).getBytes(StandardCharsets.UTF_8);
        out.write(head);
        out.flush();
        sent += head.length;
        paused = true;
        faults.delay(p, p.pause());
        bytes = tail;
      }
    }
    long limit = limit(fault);
    int allowed = (int) Math.max(0, Math.min(bytes.length, limit - sent));
    if (allowed > 0) {
      out.write(bytes, 0, allowed);
      out.flush();
      sent += allowed;
    }
    boolean disconnect = fault instanceof Fault.DisconnectAfterBytes
        || fault instanceof Fault.DisconnectMidReply;
    if (disconnect && sent >= limit) {
      channel.getSession().close(false);
      throw new EOFException("simulated disconnect after " + sent + " bytes");
    }
  }

  /** True once a stall fault has swallowed output: the caller must not end the channel. */
  boolean stalled() {
    boolean stall = seen instanceof Fault.StallAfterBytes || seen instanceof Fault.StallMidReply;
    return stall && sent >= limit(seen);
  }

  private long limit(Fault fault) {
    return switch (fault) {
      case Fault.DisconnectAfterBytes d -> d.bytes();
      case Fault.StallAfterBytes s -> s.bytes();
      case Fault.DisconnectMidReply d -> midCut;
      case Fault.StallMidReply s -> midCut;
      default -> Long.MAX_VALUE;
    };
  }

  /** Keeps a stalled channel open (sending nothing) until the client closes it. */
  void holdIfStalled() throws IOException {
    if (!stalled()) {
      return;
    }
    java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    channel.addCloseFutureListener(future -> closed.countDown());
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("stalled channel closed");
    }
  }

  private Fault current() {
    Fault fault = faults.get();
    if (fault != seen) {
      seen = fault;
      sent = 0;
      paused = false;
      midCut = Long.MAX_VALUE;
    }
    return fault;
  }
}
