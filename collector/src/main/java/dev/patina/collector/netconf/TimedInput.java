package dev.patina.collector.netconf;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A blocking stream read on its own thread, so that every read has a deadline: a server that
 * goes silent costs a timeout, never a hung collector. Counts the bytes handed out (the offset
 * that framing errors report).
 */
final class TimedInput implements Closeable {
  private static final byte[] END = new byte[0];

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(32);
  private final Thread pump;
  private final String peer;
  private byte[] current = new byte[0];
  private int pos;
  private long offset;
  private boolean ended;
  private volatile boolean closed;

  TimedInput(InputStream in, String peer) {
    this.peer = peer;
    this.pump = Thread.ofPlatform().daemon().name("netconf-read " + peer).unstarted(() -> pump(in));
    pump.start();
  }

  private void pump(InputStream in) {
    byte[] buf = new byte[32 * 1024];
    try {
      try {
        for (;;) {
          int n = in.read(buf);
          if (n < 0) {
            hand(END);
            return;
          }
          if (n > 0 && !hand(Arrays.copyOf(buf, n))) return;
        }
      } catch (IOException e) {
        if (!closed) hand(e);
      }
    } catch (InterruptedException stop) {
      // close() stops the pump; nobody reads any more
    }
  }

  /** Queues an item unless the reader has gone away; false once closed. */
  private boolean hand(Object item) throws InterruptedException {
    while (!queue.offer(item, 200, TimeUnit.MILLISECONDS)) {
      if (closed) return false;
    }
    return true;
  }

  /** Bytes handed out so far: the offset of the next byte. */
  long offset() {
    return offset;
  }

  /** The next byte (0..255), or -1 at the end of the stream. */
  int read(Deadline deadline) throws IOException {
    if (!fill(deadline)) return -1;
    offset++;
    return current[pos++] & 0xff;
  }

  /** Reads exactly {@code len} bytes into {@code b}; false if the stream ended first. */
  boolean readFully(byte[] b, int off, int len, Deadline deadline) throws IOException {
    while (len > 0) {
      if (!fill(deadline)) return false;
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      off += n;
      len -= n;
      offset += n;
    }
    return true;
  }

  private boolean fill(Deadline deadline) throws IOException {
    while (pos == current.length) {
      if (ended) return false;
      Object next;
      try {
        long wait = deadline.remainingNanos();
        next = wait <= 0 ? queue.poll() : queue.poll(wait, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while waiting for " + deadline.waitingFor()
            + " from " + peer);
      }
      if (next == null) {
        throw new NetconfTimeoutException("no complete " + deadline.waitingFor() + " from " + peer + " within "
            + human(deadline.limit()) + " (" + offset + " bytes received in this session); the server is silent "
            + "or slow: check it, or raise the reply timeout");
      }
      if (next instanceof IOException e) {
        ended = true;
        throw new IOException("reading from " + peer + " failed after " + offset + " bytes: " + e.getMessage(), e);
      }
      current = (byte[]) next;
      pos = 0;
      if (current == END) ended = true;
    }
    return true;
  }

  private static String human(java.time.Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
  }

  @Override
  public void close() {
    closed = true;
    pump.interrupt();
  }
}
