package dev.patina.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One writer per repository: an OS file lock on {@code patina.lock} in the repository, with the
 * holder's pid written in it. Released on {@link #close()} or when the process dies.
 */
public final class RepoLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;
  private java.util.List<GitLeftovers.Lock> leftovers = java.util.List.of();

  private RepoLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static RepoLock acquire(Path file, Duration wait) throws StoreException {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      while (true) {
        FileLock l;
        try {
          l = ch.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
          l = null;
        }
        if (l != null) {
          String me = ProcessHandle.current().pid() + " " + ProcessHandle.current().info().commandLine().orElse("")
              .replaceAll("\\s+", " ");
          ch.truncate(0);
          ch.write(ByteBuffer.wrap((me.length() > 200 ? me.substring(0, 200) : me).concat("\n")
              .getBytes(StandardCharsets.UTF_8)), 0);
          ch.force(false);
          return new RepoLock(ch, l);
        }
        if (System.nanoTime() >= deadline) {
          ch.close();
          String holder = holder(file);
          throw new LockBusyException("another patina" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
              + " holds " + file + "; waited " + wait.toSeconds() + " s. If it is stuck, stop it; the lock goes with it.");
        }
        // no OS call waits for a file lock with a time limit: poll
        java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
        if (Thread.currentThread().isInterrupted()) {
          ch.close();
          throw new StoreException("interrupted while waiting for " + file);
        }
      }
    } catch (IOException e) {
      throw new StoreException("cannot open the lock file " + file + ": " + e.getMessage(), e);
    }
  }

  private static String holder(Path file) {
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8).trim();
      int sp = s.indexOf(' ');
      return sp < 0 ? s : s.substring(0, sp);
    } catch (IOException e) {
      return "";
    }
  }

  void leftovers(java.util.List<GitLeftovers.Lock> found) {
    leftovers = java.util.List.copyOf(found);
  }

  /**
   * What taking the lock found of a killed writer: one line per git lock file, removed when
   * stale, else named as possibly held by a git program running now (empty: nothing found).
   */
  public java.util.List<String> notices() {
    return leftovers.stream().map(l -> l.removed()
        ? "removed " + l.file() + ", a git lock file " + l.age().toSeconds() + " s old left by a killed writer"
        : l.file() + " is " + l.age().toSeconds() + " s old: a git program may be writing the repository now;"
            + " if none is, delete it").toList();
  }

  @Override
  public void close() {
    try {
      if (lock.isValid()) lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the OS drops the lock with the channel anyway
    }
  }
}
