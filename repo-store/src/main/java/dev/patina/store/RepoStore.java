package dev.patina.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

/**
 * The git repository of device snapshots: a bare repository (nothing to get out of sync),
 * laid out as {@code devices/<name>/<artifact>}, one commit per run that changed something.
 * It opens the repository and hands out its parts: the devices at HEAD ({@link #headView}),
 * {@link #history()} for reading the past, {@link #writer()} for writing runs (its Javadoc
 * gives the lock order and why staging is shared), the one-writer {@link #lock}, the
 * {@link #status} beside the git data, and {@link #push}.
 */
public final class RepoStore implements AutoCloseable {
  private final Path dir;
  private final Repository repo;
  private final Heads heads;
  private final History history;
  private final RunWriter writer;
  private RunStatus status;
  private VersionIndex versions;

  private RepoStore(Path dir, Repository repo) {
    this.dir = dir;
    this.repo = repo;
    this.heads = new Heads(repo);
    this.history = new History(repo, heads, dir);
    this.writer = new RunWriter(repo, heads, dir);
    writer.onCommit(this::indexVersions);
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

  /** Reading the past: log, a device at a revision, diffs between revisions. */
  public History history() {
    return history;
  }

  /** Writing runs: stage, commit, housekeeping. */
  public RunWriter writer() {
    return writer;
  }

  /**
   * The repository as of HEAD now, for reading many devices: a run reads each device's last
   * version through one of these, without asking git for HEAD once per device.
   */
  public final class HeadView {
    private final Heads.Index at;

    private HeadView(Heads.Index at) {
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

    /**
     * A device's artifacts in {@code folder} at this HEAD (e.g. {@code state}: the small state
     * documents, without reading its configuration); empty when there are none.
     */
    public Map<String, String> readFolder(String device, String folder) throws StoreException {
      try (ObjectReader reader = repo.newObjectReader()) {
        return Trees.files(reader, at.devices().get(device), folder);
      } catch (IOException e) {
        throw new StoreException("cannot read " + device + " from " + dir + ": " + e.getMessage(), e);
      }
    }

    /**
     * The id of a device's tree at this HEAD, or null when it has none: equal ids are equal
     * artifacts (see {@link RunWriter#treeIdOf}).
     */
    public String tree(String device) {
      org.eclipse.jgit.lib.ObjectId id = at.devices().get(device);
      return id == null ? null : id.name();
    }

    /**
     * The devices changed (their folder differs from the parent's) by the commits among the last
     * {@code depth} up to this one (first parents) whose message has one of {@code lines}, by
     * line; a line without such a commit is absent. The walk stops once every line is found.
     */
    public Map<String, SortedSet<String>> devicesChangedBy(java.util.Collection<String> lines, int depth)
        throws StoreException {
      Map<String, SortedSet<String>> out = new java.util.HashMap<>();
      if (at.commit() == null || lines.isEmpty()) return out;
      java.util.Set<String> wanted = new java.util.HashSet<>(lines);
      try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
        walk.setFirstParent(true);
        walk.markStart(walk.parseCommit(at.commit()));
        int n = 0;
        for (org.eclipse.jgit.revwalk.RevCommit c : walk) {
          if (n++ >= depth || out.size() == wanted.size()) break;
          for (String line : c.getFullMessage().split("\n")) {
            if (!wanted.contains(line) || out.containsKey(line)) continue;
            Map<String, org.eclipse.jgit.lib.ObjectId> after = heads.at(c).devices();
            Map<String, org.eclipse.jgit.lib.ObjectId> before =
                heads.at(c.getParentCount() == 0 ? null : c.getParent(0)).devices();
            SortedSet<String> changed = new TreeSet<>();
            after.forEach((device, tree) -> {
              if (!tree.equals(before.get(device))) changed.add(device);
            });
            before.keySet().forEach(device -> {
              if (!after.containsKey(device)) changed.add(device);
            });
            out.put(line, changed);
          }
        }
      } catch (IOException e) {
        throw new StoreException("cannot read the history of " + dir + ": " + e.getMessage(), e);
      }
      return out;
    }

    /** The devices that have something stored at this HEAD. */
    public SortedSet<String> devices() {
      return new TreeSet<>(at.devices().keySet());
    }

    /** The commit this view is of, or null before the first commit. */
    public String commit() {
      return at.commit() == null ? null : at.commit().name();
    }
  }

  /** HEAD as of now ({@link HeadView}). */
  public HeadView headView() throws StoreException {
    try {
      return new HeadView(heads.head());
    } catch (IOException e) {
      throw new StoreException("cannot read " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A device's artifacts at HEAD: artifact path to text; empty when the device has none. */
  public Map<String, String> readDevice(String device) throws StoreException {
    return headView().readDevice(device);
  }

  /**
   * The artifacts of a device tree by its id ({@link HeadView#tree}, {@link RunWriter#stage}),
   * whatever commit has it; a StoreException when this repository does not have it.
   */
  public Map<String, String> readTree(String tree) throws StoreException {
    try (ObjectReader reader = repo.newObjectReader()) {
      return Trees.files(reader, org.eclipse.jgit.lib.ObjectId.fromString(tree));
    } catch (IOException | IllegalArgumentException e) {
      throw new StoreException("cannot read the device tree " + tree + " from " + dir + ": " + e.getMessage(), e);
    }
  }

  public Optional<String> read(String device, String artifact) throws StoreException {
    return Optional.ofNullable(readDevice(device).get(artifact));
  }

  /** The devices that have something stored at HEAD. */
  public SortedSet<String> devices() throws StoreException {
    return headView().devices();
  }

  /** Takes the one-writer lock, waiting up to {@code wait} for another Patina to let go. */
  public RepoLock lock(Duration wait) throws StoreException {
    RepoLock lock = RepoLock.acquire(dir.resolve("patina.lock"), wait);
    try {
      lock.leftovers(GitLeftovers.recover(repo.getDirectory().toPath()));
    } catch (StoreException e) {
      lock.close();
      throw e;
    }
    return lock;
  }

  /**
   * The per-device version index ({@link VersionIndex}), loaded and caught up with git on first
   * use; commits made through this store's writer keep it current.
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
  private void indexVersions(String commit, String parent, org.eclipse.jgit.lib.PersonIdent who, String message,
      java.util.List<String> devices) {
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
   * Pushes {@code main} to a remote URL or name. A remote that answers but refuses the update (a
   * hook, a held lock, a branch moved on) is a failure too: git reports it per branch, not as an
   * error, and the message says what the remote said.
   */
  public void push(String remote) throws StoreException {
    Iterable<org.eclipse.jgit.transport.PushResult> results;
    try {
      results = Git.wrap(repo).push().setRemote(remote).setRefSpecs(new RefSpec(Heads.BRANCH + ":" + Heads.BRANCH))
          .call();
    } catch (GitAPIException e) {
      throw new StoreException("push to " + remote + " failed: " + e.getMessage(), e);
    }
    for (org.eclipse.jgit.transport.PushResult r : results) {
      for (org.eclipse.jgit.transport.RemoteRefUpdate u : r.getRemoteUpdates()) {
        switch (u.getStatus()) {
          case OK, UP_TO_DATE -> { }
          default -> throw new StoreException("push to " + remote + " refused: " + u.getRemoteName() + " "
              + u.getStatus().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
              + (u.getMessage() == null ? "" : " (" + u.getMessage() + ")")
              + (r.getMessages().isBlank() ? "" : "; the remote said: " + r.getMessages().strip()));
        }
      }
    }
  }

  /** Where {@link #syncFrom} keeps the remote's branches ({@code main} among them). */
  static final String REMOTE_BRANCHES = "refs/patina/remote/";
  static final String REMOTE_MAIN = REMOTE_BRANCHES + "main";

  /**
   * Brings {@code main} up to the remote's (cluster mode: the node that commits a run starts from
   * the shared remote). Fast-forwards when the remote is ahead; keeps {@code main} when it is
   * ahead (a push still to come); when the two have diverged the remote wins, and the returned
   * warning says which local commit was left behind (its changes are found again by the next run).
   * Null when there is nothing to say; an empty remote leaves {@code main} as it is.
   */
  public synchronized String syncFrom(String remote) throws StoreException {
    try {
      // a wildcard: an empty remote (no main yet) is not an error
      Git.wrap(repo).fetch().setRemote(remote).setRefSpecs(new RefSpec("+refs/heads/*:" + REMOTE_BRANCHES + "*"))
          .call();
      org.eclipse.jgit.lib.ObjectId theirs = repo.resolve(REMOTE_MAIN);
      org.eclipse.jgit.lib.ObjectId ours = repo.resolve(Heads.BRANCH);
      if (theirs == null || theirs.equals(ours)) return null;
      String warning = null;
      if (ours != null) {
        try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
          var o = walk.parseCommit(ours);
          var t = walk.parseCommit(theirs);
          if (walk.isMergedInto(t, o)) return null; // ours is ahead: the next push sends it
          walk.reset();
          if (!walk.isMergedInto(o, t)) {
            warning = "local commit " + ours.abbreviate(10).name() + " was never pushed and " + remote
                + " has moved on; main now follows " + remote + " (" + theirs.abbreviate(10).name() + ")";
          }
        }
      }
      org.eclipse.jgit.lib.RefUpdate ru = repo.updateRef(Heads.BRANCH);
      ru.setNewObjectId(theirs);
      ru.setForceUpdate(true);
      ru.setRefLogMessage("patina: follow " + remote, false);
      org.eclipse.jgit.lib.RefUpdate.Result r = ru.update();
      if (r != org.eclipse.jgit.lib.RefUpdate.Result.NEW && r != org.eclipse.jgit.lib.RefUpdate.Result.FAST_FORWARD
          && r != org.eclipse.jgit.lib.RefUpdate.Result.FORCED) {
        throw new StoreException("cannot move " + Heads.BRANCH + " to " + remote + "'s in " + dir + ": " + r);
      }
      return warning;
    } catch (IOException | GitAPIException e) {
      throw new StoreException("cannot fetch from " + remote + " into " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The newest of the last {@code depth} commits on {@code main} whose message has the line
   * {@code trailer} (e.g. {@code Patina-Run: 20261126T170000Z-core}), if any.
   */
  public Optional<String> findCommitWithLine(String trailer, int depth) throws StoreException {
    try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
      org.eclipse.jgit.lib.ObjectId head = repo.resolve(Heads.BRANCH);
      if (head == null) return Optional.empty();
      walk.markStart(walk.parseCommit(head));
      int n = 0;
      for (org.eclipse.jgit.revwalk.RevCommit c : walk) {
        if (n++ >= depth) break;
        for (String line : c.getFullMessage().split("\n")) {
          if (line.equals(trailer)) return Optional.of(c.name());
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read the history of " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The repository as of the parent of {@code commit} (empty before the first commit). */
  public HeadView viewBefore(String commit) throws StoreException {
    try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
      org.eclipse.jgit.revwalk.RevCommit c = walk.parseCommit(org.eclipse.jgit.lib.ObjectId.fromString(commit));
      return new HeadView(heads.at(c.getParentCount() == 0 ? null : c.getParent(0)));
    } catch (IOException e) {
      throw new StoreException("cannot read " + commit + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    writer.close(); // a run that never committed: its staging pack is dropped
    repo.close();
  }
}
