package dev.patina.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Reading history: the commits that touched a device (commit-graph Bloom filters make this
 * fast), a device at any revision, and what changed between two. Reads only; safe from many
 * threads and beside a run that writes.
 */
public final class History {
  private final Repository repo;
  private final Heads heads;
  private final Path dir;

  History(Repository repo, Heads heads, Path dir) {
    this.repo = repo;
    this.heads = heads;
    this.dir = dir;
  }

  /** Commits that changed {@code device} (all commits when null), newest first. */
  public List<CommitInfo> log(String device, int max) throws StoreException {
    try {
      ObjectId head = repo.resolve(Heads.BRANCH);
      if (head == null) return List.of();
      return log(path(device), max, head);
    } catch (IOException e) {
      throw new StoreException("cannot read history: " + e.getMessage(), e);
    }
  }

  /** A device's artifacts at {@code rev} ({@code HEAD}, {@code HEAD~2}, an id or its prefix). */
  public Map<String, String> showDevice(String device, String rev) throws StoreException {
    try (ObjectReader reader = repo.newObjectReader()) {
      Heads.Index at = heads.at(resolve(rev == null ? "HEAD" : rev));
      return Trees.files(reader, at.devices().get(device));
    } catch (IOException e) {
      throw new StoreException("cannot read " + device + " at " + rev + " in " + dir + ": " + e.getMessage(), e);
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
      List<CommitInfo> last = log(path(device), 1, resolve(to));
      if (last.isEmpty()) return List.of();
      to = last.get(0).id();
      from = parentOf(to);
    }
    Map<String, String> before = from == null ? Map.of() : showDevice(device, from);
    Map<String, String> after = showDevice(device, to);
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    List<FileVersionPair> out = new ArrayList<>();
    for (String n : names) {
      String b = before.get(n);
      String a = after.get(n);
      if (!Objects.equals(a, b)) out.add(new FileVersionPair(n, b, a));
    }
    return out;
  }

  private static String path(String device) {
    return device == null ? null : Heads.DEVICES + "/" + device;
  }

  private ObjectId resolve(String rev) throws StoreException {
    try {
      ObjectId id = repo.resolve(rev + "^{commit}");
      if (id == null) throw new NoSuchRevisionException(rev);
      return id;
    } catch (AmbiguousObjectException e) {
      throw new StoreException("revision \"" + rev + "\" is ambiguous; give more characters of the id");
    } catch (RevisionSyntaxException e) {
      throw new NoSuchRevisionException(rev);
    } catch (IOException e) {
      throw new StoreException("cannot resolve \"" + rev + "\": " + e.getMessage(), e);
    }
  }

  /** The first parent's id, or null for the first commit. */
  private String parentOf(String rev) throws StoreException {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(resolve(rev));
      return c.getParentCount() == 0 ? null : c.getParent(0).name();
    } catch (IOException e) {
      throw new StoreException("cannot read " + rev + ": " + e.getMessage(), e);
    }
  }

  private List<CommitInfo> log(String path, int max, ObjectId start) throws StoreException {
    List<CommitInfo> out = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      walk.sort(RevSort.COMMIT_TIME_DESC);
      if (path != null) {
        walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(path), TreeFilter.ANY_DIFF));
        walk.setRewriteParents(false);
      }
      walk.markStart(walk.parseCommit(start));
      for (RevCommit c : walk) {
        out.add(new CommitInfo(c.name(), c.getAuthorIdent().getWhenAsInstant(), c.getAuthorIdent().getName(),
            c.getFullMessage()));
        if (out.size() >= max) break;
      }
      return out;
    } catch (IOException e) {
      throw new StoreException("cannot read history: " + e.getMessage(), e);
    }
  }
}
