package dev.patina.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * Writing runs: each changed device's artifacts are staged (written as git objects) as soon as
 * it is backed up, so a run holds only tree ids; then one commit for the run.
 *
 * <p><b>Staging is shared.</b> There is one staging pack per repository, not per run: runs that
 * go on at once in one process (groups of {@code patina serve}) all stage into it, and the
 * first to commit writes out everything staged so far, its own devices and those of runs still
 * going (which later commit trees whose objects are already visible). Nothing staged is lost
 * by a run that commits nothing; only {@link #close} drops what no run committed.
 *
 * <p><b>Lock order</b>, outermost first; take them in this order only:
 * <ol>
 *   <li>the repository lock {@code patina.lock} ({@link RepoStore#lock}): one process writes;
 *       {@code run}/{@code backup} hold it for the run, {@code serve} for its life;
 *   <li>the caller's commit lock: in one process, serialises each run's commit, housekeeping and
 *       push, also across configuration reloads that open a second {@code RepoStore};
 *   <li>this writer's monitor ({@link #commitTrees}, {@link #housekeeping}): a commit and gc never
 *       overlap;
 *   <li>the staging lock, held only to add to or take the staging pack; taking it waits (on the
 *       lock's condition, so releasing it) until no stager is still writing into the pack;
 *   <li>the pack's own lock ({@link RunPack}), held only to append a finished entry.
 * </ol>
 * Stagers hash and deflate on their own threads, holding no lock (see {@link RunPack}).
 */
public final class RunWriter implements AutoCloseable {
  /** A run that changed at most this many devices commits them as loose objects, a larger one as a pack. */
  static final int LOOSE_DEVICES_PER_RUN = 8;

  private final Repository repo;
  private final Heads heads;
  private final Path dir;
  /** Guards {@link #staging}: a lock that parks waiting (virtual) threads instead of pinning their carrier. */
  private final ReentrantLock stageLock = new ReentrantLock();
  private final java.util.concurrent.locks.Condition stagersDone = stageLock.newCondition();
  private Staging staging;
  private volatile CommitHook hook;

  /** Told of each commit this writer makes, after {@code main} moved to it (the version index). */
  interface CommitHook {
    void committed(String commit, String parent, PersonIdent who, String message, List<String> devices);
  }

  void onCommit(CommitHook h) {
    hook = h;
  }

  RunWriter(Repository repo, Heads heads, Path dir) {
    this.repo = repo;
    this.heads = heads;
    this.dir = dir;
  }

  /**
   * Writes a device's artifacts (blobs and trees) into the staging pack now and returns the id
   * of its tree, or null for no artifacts; a run keeps only this id until it commits. The pack
   * is made visible by {@link #commitTrees}; a run that changed at most
   * {@value #LOOSE_DEVICES_PER_RUN} devices (the usual one) leaves loose objects instead, which
   * housekeeping packs now and then, so that small runs do not pile up packs. Measured on 100 new
   * devices: the first 8 of a run written loose cost as much CPU as the other 92 in the pack.
   */
  public String stage(Map<String, String> artifacts) throws StoreException {
    if (artifacts.isEmpty()) return null;
    Staging into;
    stageLock.lock();
    try {
      if (staging == null) staging = new Staging(new RunPack(repo, runCompression(repo.getConfig())));
      into = staging;
      if (++into.devices > LOOSE_DEVICES_PER_RUN) into.pack.stopKeeping(); // this run will be a pack
      into.writing++;
    } catch (IOException e) {
      throw new StoreException("cannot write to " + dir + ": " + e.getMessage(), e);
    } finally {
      stageLock.unlock();
    }
    try {
      return Trees.deviceTree(into.pack, artifacts).name(); // hashed and deflated on this thread, in parallel
    } catch (IOException e) {
      throw new StoreException("cannot write to " + dir + ": " + e.getMessage(), e);
    } finally {
      stageLock.lock();
      try {
        if (--into.writing == 0) stagersDone.signalAll();
      } finally {
        stageLock.unlock();
      }
    }
  }

  /**
   * The tree id {@link #stage} would give these artifacts, computed without writing anything (no
   * repository needed); null for no artifacts. A cluster node tells the run's owner "the same as
   * tree X" instead of sending a configuration that did not change.
   */
  public static String treeIdOf(Map<String, String> artifacts) {
    if (artifacts.isEmpty()) return null;
    try (ObjectInserter ids = new IdsOnly()) {
      return Trees.deviceTree(ids, artifacts).name();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // in memory: cannot happen
    }
  }

  /** An inserter that writes nothing: each insert answers the id git gives the object ({@code idFor}). */
  private static final class IdsOnly extends ObjectInserter.Formatter {
    @Override
    public ObjectId insert(int type, byte[] data, int off, int len) {
      return idFor(type, data, off, len);
    }

    @Override
    public ObjectId insert(int type, long length, InputStream in) throws IOException {
      return idFor(type, length, in);
    }
  }

  /**
   * git's level for loose objects, which is what a run writes: core.looseCompression, else
   * core.compression, else 1 (zlib's fastest; JGit's PackInserter defaults to 9). Housekeeping
   * recompresses at the pack level later. Measured on 1,000 new 2,000-line configs at 64 at
   * once: level 9 took 1.41 ms of CPU per device staged, level 6 0.56 ms, and deflating was
   * still twice the SHA-1 in a run's profile.
   */
  static int runCompression(Config config) {
    return config.getInt("core", "looseCompression", config.getInt("core", "compression", 1));
  }

  /** The staging pack and who uses it; guarded by the staging lock. */
  private static final class Staging {
    final RunPack pack;
    /** Devices staged into it (how the run's objects are published: as a pack, or loose). */
    int devices;
    /** Stagers writing into it now: it is handed over only when none is. */
    int writing;

    Staging(RunPack pack) {
      this.pack = pack;
    }
  }

  /** Hands over what {@link #stage} wrote so far (null: nothing); later stages start a new pack. */
  private Staging takeStaged() {
    stageLock.lock();
    try {
      Staging run = staging;
      staging = null; // later stagers start a new pack
      while (run != null && run.writing > 0) stagersDone.awaitUninterruptibly(); // a few ms: hashing and deflating
      return run;
    } finally {
      stageLock.unlock();
    }
  }

  /**
   * One commit from whole device snapshots (device name to artifact path to text): each entry
   * replaces that device's folder; other devices are untouched. Empty when nothing differs.
   */
  public Optional<CommitInfo> commit(Map<String, Map<String, String>> snapshots, String message, String author)
      throws StoreException {
    Map<String, String> trees = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> s : snapshots.entrySet()) trees.put(s.getKey(), stage(s.getValue()));
    return commitTrees(trees, message, author);
  }

  /**
   * One commit from staged device trees ({@link #stage}); a null tree removes the device.
   * Empty when nothing differs from HEAD. What was staged becomes visible first: the staging
   * pack, with the commit and its two trees in it, or for a run of a few devices the same
   * objects as loose files (read back from the pack, which is then dropped).
   */
  public synchronized Optional<CommitInfo> commitTrees(Map<String, String> trees, String message, String author)
      throws StoreException {
    Staging run = takeStaged();
    boolean packed = run != null && run.devices > LOOSE_DEVICES_PER_RUN;
    try (ObjectInserter loose = repo.newObjectInserter(); ObjectReader reader = repo.newObjectReader()) {
      ObjectInserter inserter = packed ? run.pack : loose;
      Heads.Index head = heads.head();
      Map<String, ObjectId> devices = new HashMap<>(head.devices());
      boolean changed = false;
      List<String> changedDevices = new ArrayList<>();
      for (Map.Entry<String, String> s : trees.entrySet()) {
        ObjectId tree = s.getValue() == null ? null : ObjectId.fromString(s.getValue());
        ObjectId old = devices.get(s.getKey());
        if (Objects.equals(tree, old)) continue;
        changed = true;
        changedDevices.add(s.getKey());
        if (tree == null) devices.remove(s.getKey());
        else devices.put(s.getKey(), tree);
      }
      PersonIdent who = new PersonIdent(author == null ? "Patina" : author, "patina@localhost");
      ObjectId commit = null;
      if (changed) {
        List<Trees.Entry> deviceEntries = new ArrayList<>(devices.size());
        devices.forEach((name, id) -> deviceEntries.add(new Trees.Entry(name, FileMode.TREE, id)));
        ObjectId devicesTree = Trees.write(inserter, deviceEntries);
        List<Trees.Entry> rootEntries = new ArrayList<>();
        for (Trees.Entry e : Trees.entries(reader, head.rootTree())) {
          if (!e.name().equals(Heads.DEVICES)) rootEntries.add(e);
        }
        rootEntries.add(new Trees.Entry(Heads.DEVICES, FileMode.TREE, devicesTree));
        ObjectId root = Trees.write(inserter, rootEntries);
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(root);
        if (head.commit() != null) cb.setParentId(head.commit());
        cb.setAuthor(who);
        cb.setCommitter(who);
        cb.setMessage(message.endsWith("\n") ? message : message + "\n");
        commit = inserter.insert(cb);
      }
      // what was staged is written out even without a commit: another run may refer to it (shared staging)
      if (packed) {
        run.pack.flush();
      } else if (run != null) { // a few devices: kept as given, written loose
        for (RunPack.Kept object : run.pack.keptObjects()) loose.insert(object.type(), object.data());
      }
      loose.flush();
      if (!changed) return Optional.empty();

      RefUpdate ru = repo.updateRef(Heads.BRANCH);
      ru.setNewObjectId(commit);
      ru.setExpectedOldObjectId(head.commit() == null ? ObjectId.zeroId() : head.commit());
      ru.setRefLogMessage("patina: " + firstLine(message), false);
      ru.setForceRefLog(true); // logs/refs/heads/main names the last good commit if a crash garbles the branch
      RefUpdate.Result r = ru.update();
      if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FAST_FORWARD && r != RefUpdate.Result.FORCED) {
        String blocking = r == RefUpdate.Result.LOCK_FAILURE
            ? GitLeftovers.blockingLock(repo.getDirectory().toPath(), Heads.BRANCH) : null;
        if (blocking != null) {
          throw new StoreException("cannot move " + Heads.BRANCH + " to the new commit in " + dir + ": " + blocking);
        }
        throw new StoreException("cannot move " + Heads.BRANCH + " to the new commit in " + dir + ": " + r
            + " (did another process write to the repository?)");
      }
      CommitHook h = hook;
      if (h != null) h.committed(commit.name(), head.commit() == null ? null : head.commit().name(), who, message,
          changedDevices);
      return Optional.of(new CommitInfo(commit.name(), who.getWhenAsInstant(), who.getName(), message));
    } catch (IOException e) {
      throw new StoreException("cannot commit to " + dir + ": " + e.getMessage(), e);
    } finally {
      if (run != null) run.pack.close(); // after a flush: nothing; otherwise the pack file is dropped
    }
  }

  /**
   * Packs loose objects and writes the commit-graph once enough has piled up since the last
   * time; true when it ran. Never while a commit is being written.
   */
  public synchronized boolean housekeeping() throws StoreException {
    return Housekeeping.run(repo, false);
  }

  /** Packs and writes the commit-graph now. */
  public synchronized void housekeepingNow() throws StoreException {
    Housekeeping.run(repo, true);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Drops what was staged and never committed (a run that stopped before its commit). */
  @Override
  public void close() {
    Staging left = takeStaged();
    if (left != null) left.pack.close();
  }
}
