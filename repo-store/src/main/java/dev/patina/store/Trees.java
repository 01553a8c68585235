package dev.patina.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Git trees built and read directly: a run rewrites only the trees of the devices it
 * changed, the {@code devices} tree and the root, whatever the size of the fleet.
 */
final class Trees {
  /** One entry of a tree. */
  record Entry(String name, FileMode mode, ObjectId id) {
    boolean isTree() {
      return mode == FileMode.TREE;
    }
  }

  private static final Comparator<Entry> GIT_ORDER = Comparator.comparing(
      e -> e.name() + (e.isTree() ? "/" : ""), Trees::compareBytes);

  private Trees() {}

  static List<Entry> entries(ObjectReader reader, AnyObjectId tree) throws IOException {
    List<Entry> out = new ArrayList<>();
    if (tree == null) return out;
    CanonicalTreeParser p = new CanonicalTreeParser(null, reader, tree);
    while (!p.eof()) {
      out.add(new Entry(p.getEntryPathString(), p.getEntryFileMode(), p.getEntryObjectId()));
      p.next();
    }
    return out;
  }

  static ObjectId write(ObjectInserter inserter, List<Entry> entries) throws IOException {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(GIT_ORDER);
    TreeFormatter f = new TreeFormatter();
    for (Entry e : sorted) f.append(e.name(), e.mode(), e.id());
    return inserter.insert(f);
  }

  /**
   * A device's tree from its artifacts; paths with '/' become sub-trees. With an inserter
   * that only computes ids ({@link RunWriter#treeIdOf}) nothing is written.
   */
  static ObjectId deviceTree(ObjectInserter inserter, Map<String, String> artifacts) throws IOException {
    Map<String, Object> root = new TreeMap<>();
    for (Map.Entry<String, String> a : artifacts.entrySet()) {
      String[] parts = a.getKey().split("/");
      Map<String, Object> node = root;
      for (int i = 0; i < parts.length - 1; i++) {
        @SuppressWarnings("unchecked")
        Map<String, Object> next = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new TreeMap<>());
        node = next;
      }
      node.put(parts[parts.length - 1], a.getValue());
    }
    return writeNode(inserter, root);
  }

  @SuppressWarnings("unchecked")
  private static ObjectId writeNode(ObjectInserter inserter, Map<String, Object> node) throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, Object> e : node.entrySet()) {
      if (e.getValue() instanceof String text) {
        ObjectId blob = inserter.insert(Constants.OBJ_BLOB, dev.patina.files.RawText.encode(text));
        entries.add(new Entry(e.getKey(), FileMode.REGULAR_FILE, blob));
      } else {
        entries.add(new Entry(e.getKey(), FileMode.TREE, writeNode(inserter, (Map<String, Object>) e.getValue())));
      }
    }
    return write(inserter, entries);
  }

  /** Every file below {@code tree}, path relative to it, to its text. */
  static Map<String, String> files(ObjectReader reader, AnyObjectId tree) throws IOException {
    return files(reader, tree, null);
  }

  /** {@link #files}, only those in {@code folder} (a path relative to the tree) when not null. */
  static Map<String, String> files(ObjectReader reader, AnyObjectId tree, String folder) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    if (tree == null) return out;
    try (TreeWalk tw = new TreeWalk(reader)) {
      tw.addTree(tree);
      tw.setRecursive(true);
      if (folder != null) tw.setFilter(org.eclipse.jgit.treewalk.filter.PathFilter.create(folder));
      while (tw.next()) {
        out.put(tw.getPathString(), dev.patina.files.RawText.decode(
            reader.open(tw.getObjectId(0)).getCachedBytes(Integer.MAX_VALUE)));
      }
    }
    return out;
  }

  private static int compareBytes(String a, String b) {
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(x.length, y.length);
    for (int i = 0; i < n; i++) {
      int c = (x[i] & 0xff) - (y[i] & 0xff);
      if (c != 0) return c;
    }
    return x.length - y.length;
  }
}
