package dev.patina.app.run;

import dev.patina.store.RunStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * Each device's failures in a row, as a run records its outcomes: the status file beside the
 * repository on a single node ({@link #of(RunStatus)}), the cluster database in cluster mode
 * (whichever node owns a run counts the same history).
 */
public interface FailureCounts {
  Optional<RunStatus.Entry> get(String device);

  /** Records a failure; returns the failures in a row, this one included. */
  int recordFailure(String device, Instant when, String reason);

  /** Records a success; returns how many failures in a row it ends (0 if none). */
  int recordSuccess(String device, Instant when);

  /** True when this run's outcome of {@code device} is counted already (a run finished a second time). */
  default boolean counted(String device) {
    return false;
  }

  static FailureCounts of(RunStatus status) {
    return new FailureCounts() {
      @Override public Optional<RunStatus.Entry> get(String device) {
        return status.get(device);
      }

      @Override public int recordFailure(String device, Instant when, String reason) {
        return status.recordFailure(device, when, reason);
      }

      @Override public int recordSuccess(String device, Instant when) {
        return status.recordSuccess(device, when);
      }
    };
  }

  /**
   * Where a run's outcomes are counted when it is not the status file: {@link #update} hands
   * {@code step} the counts of the run's devices and keeps what it records, as one step that no
   * other run's counting interleaves with.
   */
  interface Book {
    <T> T update(java.util.List<String> devices, java.util.function.Function<FailureCounts, T> step)
        throws dev.patina.store.StoreException;
  }
}
