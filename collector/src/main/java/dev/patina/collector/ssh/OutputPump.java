package dev.patina.collector.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Drains a channel's output on its own (virtual) thread into a {@link TerminalText}, so the
 * session never blocks in a read: callers wait for a condition with an idle deadline instead.
 * Output larger than the SSH window is consumed as it arrives, which keeps the window open.
 */
final class OutputPump {
  /** Why waiting ended without the condition. */
  enum End { CONDITION, CLOSED, IDLE }

  private final TerminalText terminal = new TerminalText();
  private final StringBuilder raw = new StringBuilder();
  private final boolean keepRaw;
  private long bytes;
  private long lastData = System.nanoTime();
  private boolean closed;
  private IOException failure;

  OutputPump(InputStream in, String name, boolean keepRaw) {
    this.keepRaw = keepRaw;
    InputStream counting = new java.io.FilterInputStream(in) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          synchronized (OutputPump.this) {
            bytes += n;
          }
        }
        return n;
      }
    };
    Thread.ofVirtual().name("patina-read-" + name).start(() -> pump(counting));
  }

  private void pump(InputStream in) {
    char[] buf = new char[16384];
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      int n;
      while ((n = reader.read(buf)) >= 0) {
        synchronized (this) {
          terminal.feed(buf, 0, n);
          if (keepRaw) {
            raw.append(buf, 0, n);
          }
          lastData = System.nanoTime();
          notifyAll();
        }
      }
    } catch (IOException e) {
      synchronized (this) {
        failure = e;
      }
    } finally {
      synchronized (this) {
        closed = true;
        notifyAll();
      }
    }
  }

  /**
   * Waits until {@code condition} holds on the terminal (checked under its lock), the stream
   * ends, or no data arrived for {@code idle}.
   */
  synchronized End await(Predicate<TerminalText> condition, Duration idle) throws InterruptedException {
    long idleNanos = idle.toNanos();
    while (true) {
      if (condition.test(terminal)) {
        return End.CONDITION;
      }
      if (closed) {
        return End.CLOSED;
      }
      long left = lastData + idleNanos - System.nanoTime();
      if (left <= 0) {
        return End.IDLE;
      }
      wait(Math.max(1, left / 1_000_000), 0);
    }
  }

  /** True when no data arrives within {@code quiet} (the stream closing counts as quiet). */
  synchronized boolean quietFor(Duration quiet) throws InterruptedException {
    long mark = bytes;
    long end = System.nanoTime() + quiet.toNanos();
    while (bytes == mark && !closed) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return bytes == mark;
  }

  /** The terminal, to be used only inside {@link #withTerminal}. */
  synchronized <T> T withTerminal(java.util.function.Function<TerminalText, T> action) {
    return action.apply(terminal);
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized String raw() {
    return raw.toString();
  }

  synchronized boolean closed() {
    return closed;
  }

  synchronized IOException failure() {
    return failure;
  }
}
