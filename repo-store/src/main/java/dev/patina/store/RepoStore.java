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

  private RepoStore(Path dir, Repository repo) {
    this.dir = dir;
    this.repo = repo;
    this.heads = new Heads(repo);
    this.history = new History(repo, heads, dir);
    this.writer = new RunWriter(repo, heads, dir);
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

    /** The devices that have something stored at this HEAD. */
    public SortedSet<String> devices() {
      return new TreeSet<>(at.devices().keySet());
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

  /** Last success and failures per device, kept beside the git data, never committed. */
  public synchronized RunStatus status() throws StoreException {
    if (status == null) status = new RunStatus(repo.getDirectory().toPath().resolve("patina-status.properties"));
    return status;
  }

  /** Pushes {@code main} to a remote URL or name. */
  public void push(String remote) throws StoreException {
    try {
      Git.wrap(repo).push().setRemote(remote).setRefSpecs(new RefSpec(Heads.BRANCH + ":" + Heads.BRANCH)).call();
    } catch (GitAPIException e) {
      throw new StoreException("push to " + remote + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    writer.close(); // a run that never committed: its staging pack is dropped
    repo.close();
  }
}
