package dev.patina.store;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Where each device's tree is in a commit, remembered for HEAD: a run reads every device's last
 * version and then commits without asking git for the {@code devices} tree once per device.
 */
final class Heads {
  static final String BRANCH = "refs/heads/main";
  static final String DEVICES = "devices";

  /** The device trees of one commit, by device name; all null/empty before the first commit. */
  record Index(ObjectId commit, ObjectId rootTree, Map<String, ObjectId> devices) {}

  private final Repository repo;
  private volatile Index head;

  Heads(Repository repo) {
    this.repo = repo;
  }

  /** The index of HEAD now (re-read only when {@code main} moved). */
  Index head() throws IOException {
    ObjectId commit = repo.resolve(BRANCH);
    if (commit == null) {
      try {
        GitLeftovers.checkBranch(repo.getDirectory().toPath(), BRANCH); // broken, not absent: never a new root
      } catch (StoreException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
    Index current = head;
    if (current != null && Objects.equals(current.commit(), commit)) return current;
    Index fresh = at(commit);
    head = fresh;
    return fresh;
  }

  /** The index of {@code commit}; empty for null. */
  Index at(ObjectId commit) throws IOException {
    if (commit == null) return new Index(null, null, Map.of());
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
      return new Index(commit, root, devices);
    }
  }
}
