package dev.patina.store;

import java.util.List;

/**
 * Where runs and the state events they found are recorded for the runs page and the API: the
 * {@link RunLog} beside the repository on a single node, the cluster database in cluster mode
 * (so that every node shows the cluster's runs, whichever node made them).
 */
public interface RunHistory {
  /** Records a run and its events. */
  void append(RunLog.Run run, List<RunLog.Event> found) throws StoreException;

  /** The newest runs first, at most {@code max}. */
  List<RunLog.Run> runs(int max) throws StoreException;

  /** The newest events first, at most {@code max}; only those of {@code device} when it is not null. */
  List<RunLog.Event> events(String device, int max) throws StoreException;
}
