package dev.patina.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Which commits changed which device, so that a device's versions are listed without walking
 * history: {@code patina-versions.idx} beside the git data, one line per commit of {@code main}
 * (oldest first): {@code ID EPOCH-SECONDS DEVICE,DEVICE,...<TAB>AUTHOR<TAB>SUBJECT}. A commit
 * made by {@link RepoStore} is added as it is made; anything else (another process's commits,
 * a missing or damaged file, rewritten history) is caught up from git by {@link #catchUp()},
 * which compares each new commit's {@code devices} tree with its parent's. Deleting the file
 * rebuilds it.
 */
public final class VersionIndex {
  /** One version of a device: the commit that changed it. */
  public record Version(String commit, Instant time, String author, String subject) {}

  private static final String FILE = "patina-versions.idx";
  private final Repository repo;
  private final Path file;
  private final List<Version> commits = new ArrayList<>();
  private final Map<String, IntList> byDevice = new HashMap<>();
  private final Map<String, Integer> position = new HashMap<>();
  private String last;

  VersionIndex(Repository repo) {
    this.repo = repo;
    this.file = repo.getDirectory().toPath().resolve(FILE);
  }

  /** Positions into {@link #commits}, oldest first. */
  private static final class IntList {
    int[] a = new int[4];
    int n;

    void add(int v) {
      if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
      a[n++] = v;
    }
  }

  /** Opens the index of {@code store}'s repository and brings it up to date with {@code main}. */
  public static VersionIndex open(RepoStore store) throws StoreException {
    return store.versions();
  }

  /** Reads the file, then catches up with git. */
  synchronized void load() throws StoreException {
    commits.clear();
    byDevice.clear();
    position.clear();
    last = null;
    if (Files.exists(file)) {
      try {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
          if (line.isEmpty()) continue;
          if (!parse(line)) { // a torn last line or a damaged file: rebuild from git
            commits.clear();
            byDevice.clear();
            position.clear();
            last = null;
            Files.deleteIfExists(file);
            break;
          }
        }
      } catch (IOException e) {
        throw new StoreException("cannot read the version index " + file + ": " + e.getMessage(), e);
      }
    }
    catchUp();
  }

  private boolean parse(String line) {
    int tab1 = line.indexOf('\t');
    int tab2 = tab1 < 0 ? -1 : line.indexOf('\t', tab1 + 1);
    if (tab2 < 0) return false;
    String[] head = line.substring(0, tab1).split(" ", -1);
    if (head.length != 3 || head[0].length() != 40) return false;
    long epoch;
    try {
      epoch = Long.parseLong(head[1]);
    } catch (NumberFormatException e) {
      return false;
    }
    add(new Version(head[0], Instant.ofEpochSecond(epoch), line.substring(tab1 + 1, tab2), line.substring(tab2 + 1)),
        head[2].isEmpty() ? List.of() : List.of(head[2].split(",")));
    return true;
  }

  private void add(Version v, Collection<String> devices) {
    if (position.containsKey(v.commit())) return; // written twice by two processes: once is enough
    int pos = commits.size();
    commits.add(v);
    position.put(v.commit(), pos);
    for (String d : devices) byDevice.computeIfAbsent(d, k -> new IntList()).add(pos);
    last = v.commit();
  }

  /**
   * Adds the commits of {@code main} not yet indexed, oldest first; rebuilds everything when the
   * last indexed commit is no longer in {@code main}'s history. Cheap when up to date (one ref read).
   */
  public synchronized void catchUp() throws StoreException {
    try {
      ObjectId head = repo.resolve(Heads.BRANCH);
      if (head == null || head.name().equals(last)) return;
      List<RevCommit> fresh = new ArrayList<>();
      boolean found = false;
      try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
        RevCommit c = walk.parseCommit(head);
        while (true) {
          if (c.name().equals(last)) {
            found = true;
            break;
          }
          fresh.add(c);
          if (c.getParentCount() == 0) break;
          c = walk.parseCommit(c.getParent(0));
        }
        if (!found && last != null) { // history was rewritten: start again
          commits.clear();
          byDevice.clear();
          position.clear();
          last = null;
          Files.deleteIfExists(file);
        }
        java.util.Collections.reverse(fresh);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND)) {
          for (RevCommit r : fresh) {
            walk.parseHeaders(r);
            ObjectId parentTree = null;
            if (r.getParentCount() > 0) parentTree = walk.parseCommit(r.getParent(0)).getTree();
            List<String> changed = changedDevices(reader, parentTree, r.getTree());
            append(w, r.name(), r.getCommitTime(), by(r.getAuthorIdent().getName(), r.getFullMessage()),
                r.getShortMessage(), changed);
          }
        }
      }
    } catch (IOException e) {
      throw new StoreException("cannot update the version index " + file + ": " + e.getMessage(), e);
    }
  }

  /** Called by {@link RepoStore} right after it moved {@code main} to {@code commit}. */
  synchronized void committed(String commit, String parent, Instant time, String author, String message,
      Collection<String> devices) throws StoreException {
    if (!java.util.Objects.equals(parent, last)) {
      catchUp();
      return;
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND)) {
      append(w, commit, time.getEpochSecond(), by(author, message), firstLine(message), new TreeSet<>(devices));
    } catch (IOException e) {
      throw new StoreException("cannot update the version index " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Without loading the index: appends {@code commit} when the file's last line is its parent
   * (reads only the file's tail); otherwise leaves the file for {@link #catchUp()}.
   */
  static void appendIfNext(Repository repo, String commit, String parent, Instant time, String author,
      String message, Collection<String> devices) throws StoreException {
    Path file = repo.getDirectory().toPath().resolve(FILE);
    try {
      if (!Files.exists(file)) {
        if (parent != null) return; // no index yet over older history: built when first opened
      } else if (parent == null || !parent.equals(lastId(file))) {
        return;
      }
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND)) {
        w.write(commit + " " + time.getEpochSecond() + " " + String.join(",", new TreeSet<>(devices)) + "\t"
            + clean(by(author, message)) + "\t" + clean(firstLine(message)) + "\n");
      }
    } catch (IOException e) {
      throw new StoreException("cannot update the version index " + file + ": " + e.getMessage(), e);
    }
  }

  /** The commit id on the file's last line, reading at most its last 64 KiB. */
  private static String lastId(Path file) throws IOException {
    try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
      long size = ch.size();
      int n = (int) Math.min(size, 64 * 1024);
      ch.position(size - n);
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(n);
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        // read the tail
      }
      String tail = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
      if (!tail.endsWith("\n")) return null; // torn line: let catchUp rebuild
      int start = tail.lastIndexOf('\n', tail.length() - 2) + 1;
      String line = tail.substring(start);
      return line.length() >= 40 ? line.substring(0, 40) : null;
    }
  }

  private void append(BufferedWriter w, String id, long epoch, String author, String subject,
      Collection<String> devices) throws IOException {
    String a = clean(author);
    String s = clean(subject);
    w.write(id + " " + epoch + " " + String.join(",", devices) + "\t" + a + "\t" + s + "\n");
    add(new Version(id, Instant.ofEpochSecond(epoch), a, s), devices);
  }

  /**
   * Who made a version: the commit's author, and the person a change message or a "back up now"
   * named in the commit's trailers ({@code Changed-By:}, {@code Requested-By:}) when there is one.
   */
  static String by(String author, String message) {
    StringBuilder who = new StringBuilder(author == null ? "" : author);
    for (String line : message.split("\n")) {
      if (line.startsWith("Changed-By: ") || line.startsWith("Requested-By: ")) {
        who.append(who.isEmpty() ? "" : ", ").append(line.strip());
      }
    }
    return who.toString();
  }

  private static String clean(String s) {
    return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Devices whose tree differs between two root trees (added, changed or removed). */
  private static List<String> changedDevices(ObjectReader reader, ObjectId before, ObjectId after) throws IOException {
    ObjectId a = devicesTree(reader, before);
    ObjectId b = devicesTree(reader, after);
    List<String> out = new ArrayList<>();
    if (java.util.Objects.equals(a, b)) return out;
    Map<String, ObjectId> old = new HashMap<>();
    for (Trees.Entry e : Trees.entries(reader, a)) old.put(e.name(), e.id());
    for (Trees.Entry e : Trees.entries(reader, b)) {
      ObjectId was = old.remove(e.name());
      if (!e.id().equals(was)) out.add(e.name());
    }
    out.addAll(old.keySet());
    java.util.Collections.sort(out);
    return out;
  }

  private static ObjectId devicesTree(ObjectReader reader, ObjectId root) throws IOException {
    if (root == null) return null;
    for (Trees.Entry e : Trees.entries(reader, root)) {
      if (e.name().equals("devices") && e.isTree()) return e.id();
    }
    return null;
  }

  /** The versions of {@code device}, newest first, at most {@code max}. */
  public synchronized List<Version> versions(String device, int max) {
    IntList l = byDevice.get(device);
    if (l == null) return List.of();
    List<Version> out = new ArrayList<>(Math.min(max, l.n));
    for (int i = l.n - 1; i >= 0 && out.size() < max; i--) out.add(commits.get(l.a[i]));
    return out;
  }

  /** How many versions {@code device} has. */
  public synchronized int count(String device) {
    IntList l = byDevice.get(device);
    return l == null ? 0 : l.n;
  }

  /** The newest version of {@code device}, or null. */
  public synchronized Version latest(String device) {
    IntList l = byDevice.get(device);
    return l == null ? null : commits.get(l.a[l.n - 1]);
  }

  /** The version of {@code device} current at {@code commit} (the newest at or before it), or null. */
  public synchronized Version at(String device, String commit) {
    Integer pos = position.get(commit);
    IntList l = byDevice.get(device);
    if (pos == null || l == null) return null;
    int lo = 0;
    int hi = l.n - 1;
    int best = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (l.a[mid] <= pos) {
        best = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return best < 0 ? null : commits.get(l.a[best]);
  }

  /** The devices that changed in commits after {@code commit} (all indexed devices when it is unknown). */
  public synchronized java.util.Set<String> changedSince(String commit) {
    Integer pos = commit == null ? null : position.get(commit);
    java.util.Set<String> out = new java.util.HashSet<>();
    if (pos == null) {
      out.addAll(byDevice.keySet());
      return out;
    }
    for (Map.Entry<String, IntList> e : byDevice.entrySet()) {
      IntList l = e.getValue();
      if (l.a[l.n - 1] > pos) out.add(e.getKey());
    }
    return out;
  }

  /** The last indexed commit of {@code main}, or null. */
  public synchronized String head() {
    return last;
  }

  /** How many commits are indexed. */
  public synchronized int size() {
    return commits.size();
  }
}
