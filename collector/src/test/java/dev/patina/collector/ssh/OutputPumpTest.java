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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
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
    OutputPump pump = OutputPump.reading(new Fed(), "t", false);
    assertTimeoutPreemptively(LIMIT, () -> {
      long t = System.nanoTime();
      assertEquals(OutputPump.End.IDLE, pump.awaitUpTo(x -> false, Duration.ofMillis(300)));
      long took = System.nanoTime() - t;
      assertTrue(took >= Duration.ofMillis(300).toNanos(), "ended before its deadline: " + took + " ns");
    });
  }

  @Test
  void shortWaitAndShortQuietEndOnTheirOwnTimer() throws Exception {
    OutputPump pump = OutputPump.reading(new Fed(), "t", false);
    Duration shortWait = Duration.ofNanos(Deadlines.MIN_NANOS).minusMillis(10); // the longest a wait times itself
    long t = System.nanoTime();
    Blocked<OutputPump.End> wait = blockedIn(() -> pump.awaitUpTo(x -> false, shortWait), Thread.State.TIMED_WAITING,
        "a short wait should keep its own timer");
    assertEquals(OutputPump.End.IDLE, wait.result());
    assertTrue(pump.quietFor(Duration.ofMillis(40)));
    assertTrue(System.nanoTime() - t >= shortWait.plusMillis(40).toNanos());
  }

  @Test
  void longQuietEndsWhenNothingComes() {
    OutputPump pump = OutputPump.reading(new Fed(), "t", false);
    assertTimeoutPreemptively(LIMIT, () -> assertTrue(pump.quietFor(Duration.ofMillis(250))));
  }

  @Test
  void outputEndsALongWaitLongBeforeItsDeadline() throws Exception {
    Fed in = new Fed();
    OutputPump pump = OutputPump.reading(in, "t", false);
    Blocked<OutputPump.End> wait = blockedIn(() -> pump.awaitUpTo(x -> x.currentLine().endsWith("# "), Duration.ofMinutes(5)));
    in.send("switch# ");
    assertEquals(OutputPump.End.CONDITION, wait.result());
  }

  @Test
  void outputBreaksALongQuietAndTheEndOfTheStreamEndsAWait() throws Exception {
    Fed in = new Fed();
    OutputPump pump = OutputPump.reading(in, "t", false);
    Blocked<Boolean> quiet = blockedIn(() -> pump.quietFor(Duration.ofMinutes(5)));
    in.send("more");
    assertFalse(quiet.result());
    Blocked<OutputPump.End> wait = blockedIn(() -> pump.awaitUpTo(x -> false, Duration.ofMinutes(5)));
    in.end();
    assertEquals(OutputPump.End.CLOSED, wait.result());
  }

  @Test
  void anInterruptEndsALongWait() throws Exception {
    OutputPump pump = OutputPump.reading(new Fed(), "t", false);
    Blocked<OutputPump.End> wait = blockedIn(() -> pump.awaitUpTo(x -> false, Duration.ofMinutes(5)));
    wait.thread().interrupt();
    ExecutionException e = assertThrows(ExecutionException.class, wait::result);
    assertTrue(e.getCause() instanceof InterruptedException, e.toString());
  }

  @Test
  void aCharacterCutBetweenTwoChunksIsDecodedWholeAndOneCutByTheEndShowsAsAReplacement() {
    OutputPump pump = new OutputPump(false);
    byte[] text = "Ger\u00e4t-\u20ac# ".getBytes(StandardCharsets.UTF_8); // two- and three-byte characters
    for (int cut = 0; cut < text.length; cut++) {
      pump.accept(text, cut, 1); // a byte a chunk: every character is cut at least once
    }
    assertEquals("Ger\u00e4t-\u20ac# ", pump.withTerminal(TerminalText::currentLine));
    byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
    pump.accept(euro, 0, 2); // the stream ends inside a character
    pump.end(null);
    assertEquals("Ger\u00e4t-\u20ac# \ufffd", pump.withTerminal(TerminalText::currentLine));
    assertTrue(pump.closed());
  }

  @Test
  void aPumpFedByItsOwnerEndsAWaitOnOutputAndOnTheEnd() throws Exception {
    OutputPump pump = new OutputPump(false);
    Blocked<OutputPump.End> wait = blockedIn(() -> pump.awaitUpTo(x -> x.currentLine().endsWith("# "), Duration.ofMinutes(5)));
    byte[] prompt = "switch# ".getBytes(StandardCharsets.UTF_8);
    pump.accept(prompt, 0, prompt.length);
    assertEquals(OutputPump.End.CONDITION, wait.result());
    Blocked<OutputPump.End> second = blockedIn(() -> pump.awaitUpTo(x -> false, Duration.ofMinutes(5)));
    pump.end(new java.io.IOException("gone"));
    assertEquals(OutputPump.End.CLOSED, second.result());
    assertEquals("gone", pump.failure().getMessage());
  }

  /** A wait running on its own virtual thread. */
  private record Blocked<T>(Thread thread, FutureTask<T> task) {
    T result() throws Exception {
      return task.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  /**
   * Starts {@code wait} on a virtual thread and returns once that thread waits in it, untimed: a
   * wait this long arms no timer of its own ({@link Deadlines} ends it).
   */
  private static <T> Blocked<T> blockedIn(Callable<T> wait) {
    return blockedIn(wait, Thread.State.WAITING, "the long wait should wait untimed");
  }

  /** Starts {@code wait} on a virtual thread and returns once that thread waits in it, in {@code state}. */
  private static <T> Blocked<T> blockedIn(Callable<T> wait, Thread.State state, String why) {
    FutureTask<T> task = new FutureTask<>(wait);
    Thread t = Thread.ofVirtual().start(task);
    assertTimeoutPreemptively(LIMIT, () -> {
      while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING && !task.isDone()) {
        Thread.yield();
      }
    });
    assertEquals(state, t.getState(), why);
    return new Blocked<>(t, task);
  }

  @Test
  void manyPumpsWaitingAtOnceAllWakeAtTheirDeadlines() throws Exception {
    int n = 200;
    List<Thread> waiters = new ArrayList<>();
    long[] took = new long[n];
    OutputPump.End[] ends = new OutputPump.End[n];
    for (int i = 0; i < n; i++) {
      int k = i;
      OutputPump pump = OutputPump.reading(new Fed(), "t" + i, false);
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
    OutputPump later = OutputPump.reading(new Fed(), "later", false);
    assertTimeoutPreemptively(LIMIT, () -> assertEquals(OutputPump.End.IDLE, later.awaitUpTo(x -> false, Duration.ofMillis(150))));
  }
}
