package dev.patina.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The git repository of device snapshots: a bare repository (nothing to get out of sync),
 * laid out as {@code devices/<name>/<artifact>}, one commit per run that changed something.
 * Reads are safe from many threads; commits are serialised.
 */
public final class RepoStore implements AutoCloseable {
  static final String BRANCH = "refs/heads/main";
  private static final String DEVICES = "devices";

  private final Path dir;
  private final Repository repo;
  /** A run that changed at most this many devices commits them as loose objects, a larger one as a pack. */
  static final int LOOSE_DEVICES_PER_RUN = 8;
  /** Guards the run's pack: a lock that parks waiting (virtual) threads instead of spinning them. */
  private final java.util.concurrent.locks.ReentrantLock stageLock = new java.util.concurrent.locks.ReentrantLock();
  private Staging staging;
  private final History history;
  private volatile HeadIndex index;
  private RunStatus status;
  private VersionIndex versions;

  /** The device trees of one commit, by device name. */
  private record HeadIndex(ObjectId commit, ObjectId rootTree, Map<String, ObjectId> devices) {}

  private RepoStore(Path dir, Repository repo) {
    this.dir = dir;
    this.repo = repo;
    this.history = new History(repo);
  }

  /** Opens the repository in {@code dir}, creating a bare one if the folder is absent or empty. */
  public static RepoStore open(Path dir) throws StoreException {
    Path abs = dir.toAbsolutePath().normalize();
    try {
      boolean empty = !Files.exists(abs);
      if (!empty && Files.isDirectory(abs)) {
        try (Stream<Path> s = Files.list(abs)) {
          empty = s.findAny().isEmpty();
        }
      }
      Repository repo;
      if (empty) {
        Files.createDirectories(abs);
        repo = Git.init().setBare(true).setDirectory(abs.toFile()).setInitialBranch("main").call().getRepository();
        Housekeeping.configure(repo);
      } else if (Files.isRegularFile(abs.resolve("HEAD")) && Files.isDirectory(abs.resolve("objects"))) {
        repo = new FileRepositoryBuilder().setGitDir(abs.toFile()).setMustExist(true).build();
      } else if (Files.isDirectory(abs.resolve(".git"))) {
        repo = new FileRepositoryBuilder().setGitDir(abs.resolve(".git").toFile()).setMustExist(true).build();
      } else {
        throw new StoreException(abs + " is neither a git repository nor empty; point repository.path at a new "
            + "folder or at a Patina repository");
      }
      return new RepoStore(abs, repo);
    } catch (IOException | GitAPIException e) {
      throw new StoreException("cannot open the repository " + abs + ": " + e.getMessage(), e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** The underlying JGit repository, for history tools and tests. */
  public Repository repository() {
    return repo;
  }

  private HeadIndex head() throws IOException {
    ObjectId commit = repo.resolve(BRANCH);
    HeadIndex current = index;
    if (current != null && java.util.Objects.equals(current.commit(), commit)) return current;
    HeadIndex fresh = indexAt(commit);
    index = fresh;
    return fresh;
  }

  private HeadIndex indexAt(ObjectId commit) throws IOException {
    if (commit == null) return new HeadIndex(null, null, Map.of());
    try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
      ObjectId root = walk.parseCommit(commit).getTree();
      ObjectId devicesTree = null;
      for (Trees.Entry e : Trees.entries(reader, root)) {
        if (e.name().equals(DEVICES) && e.isTree()) devicesTree = e.id();
      }
      Map<String, ObjectId> devices = new HashMap<>();
      for (Trees.Entry e : Trees.entries(reader, devicesTree)) {
        if (e.isTree()) devices.put(e.name(), e.id());
      }
      return new HeadIndex(commit, root, devices);
    }
  }

  /**
   * The repository as of HEAD now, for reading many devices: a run reads each device's last
   * version through one of these, without asking git for HEAD once per device.
   */
  public final class HeadView {
    private final HeadIndex at;

    private HeadView(HeadIndex at) {
      this.at = at;
    }

    /** A device's artifacts at this HEAD: artifact path to text; empty when the device has none. */
    public Map<String, String> readDevice(String device) throws StoreException {
      try (ObjectReader reader = repo.newObjectReader()) {
        return Trees.files(reader, at.devices().get(device));
      } catch (IOException e) {
        throw new StoreException("cannot read " + device + " from " + dir + ": " + e.getMessage(), e);
      }
    }
  }

  /** HEAD as of now ({@link HeadView}). */
  public HeadView headView() throws StoreException {
    try {
      return new HeadView(head());
    } catch (IOException e) {
      throw new StoreException("cannot read " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A device's artifacts at HEAD: artifact path to text; empty when the device has none. */
  public Map<String, String> readDevice(String device) throws StoreException {
    try {
      ObjectId tree = head().devices().get(device);
      try (ObjectReader reader = repo.newObjectReader()) {
        return Trees.files(reader, tree);
      }
    } catch (IOException e) {
      throw new StoreException("cannot read " + device + " from " + dir + ": " + e.getMessage(), e);
    }
  }

  public Optional<String> read(String device, String artifact) throws StoreException {
    return Optional.ofNullable(readDevice(device).get(artifact));
  }

  /** The devices that have something stored at HEAD. */
  public SortedSet<String> devices() throws StoreException {
    try {
      return new TreeSet<>(head().devices().keySet());
    } catch (IOException e) {
      throw new StoreException("cannot read " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * One commit for a run: each entry replaces that device's whole folder; other devices are
   * untouched. Empty when nothing differs from HEAD (no commit is made).
   */
  public Optional<CommitInfo> commit(Map<String, Map<String, String>> snapshots, String message, String author)
      throws StoreException {
    Map<String, String> trees = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> s : snapshots.entrySet()) trees.put(s.getKey(), stage(s.getValue()));
    return commitTrees(trees, message, author);
  }

  /**
   * Writes a device's artifacts (blobs and trees) into the run's pack now and returns the id of
   * its tree, or null for no artifacts; a run keeps only this id until it commits. The pack is
   * made visible by {@link #commitTrees}; a run that changed at most
   * {@value #LOOSE_DEVICES_PER_RUN} devices (the usual one) leaves loose objects instead, which
   * housekeeping packs now and then, so that small runs do not pile up packs. Measured on 100 new
   * devices: the first 8 of a run written loose cost as much CPU as the other 92 in the pack.
   */
  public String stage(Map<String, String> artifacts) throws StoreException {
    if (artifacts.isEmpty()) return null;
    stageLock.lock();
    try {
      if (staging == null) staging = new Staging(newStagingInserter());
      staging.devices++;
      return Trees.deviceTree(staging, artifacts).name();
    } catch (IOException e) {
      throw new StoreException("cannot write to " + dir + ": " + e.getMessage(), e);
    } finally {
      stageLock.unlock();
    }
  }

  /** The run's pack inserter, remembering what it wrote (to write a small run loose instead). */
  private static final class Staging extends ObjectInserter.Filter {
    private final ObjectInserter pack;
    final List<ObjectId> ids = new ArrayList<>();
    int devices;

    Staging(ObjectInserter pack) {
      this.pack = pack;
    }

    @Override
    protected ObjectInserter delegate() {
      return pack;
    }

    @Override
    public ObjectId insert(int type, byte[] data) throws IOException {
      return insert(type, data, 0, data.length); // Filter would hand it to the pack unrecorded
    }

    @Override
    public ObjectId insert(int type, byte[] data, int off, int len) throws IOException {
      return recorded(pack.insert(type, data, off, len));
    }

    @Override
    public ObjectId insert(int type, long length, java.io.InputStream in) throws IOException {
      return recorded(pack.insert(type, length, in));
    }

    private ObjectId recorded(ObjectId id) {
      ids.add(id);
      return id;
    }
  }

  /**
   * The run's pack: what git writes as loose objects, so deflated as git deflates those, at
   * {@code core.looseCompression}, else {@code core.compression}, else level 1 (zlib's fastest;
   * JGit's pack inserter would use 9). Housekeeping recompresses at the pack level later.
   * Measured on 1,000 new 2,000-line configs at 64 at once: level 9 took 1.41 ms of CPU per device
   * staged, level 6 0.56 ms, and deflating was still twice the SHA-1 in a run's profile.
   */
  private ObjectInserter newStagingInserter() {
    if (!(repo.getObjectDatabase() instanceof ObjectDirectory od)) return repo.newObjectInserter();
    PackInserter pack = od.newPackInserter();
    pack.setCompressionLevel(runCompression(repo.getConfig()));
    return pack;
  }

  /** git's level for loose objects: core.looseCompression, else core.compression, else 1. */
  static int runCompression(org.eclipse.jgit.lib.Config config) {
    return config.getInt("core", "looseCompression", config.getInt("core", "compression", 1));
  }

  /** Hands over what {@link #stage} wrote so far (null: nothing); later stages start a new pack. */
  private Staging takeStaged() {
    stageLock.lock();
    try {
      Staging run = staging;
      staging = null;
      return run;
    } finally {
      stageLock.unlock();
    }
  }

  /**
   * One commit from staged device trees ({@link #stage}); a null tree removes the device.
   * Empty when nothing differs from HEAD. What was staged becomes visible first: the run's pack,
   * with the commit and its two trees in it, or for a run of a few devices the same objects as
   * loose files (read back from the pack, which is then dropped).
   */
  public synchronized Optional<CommitInfo> commitTrees(Map<String, String> trees, String message, String author)
      throws StoreException {
    Staging run = takeStaged();
    boolean packed = run != null && run.devices > LOOSE_DEVICES_PER_RUN;
    try (ObjectInserter loose = repo.newObjectInserter(); ObjectReader reader = repo.newObjectReader()) {
      ObjectInserter inserter = packed ? run : loose;
      HeadIndex head = head();
      Map<String, ObjectId> devices = new HashMap<>(head.devices());
      boolean changed = false;
      List<String> changedDevices = new ArrayList<>();
      for (Map.Entry<String, String> s : trees.entrySet()) {
        ObjectId tree = s.getValue() == null ? null : ObjectId.fromString(s.getValue());
        ObjectId old = devices.get(s.getKey());
        if (java.util.Objects.equals(tree, old)) continue;
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
          if (!e.name().equals(DEVICES)) rootEntries.add(e);
        }
        rootEntries.add(new Trees.Entry(DEVICES, FileMode.TREE, devicesTree));
        ObjectId root = Trees.write(inserter, rootEntries);
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(root);
        if (head.commit() != null) cb.setParentId(head.commit());
        cb.setAuthor(who);
        cb.setCommitter(who);
        cb.setMessage(message.endsWith("\n") ? message : message + "\n");
        commit = inserter.insert(cb);
      }
      // what was staged is written out even without a commit: another run may refer to it
      if (packed) {
        run.flush();
      } else if (run != null) {
        try (ObjectReader staged = run.newReader()) {
          for (ObjectId id : run.ids) {
            ObjectLoader object = staged.open(id);
            loose.insert(object.getType(), object.getCachedBytes(Integer.MAX_VALUE));
          }
        }
      }
      loose.flush();
      if (!changed) return Optional.empty();

      RefUpdate ru = repo.updateRef(BRANCH);
      ru.setNewObjectId(commit);
      ru.setExpectedOldObjectId(head.commit() == null ? ObjectId.zeroId() : head.commit());
      ru.setRefLogMessage("patina: " + firstLine(message), false);
      RefUpdate.Result r = ru.update();
      if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FAST_FORWARD && r != RefUpdate.Result.FORCED) {
        throw new StoreException("cannot move " + BRANCH + " to the new commit in " + dir + ": " + r
            + " (did another process write to the repository?)");
      }
      indexVersions(commit.name(), head.commit() == null ? null : head.commit().name(), who, message, changedDevices);
      return Optional.of(new CommitInfo(commit.name(), who.getWhenAsInstant(), who.getName(), message));
    } catch (IOException e) {
      throw new StoreException("cannot commit to " + dir + ": " + e.getMessage(), e);
    } finally {
      if (run != null) run.close(); // after a flush: nothing; otherwise the pack file is dropped
    }
  }

  /**
   * The per-device version index ({@link VersionIndex}), loaded and caught up with git on first
   * use; commits made through this store keep it current.
   */
  public synchronized VersionIndex versions() throws StoreException {
    if (versions == null) {
      VersionIndex v = new VersionIndex(repo);
      v.load();
      versions = v;
    }
    return versions;
  }

  /** The commit hook of the version index: in memory when loaded, else one line appended to its file. */
  private void indexVersions(String commit, String parent, PersonIdent who, String message, List<String> devices) {
    try {
      VersionIndex v;
      synchronized (this) {
        v = versions;
      }
      if (v != null) v.committed(commit, parent, who.getWhenAsInstant(), who.getName(), message, devices);
      else VersionIndex.appendIfNext(repo, commit, parent, who.getWhenAsInstant(), who.getName(), message, devices);
    } catch (StoreException e) {
      // the index is rebuilt from git when next opened; the commit itself stands
      System.err.println("patina: version index not updated (rebuilt from git later): " + e.getMessage());
    }
  }

  /** Commits that changed {@code device} (all commits when null), newest first. */
  public List<CommitInfo> log(String device, int max) throws StoreException {
    return history.log(device == null ? null : DEVICES + "/" + device, max);
  }

  /** A device's artifacts at {@code rev} ({@code HEAD}, {@code HEAD~2}, an id or its prefix). */
  public Map<String, String> showDevice(String device, String rev) throws StoreException {
    try (ObjectReader reader = repo.newObjectReader()) {
      HeadIndex at = indexAt(history.resolve(rev == null ? "HEAD" : rev));
      return Trees.files(reader, at.devices().get(device));
    } catch (IOException e) {
      throw new StoreException("cannot read " + device + " at " + rev + ": " + e.getMessage(), e);
    }
  }

  public Optional<String> show(String device, String artifact, String rev) throws StoreException {
    return Optional.ofNullable(showDevice(device, rev).get(artifact));
  }

  /**
   * The artifacts of {@code device} that differ between {@code rev1} and {@code rev2}. With
   * neither given: the device's last change (the last commit that touched it, against its parent).
   */
  public List<FileVersionPair> diff(String device, String rev1, String rev2) throws StoreException {
    String to = rev2 == null ? "HEAD" : rev2;
    String from = rev1;
    if (from == null) {
      List<CommitInfo> last = history.log(DEVICES + "/" + device, 1, history.resolve(to));
      if (last.isEmpty()) return List.of();
      to = last.get(0).id();
      from = history.parentOf(to);
    }
    Map<String, String> before = from == null ? Map.of() : showDevice(device, from);
    Map<String, String> after = showDevice(device, to);
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    List<FileVersionPair> out = new ArrayList<>();
    for (String n : names) {
      String b = before.get(n);
      String a = after.get(n);
      if (!java.util.Objects.equals(a, b)) out.add(new FileVersionPair(n, b, a));
    }
    return out;
  }

  /** Takes the one-writer lock, waiting up to {@code wait} for another Patina to let go. */
  public RepoLock lock(Duration wait) throws StoreException {
    return RepoLock.acquire(dir.resolve("patina.lock"), wait);
  }

  /** The history of runs and their events, kept beside the git data, never committed. */
  public RunLog runLog() {
    return new RunLog(repo.getDirectory().toPath());
  }

  /** Last success and failures per device, kept beside the git data, never committed. */
  public synchronized RunStatus status() throws StoreException {
    if (status == null) status = new RunStatus(repo.getDirectory().toPath().resolve("patina-status.properties"));
    return status;
  }

  /**
   * Packs loose objects and writes the commit-graph once enough has piled up since the last
   * time; true when it ran.
   */
  public synchronized boolean housekeeping() throws StoreException {
    return Housekeeping.run(repo, false);
  }

  /** Packs and writes the commit-graph now. */
  public synchronized void housekeepingNow() throws StoreException {
    Housekeeping.run(repo, true);
  }

  /** Pushes {@code main} to a remote URL or name. */
  public void push(String remote) throws StoreException {
    try {
      Git.wrap(repo).push().setRemote(remote).setRefSpecs(new org.eclipse.jgit.transport.RefSpec(BRANCH + ":" + BRANCH))
          .call();
    } catch (GitAPIException e) {
      throw new StoreException("push to " + remote + " failed: " + e.getMessage(), e);
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  @Override
  public void close() {
    stageLock.lock();
    try {
      if (staging != null) staging.close(); // a run that never committed: its pack is dropped
      staging = null;
    } finally {
      stageLock.unlock();
    }
    repo.close();
  }
}
