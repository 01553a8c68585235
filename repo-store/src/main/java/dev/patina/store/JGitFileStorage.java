package dev.patina.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.file.BasePackIndexWriter;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.eclipse.jgit.transport.PackedObjectInfo;

/**
 * The one class that uses JGit's internal file-storage API ({@code org.eclipse.jgit.internal}):
 * the index and publication of a run's pack ({@link RunPack}), and gc. JGit does not promise to
 * keep that API stable, so a JGit upgrade that moves it touches this file only; every other
 * class uses JGit's public API.
 */
final class JGitFileStorage {
  /** How many loose objects and packs the repository has, as gc counts them. */
  record Counts(long looseObjects, long packs) {}

  private JGitFileStorage() {}

  /** The repository's object folder; the store's repositories are always on disk. */
  static Path objectsDir(Repository repo) throws IOException {
    if (!(repo.getObjectDatabase() instanceof ObjectDirectory od)) {
      throw new IOException(repo + " keeps its objects elsewhere than in files");
    }
    return od.getDirectory().toPath();
  }

  /** Writes a version-2 pack index of {@code sorted} (by id) for the pack whose checksum is {@code packChecksum}. */
  static void writeIndex(OutputStream out, List<PackedObjectInfo> sorted, byte[] packChecksum) throws IOException {
    BasePackIndexWriter.createVersion(out, 2).write(sorted, packChecksum);
  }

  /** Tells the repository of a pack just moved into {@code objects/pack}, so reads see it at once. */
  static void openPack(Repository repo, Path pack) throws IOException {
    ((ObjectDirectory) repo.getObjectDatabase()).openPack(pack.toFile());
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
