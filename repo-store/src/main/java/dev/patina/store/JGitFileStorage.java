package dev.patina.store;

import java.io.IOException;
import java.text.ParseException;
import java.util.concurrent.ExecutionException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.pack.PackConfig;

/**
 * The one class that uses JGit's internal file-storage API ({@code org.eclipse.jgit.internal}):
 * the run's pack inserter and gc. JGit does not promise to keep that API stable, so a JGit
 * upgrade that moves it touches this file only; every other class uses JGit's public API.
 */
final class JGitFileStorage {
  /** How many loose objects and packs the repository has, as gc counts them. */
  record Counts(long looseObjects, long packs) {}

  private JGitFileStorage() {}

  /**
   * An inserter that writes one pack file, made visible by {@code flush()} and dropped by
   * {@code close()} without one, deflating at {@code level}. A repository that is not on disk
   * (none here, but JGit allows it) gets its ordinary inserter.
   */
  static ObjectInserter packInserter(Repository repo, int level) {
    if (!(repo.getObjectDatabase() instanceof ObjectDirectory od)) return repo.newObjectInserter();
    PackInserter pack = od.newPackInserter();
    pack.setCompressionLevel(level);
    // A run stages only what changed, so nearly every object is new; asking the packs first
    // cost a stat of the pack folder and a look-up in every pack index per object (perf over
    // four runs of 1,000 new devices: the stat alone 24 us of CPU a device). An object written again (a config
    // back to an earlier version) is a harmless duplicate that the next gc drops; within the
    // run's own pack the inserter still writes each object once.
    pack.checkExisting(false);
    return pack;
  }

  /** Loose objects and packs now; null when the repository is not on disk. */
  static Counts counts(Repository repo) throws IOException {
    if (!(repo instanceof FileRepository file)) return null;
    GC.RepoStatistics stats = new GC(file).getStatistics();
    return new Counts(stats.numberOfLooseObjects, stats.numberOfPackFiles);
  }

  /**
   * Packs everything into one pack, recompressing every object (runs deflate fast), drops the
   * packs it joined at once (as {@code git repack -d}) and writes the commit-graph when the
   * configuration asks for it.
   */
  static void gc(Repository repo) throws StoreException {
    if (!(repo instanceof FileRepository file)) return;
    try {
      GC gc = new GC(file);
      gc.setAuto(false);
      gc.setPackExpireAgeMillis(0);
      PackConfig pack = new PackConfig(repo);
      pack.setReuseObjects(false);
      gc.setPackConfig(pack);
      gc.gc().get();
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
