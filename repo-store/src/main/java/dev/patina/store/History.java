package dev.patina.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** Reading history: revisions, and the commits that touched a path (commit-graph Bloom filters help). */
final class History {
  private final Repository repo;

  History(Repository repo) {
    this.repo = repo;
  }

  ObjectId resolve(String rev) throws StoreException {
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
  String parentOf(String rev) throws StoreException {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(resolve(rev));
      return c.getParentCount() == 0 ? null : c.getParent(0).name();
    } catch (IOException e) {
      throw new StoreException("cannot read " + rev + ": " + e.getMessage(), e);
    }
  }

  List<CommitInfo> log(String path, int max) throws StoreException {
    try {
      ObjectId head = repo.resolve(RepoStore.BRANCH);
      if (head == null) return List.of();
      return log(path, max, head);
    } catch (IOException e) {
      throw new StoreException("cannot read history: " + e.getMessage(), e);
    }
  }

  List<CommitInfo> log(String path, int max, ObjectId start) throws StoreException {
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
