package dev.patina.store;

import java.io.IOException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;

/**
 * Keeps the repository small and history fast: once loose objects (small runs) or packs (one
 * per large run) pile up, packs them (deltas between a device's versions make thousands of
 * runs cheap) and writes the
 * commit-graph with changed-path Bloom filters that {@code log DEVICE} uses.
 */
final class Housekeeping {
  static final int LOOSE_OBJECT_LIMIT = 2000;
  /** A run that changes more than a few devices writes a pack; this many are joined into one. */
  static final int PACK_LIMIT = 30;

  private Housekeeping() {}

  /** Enables commit-graph writing with changed-path filters (also on repositories made elsewhere). */
  static void configure(Repository repo) throws IOException {
    StoredConfig cfg = repo.getConfig();
    if (cfg.getBoolean("gc", "writeChangedPaths", false) && cfg.getBoolean("core", "commitGraph", false)) return;
    cfg.setBoolean("core", null, "commitGraph", true);
    cfg.setBoolean("gc", null, "writeCommitGraph", true);
    cfg.setBoolean("gc", null, "writeChangedPaths", true);
    cfg.save();
  }

  /**
   * Runs gc when due (or always when {@code force}); true when it ran. Packs are joined tight:
   * runs deflate fast ({@link RunWriter#runCompression}), gc recompresses as git does.
   */
  static boolean run(Repository repo, boolean force) throws StoreException {
    try {
      JGitFileStorage.Counts counts = JGitFileStorage.counts(repo);
      if (counts == null) return false;
      configure(repo);
      if (!force && counts.looseObjects() < LOOSE_OBJECT_LIMIT && counts.packs() < PACK_LIMIT) return false;
    } catch (IOException e) {
      throw new StoreException("housekeeping of " + repo.getDirectory() + " failed: " + e.getMessage(), e);
    }
    JGitFileStorage.gc(repo);
    return true;
  }
}
