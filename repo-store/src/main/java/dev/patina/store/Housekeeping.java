package dev.patina.store;

import java.io.IOException;
import java.text.ParseException;
import java.util.concurrent.ExecutionException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.pack.PackConfig;

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

  /** Runs gc when due (or always when {@code force}); true when it ran. */
  static boolean run(Repository repo, boolean force) throws StoreException {
    if (!(repo instanceof FileRepository file)) return false;
    try {
      configure(repo);
      GC gc = new GC(file);
      GC.RepoStatistics stats = gc.getStatistics();
      if (!force && stats.numberOfLooseObjects < LOOSE_OBJECT_LIMIT && stats.numberOfPackFiles < PACK_LIMIT) {
        return false;
      }
      gc.setAuto(false);
      gc.setPackExpireAgeMillis(0); // the packs just joined go at once, as with git repack -d
      PackConfig pack = new PackConfig(repo);
      pack.setReuseObjects(false); // runs deflate fast (RepoStore#runCompression): pack them tight, as git does loose objects
      gc.setPackConfig(pack);
      gc.gc().get();
      return true;
    } catch (IOException | ParseException | GitAPIException e) {
      throw new StoreException("housekeeping of " + repo.getDirectory() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("housekeeping interrupted");
    } catch (ExecutionException e) {
      throw new StoreException("housekeeping of " + repo.getDirectory() + " failed: " + e.getCause(), e);
    }
  }
}
