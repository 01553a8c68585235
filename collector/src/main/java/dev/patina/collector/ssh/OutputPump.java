package dev.patina.collector.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Drains a channel's output on its own (virtual) thread into a {@link TerminalText}, so the
 * session never blocks in a read: callers wait for a condition with an idle deadline instead.
 * Output larger than the SSH window is consumed as it arrives, which keeps the window open.
 *
 * <p>A {@link ReentrantLock} rather than a monitor: a virtual thread waiting on it frees its
 * carrier on every JDK from 21 on. Waiters are woken when the line being written is not empty
 * (where prompts, pagers and password prompts show), when the stream ends, or for
 * {@link #quietFor}; a chunk that ends with a newline wakes nobody. A wait of 100 ms or more
 * arms no timer: {@link Deadlines} wakes it at its deadline. A pump has one waiter at a time
 * (its session's thread).
 */
final class OutputPump {
  /** Why waiting ended without the condition. */
  enum End { CONDITION, CLOSED, IDLE, TOO_BIG }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final TerminalText terminal = new TerminalText();
  /** The bytes as they came (exec output): decoded at the end so no byte is lost (see RawText). */
  private final java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
  private final boolean keepRaw;
  private long bytes;
  private long lastData = System.nanoTime();
  private int quietWaiters;
  private boolean closed;
  private IOException failure;
  /** Most bytes one reply may have (from {@link #startReply}); beyond, the rest is dropped unread. */
  private long limit = Long.MAX_VALUE;
  private long replyStart;
  private boolean tooBig;
  /** When {@link Deadlines} must wake the waiter (meaningful while it watches this pump). */
  private volatile long wakeAt;

  OutputPump(InputStream in, String name, boolean keepRaw) {
    this.keepRaw = keepRaw;
    InputStream counting = new java.io.FilterInputStream(in) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          lock.lock();
          try {
            bytes += n;
            if (keepRaw && bytes - replyStart <= limit) {
              raw.write(b, off, n);
            }
          } finally {
            lock.unlock();
          }
        }
        return n;
      }
    };
    Thread.ofVirtual().name("patina-read-" + name).start(() -> pump(counting));
  }

  private void pump(InputStream in) {
    char[] buf = new char[8192]; // as much as one read gives: the reader decodes 8 KiB of bytes at a time
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      int n;
      while ((n = reader.read(buf)) >= 0) {
        lock.lock();
        try {
          if (tooBig || bytes - replyStart > limit) {
            // over the limit: keep draining (the SSH window stays open) but hold nothing
            tooBig = true;
            changed.signalAll();
            continue;
          }
          terminal.feed(buf, 0, n);
          lastData = System.nanoTime();
          if (quietWaiters > 0 || terminal.hasCurrentLine()) {
            changed.signalAll();
          }
        } finally {
          lock.unlock();
        }
      }
    } catch (IOException e) {
      lock.lock();
      try {
        failure = e;
      } finally {
        lock.unlock();
      }
    } finally {
      lock.lock();
      try {
        closed = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Waits until {@code condition} holds on the terminal (checked under the lock, whenever the
   * line being written changes), the stream ends, or no data arrived for {@code idle}.
   */
  End await(Predicate<TerminalText> condition, Duration idle) throws InterruptedException {
    long idleNanos = idle.toNanos();
    return waitUntil(condition, () -> lastData + idleNanos); // read under the lock, as data comes
  }

  /**
   * Waits until {@code condition} holds, the stream ends, or {@code max} has passed from now
   * (IDLE), whatever the data did meanwhile: a waiter that looks again now and then.
   */
  End awaitUpTo(Predicate<TerminalText> condition, Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    return waitUntil(condition, () -> end);
  }

  /** The wait of {@link #await} and {@link #awaitUpTo}: until the condition, the end of the stream, or the deadline. */
  private End waitUntil(Predicate<TerminalText> condition, java.util.function.LongSupplier deadline)
      throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        if (tooBig) {
          return End.TOO_BIG;
        }
        if (condition.test(terminal)) {
          return End.CONDITION;
        }
        if (closed) {
          return End.CLOSED;
        }
        long at = deadline.getAsLong();
        long left = at - System.nanoTime();
        if (left <= 0) {
          return End.IDLE;
        }
        sleepUntil(at, left);
      }
    } finally {
      lock.unlock();
    }
  }

  /** True when no data arrives within {@code quiet} (the stream closing counts as quiet). */
  boolean quietFor(Duration quiet) throws InterruptedException {
    lock.lock();
    try {
      quietWaiters++;
      long mark = bytes;
      long end = System.nanoTime() + quiet.toNanos();
      while (bytes == mark && !closed) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          return true;
        }
        sleepUntil(end, left);
      }
      return bytes == mark;
    } finally {
      quietWaiters--;
      lock.unlock();
    }
  }

  /**
   * Waits, holding the lock, for a signal or the deadline {@code at} ({@code left} from now); the
   * caller checks again either way. Long waits are timed by {@link Deadlines}, short ones here.
   */
  private void sleepUntil(long at, long left) throws InterruptedException {
    if (left < Deadlines.MIN_NANOS) {
      changed.awaitNanos(left);
      return;
    }
    wakeAt = at;
    Deadlines.watch(this);
    try {
      changed.await();
    } finally {
      Deadlines.unwatch(this);
    }
  }

  long wakeAt() {
    return wakeAt;
  }

  /** Wakes the waiter, which finds its deadline passed ({@link Deadlines}). */
  void wakeWaiters() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** True when no data has arrived for {@code time} (measured from the last data, not from now). */
  boolean silentFor(Duration time) {
    return locked(() -> System.nanoTime() - lastData >= time.toNanos());
  }

  /** A reply begins now: it may have at most {@code maxBytes} bytes. */
  void startReply(long maxBytes) {
    lock.lock();
    try {
      limit = maxBytes;
      replyStart = bytes;
    } finally {
      lock.unlock();
    }
  }

  /** The terminal, to be used only inside {@link #withTerminal}. */
  <T> T withTerminal(java.util.function.Function<TerminalText, T> action) {
    return locked(() -> action.apply(terminal));
  }

  long bytes() {
    return locked(() -> bytes);
  }

  /** Everything received (exec output), bytes that are not UTF-8 kept as {@link dev.patina.files.RawText} escapes. */
  String raw() {
    return locked(() -> dev.patina.files.RawText.decode(raw.toByteArray()));
  }

  boolean closed() {
    return locked(() -> closed);
  }

  IOException failure() {
    return locked(() -> failure);
  }

  private <T> T locked(java.util.function.Supplier<T> read) {
    lock.lock();
    try {
      return read.get();
    } finally {
      lock.unlock();
    }
  }
}
