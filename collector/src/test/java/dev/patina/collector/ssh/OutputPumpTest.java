package dev.patina.collector.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The pump's waits end at their deadlines, short ones by their own timer and long ones by
 * {@link Deadlines}, and end early on output, the stream's end or an interrupt.
 */
class OutputPumpTest {
  /** A stream fed by the test: each offer is one read's worth; an empty array ends it. */
  private static final class Fed extends InputStream {
    final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int at;

    void send(String s) {
      chunks.add(s.getBytes(StandardCharsets.UTF_8));
    }

    void end() {
      chunks.add(new byte[0]);
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (at == current.length) {
        try {
          current = chunks.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return -1;
        }
        at = 0;
        if (current.length == 0) return -1;
      }
      int n = Math.min(len, current.length - at);
      System.arraycopy(current, at, b, off, n);
      at += n;
      return n;
    }
  }

  private static final Duration LIMIT = Duration.ofSeconds(10); // a wait that never ends fails here

  @Test
  void longWaitEndsAtItsDeadlineThroughDeadlines() {
    OutputPump pump = new OutputPump(new Fed(), "t", false);
    assertTimeoutPreemptively(LIMIT, () -> {
      long t = System.nanoTime();
      assertEquals(OutputPump.End.IDLE, pump.awaitUpTo(x -> false, Duration.ofMillis(300)));
      long took = System.nanoTime() - t;
      assertTrue(took >= Duration.ofMillis(300).toNanos(), "ended before its deadline: " + took + " ns");
    });
  }

  @Test
  void shortWaitAndShortQuietEndOnTheirOwnTimer() {
    OutputPump pump = new OutputPump(new Fed(), "t", false);
    assertTimeoutPreemptively(LIMIT, () -> {
      long t = System.nanoTime();
      assertEquals(OutputPump.End.IDLE, pump.awaitUpTo(x -> false, Duration.ofMillis(40)));
      assertTrue(pump.quietFor(Duration.ofMillis(40)));
      assertTrue(System.nanoTime() - t >= Duration.ofMillis(80).toNanos());
    });
  }

  @Test
  void longQuietEndsWhenNothingComes() {
    OutputPump pump = new OutputPump(new Fed(), "t", false);
    assertTimeoutPreemptively(LIMIT, () -> assertTrue(pump.quietFor(Duration.ofMillis(250))));
  }

  @Test
  void outputEndsALongWaitLongBeforeItsDeadline() {
    Fed in = new Fed();
    OutputPump pump = new OutputPump(in, "t", false);
    Thread.ofVirtual().start(() -> {
      sleep(100);
      in.send("switch# ");
    });
    assertTimeoutPreemptively(LIMIT, () ->
        assertEquals(OutputPump.End.CONDITION, pump.awaitUpTo(x -> x.currentLine().endsWith("# "), Duration.ofMinutes(5))));
  }

  @Test
  void outputBreaksALongQuietAndTheEndOfTheStreamEndsAWait() {
    Fed in = new Fed();
    OutputPump pump = new OutputPump(in, "t", false);
    Thread.ofVirtual().start(() -> {
      sleep(100);
      in.send("more");
      sleep(100);
      in.end();
    });
    assertTimeoutPreemptively(LIMIT, () -> {
      assertFalse(pump.quietFor(Duration.ofMinutes(5)));
      assertEquals(OutputPump.End.CLOSED, pump.awaitUpTo(x -> false, Duration.ofMinutes(5)));
    });
  }

  @Test
  void anInterruptEndsALongWait() throws Exception {
    OutputPump pump = new OutputPump(new Fed(), "t", false);
    List<Throwable> thrown = new ArrayList<>();
    Thread waiter = Thread.ofVirtual().start(() -> {
      try {
        pump.awaitUpTo(x -> false, Duration.ofMinutes(5));
      } catch (Throwable e) {
        thrown.add(e);
      }
    });
    Thread.sleep(100);
    waiter.interrupt();
    assertTrue(waiter.join(LIMIT), "the interrupted wait did not end");
    assertEquals(1, thrown.size());
    assertTrue(thrown.getFirst() instanceof InterruptedException, thrown.toString());
  }

  @Test
  void manyPumpsWaitingAtOnceAllWakeAtTheirDeadlines() throws Exception {
    int n = 200;
    List<Thread> waiters = new ArrayList<>();
    long[] took = new long[n];
    OutputPump.End[] ends = new OutputPump.End[n];
    for (int i = 0; i < n; i++) {
      int k = i;
      OutputPump pump = new OutputPump(new Fed(), "t" + i, false);
      waiters.add(Thread.ofVirtual().start(() -> {
        long t = System.nanoTime();
        try {
          ends[k] = pump.awaitUpTo(x -> false, Duration.ofMillis(100 + 5 * k)); // 100 .. 1,095 ms
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
        took[k] = System.nanoTime() - t;
      }));
    }
    for (Thread w : waiters) assertTrue(w.join(LIMIT), "a wait did not end");
    for (int k = 0; k < n; k++) {
      assertEquals(OutputPump.End.IDLE, ends[k], "waiter " + k);
      assertTrue(took[k] >= TimeUnit.MILLISECONDS.toNanos(100 + 5 * k), "waiter " + k + " ended early");
    }
    // and the thread goes back to sleep: a new long wait after the set emptied is still woken
    OutputPump later = new OutputPump(new Fed(), "later", false);
    assertTimeoutPreemptively(LIMIT, () -> assertEquals(OutputPump.End.IDLE, later.awaitUpTo(x -> false, Duration.ofMillis(150))));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
