package dev.patina.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/** Reads a stream on a background thread; tests wait for its text with a deadline. */
final class StreamCollector {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private boolean ended;
  private IOException failure;

  StreamCollector(InputStream in) {
    Thread.ofVirtual().start(() -> {
      byte[] buffer = new byte[8192];
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          synchronized (this) {
            bytes.write(buffer, 0, n);
            notifyAll();
          }
        }
      } catch (IOException e) {
        synchronized (this) {
          failure = e;
        }
      }
      synchronized (this) {
        ended = true;
        notifyAll();
      }
    });
  }

  synchronized String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  synchronized boolean ended() {
    return ended;
  }

  synchronized IOException failure() {
    return failure;
  }

  /** Waits until the text satisfies {@code condition}; returns false at the deadline or the end. */
  synchronized boolean await(Predicate<String> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(text())) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || ended) {
        return condition.test(text());
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** Waits until {@code text} has arrived. */
  boolean awaitText(String text, Duration timeout) throws InterruptedException {
    return await(t -> t.contains(text), timeout);
  }

  /** Waits for the end of the stream (EOF or error). */
  synchronized boolean awaitEnd(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ended) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
