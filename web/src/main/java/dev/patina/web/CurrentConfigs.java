package dev.patina.web;

import dev.patina.store.RepoStore;
import dev.patina.store.StoreException;
import dev.patina.store.VersionIndex;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The current text of every device's artifacts (state documents left out), as shown to a
 * person ({@link Shown}), kept in memory for search. Loaded on first use; after a commit only
 * the devices that commit changed are read again (the version index says which).
 */
final class CurrentConfigs {
  private final Fleet fleet;
  private String head;
  private Map<String, Map<String, String>> byDevice = new TreeMap<>();

  CurrentConfigs(Fleet fleet) {
    this.fleet = fleet;
  }

  /** Device to artifact to text, at HEAD now; a snapshot that later commits do not change. */
  synchronized Map<String, Map<String, String>> now() throws StoreException {
    VersionIndex v = fleet.versions();
    String now = v.head();
    if (java.util.Objects.equals(now, head)) return byDevice;
    RepoStore store = fleet.store();
    RepoStore.HeadView view = store.headView();
    Map<String, Map<String, String>> next = new TreeMap<>(byDevice);
    java.util.Set<String> stored = store.devices();
    java.util.Set<String> reread = head == null ? stored : v.changedSince(head);
    next.keySet().retainAll(stored);
    for (String d : reread) {
      if (!stored.contains(d)) continue;
      Map<String, String> artifacts = new HashMap<>();
      view.readDevice(d).forEach((a, t) -> {
        if (!a.startsWith("state/")) artifacts.put(a, fleet.shown().text(d, a, t));
      });
      next.put(d, Map.copyOf(artifacts));
    }
    byDevice = java.util.Collections.unmodifiableMap(next);
    head = now;
    return byDevice;
  }
}
