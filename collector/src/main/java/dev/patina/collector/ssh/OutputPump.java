package dev.patina.collector.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A channel's output as a {@link TerminalText}, and the waits of the session that reads it:
 * callers wait for a condition with a deadline instead of blocking in a read. Output comes in by
 * {@link #accept}: for a shell, straight from sshj's reader thread ({@link ShellChannel}), so each
 * chunk wakes the session at most once and no thread of its own sits between them; for exec
 * channels and tests, from a virtual thread that reads a stream ({@link #reading}). Output larger
 * than the SSH window is consumed as it arrives, which keeps the window open.
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

  private static final byte[] NOTHING = new byte[0];

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final TerminalText terminal = new TerminalText();
  /** The bytes as they came (exec output): decoded at the end so no byte is lost (see RawText). */
  private final java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
  private final boolean keepRaw;
  /** UTF-8, bad bytes shown as U+FFFD (what an InputStreamReader does). */
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
  /** The first bytes of a character whose rest is in the next chunk (at most 3). */
  private final ByteBuffer split = ByteBuffer.allocate(8);
  private CharBuffer chars = CharBuffer.allocate(8192);
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

  /** A pump fed by {@link #accept} and {@link #end}. */
  OutputPump(boolean keepRaw) {
    this.keepRaw = keepRaw;
  }

  /** A pump fed by a virtual thread of its own that reads {@code in} to its end. */
  static OutputPump reading(InputStream in, String name, boolean keepRaw) {
    OutputPump pump = new OutputPump(keepRaw);
    Thread.ofVirtual().name("patina-read-" + name).start(() -> pump.drain(in));
    return pump;
  }

  private void drain(InputStream in) {
    byte[] buf = new byte[8192];
    IOException failed = null;
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        accept(buf, 0, n);
      }
    } catch (IOException e) {
      failed = e;
    } finally {
      end(failed);
    }
  }

  /** Output as it arrives; the bytes are copied before this returns. */
  void accept(byte[] b, int off, int len) {
    if (len <= 0) return;
    lock.lock();
    try {
      bytes += len;
      if (tooBig || bytes - replyStart > limit) {
        // over the limit: keep consuming (the SSH window stays open) but hold nothing
        tooBig = true;
        changed.signalAll();
        return;
      }
      if (keepRaw) raw.write(b, off, len);
      decode(b, off, len, false);
      lastData = System.nanoTime();
      if (quietWaiters > 0 || terminal.hasCurrentLine()) {
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The output ended, cleanly ({@code failure} null) or not; later calls change nothing. */
  void end(IOException failure) {
    lock.lock();
    try {
      if (closed) return;
      if (split.position() > 0 && !tooBig) decode(NOTHING, 0, 0, true); // a cut character shows as U+FFFD
      this.failure = failure;
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Decodes a chunk, with the start of a character the last one cut, into the terminal (under the lock). */
  private void decode(byte[] b, int off, int len, boolean last) {
    ByteBuffer in;
    if (split.position() == 0) {
      in = ByteBuffer.wrap(b, off, len);
    } else {
      split.flip();
      in = ByteBuffer.allocate(split.remaining() + len).put(split).put(b, off, len).flip();
      split.clear();
    }
    if (chars.capacity() < in.remaining() + 2) chars = CharBuffer.allocate(in.remaining() + 2); // UTF-8: a char a byte at most
    chars.clear();
    decoder.decode(in, chars, last);
    if (last) decoder.flush(chars);
    split.put(in); // what is left is an incomplete character
    terminal.feed(chars.array(), 0, chars.position());
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
