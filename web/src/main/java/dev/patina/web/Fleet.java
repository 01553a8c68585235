package dev.patina.web;

import dev.patina.inventory.Device;
import dev.patina.inventory.Inventory;
import dev.patina.store.RepoStore;
import dev.patina.store.RunHistory;
import dev.patina.store.RunLog;
import dev.patina.store.RunStatus;
import dev.patina.store.StoreException;
import dev.patina.store.VersionIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What the web shows, read from the repository: devices (inventory and stored), their status
 * (the status file, re-read when it changes, so a cron-driven {@code patina run} shows up),
 * versions (the {@link VersionIndex}), runs and events ({@link RunLog}), and artifacts at any
 * commit, every text through {@link Shown}.
 */
public final class Fleet {
  /** One line of the devices table. */
  public record DeviceRow(String name, String group, String model, String status, String reason,
      Instant lastSuccess, Instant lastFailure, Instant lastChange, int failuresInRow, int versions,
      boolean inInventory) {}

  private final RepoStore store;
  private final Supplier<Inventory> inventory;
  private final Shown shown;
  private final Path statusFile;
  private volatile RunStatus status;
  private volatile FileTime statusTime;
  private volatile Rows rows;

  private record Rows(String head, FileTime statusTime, Inventory inventory, List<DeviceRow> list,
      Map<String, DeviceRow> byName) {}

  /** Where the devices' failures in a row come from when not the status file (cluster mode: the database). */
  @FunctionalInterface
  public interface StatusSource {
    RunStatus read() throws StoreException;
  }

  private final RunHistory history;
  private final StatusSource statusSource;
  private long statusGeneration;

  /**
   * @param inventory the current inventory (may answer null: only stored devices are shown)
   */
  public Fleet(RepoStore store, Supplier<Inventory> inventory, Shown shown) {
    this(store, inventory, shown, null, null);
  }

  /**
   * With runs, events and failures in a row from elsewhere than the files beside the repository
   * (cluster mode: the cluster database, so that every node shows the cluster's runs); null for
   * those files.
   */
  public Fleet(RepoStore store, Supplier<Inventory> inventory, Shown shown, RunHistory history,
      StatusSource statusSource) {
    this.store = store;
    this.inventory = inventory;
    this.shown = shown;
    this.statusFile = store.repository().getDirectory().toPath().resolve("patina-status.properties");
    this.history = history;
    this.statusSource = statusSource;
  }

  public RepoStore store() {
    return store;
  }

  public Shown shown() {
    return shown;
  }

  /** The version index, caught up with any commit made since (by this process or another). */
  public VersionIndex versions() throws StoreException {
    VersionIndex v = store.versions();
    v.catchUp();
    return v;
  }

  public RunHistory runLog() {
    return history != null ? history : store.runLog();
  }

  /** The status file (or the {@link StatusSource}) as it is now. */
  public synchronized RunStatus status() throws StoreException {
    if (statusSource != null) {
      RunStatus fresh = statusSource.read();
      if (status == null || !fresh.all().equals(status.all())) {
        status = fresh;
        statusTime = FileTime.fromMillis(++statusGeneration); // a new generation, for the rows' cache
      }
      return status;
    }
    FileTime t = null;
    try {
      if (Files.exists(statusFile)) t = Files.getLastModifiedTime(statusFile);
    } catch (IOException e) {
      throw new StoreException("cannot read " + statusFile + ": " + e.getMessage(), e);
    }
    if (status == null || !Objects.equals(t, statusTime)) {
      status = RunStatus.read(statusFile.getParent());
      statusTime = t;
    }
    return status;
  }

  /** Every device, inventory and stored, by name; cached until a commit, a status change or a reload. */
  public List<DeviceRow> devices() throws StoreException {
    return current().list();
  }

  public DeviceRow device(String name) throws StoreException {
    return current().byName().get(name);
  }

  private Rows current() throws StoreException {
    VersionIndex v = versions();
    RunStatus st = status();
    Inventory inv = inventory.get();
    Rows r = rows;
    if (r != null && Objects.equals(r.head(), v.head()) && Objects.equals(r.statusTime(), statusTime)
        && r.inventory() == inv) {
      return r;
    }
    Map<String, Device> known = new HashMap<>();
    if (inv != null) for (Device d : inv.devices()) known.put(d.name(), d);
    TreeSet<String> names = new TreeSet<>(known.keySet());
    names.addAll(store.devices());
    Map<String, RunStatus.Entry> entries = st.all();
    List<DeviceRow> list = new ArrayList<>(names.size());
    Map<String, DeviceRow> byName = new HashMap<>(names.size() * 2);
    for (String n : names) {
      Device d = known.get(n);
      RunStatus.Entry e = entries.get(n);
      VersionIndex.Version last = v.latest(n);
      String state;
      String reason = null;
      if (e == null) {
        state = last == null ? "never" : "ok";
      } else if (e.consecutiveFailures() > 0) {
        state = "failed";
        reason = e.lastError();
      } else {
        state = "ok";
      }
      DeviceRow row = new DeviceRow(n, d == null ? null : d.group(), d == null ? null : d.model(), state,
          reason == null ? null : shown.text(n, "status", reason), e == null ? null : e.lastSuccess(),
          e == null ? null : e.lastFailure(), last == null ? null : last.time(),
          e == null ? 0 : e.consecutiveFailures(), v.count(n), d != null);
      list.add(row);
      byName.put(n, row);
    }
    Rows fresh = new Rows(v.head(), statusTime, inv, List.copyOf(list), byName);
    rows = fresh;
    return fresh;
  }

  /** A device's artifacts at {@code rev} (HEAD when null), each through {@link Shown}. */
  public Map<String, String> artifacts(String device, String rev) throws StoreException {
    Map<String, String> raw = rev == null ? store.readDevice(device) : store.history().showDevice(device, rev);
    Map<String, String> out = new java.util.LinkedHashMap<>();
    raw.forEach((a, t) -> out.put(a, shown.text(device, a, t)));
    return out;
  }

  /** The inventory's device, or null when only stored. */
  public Device inventoryDevice(String name) {
    Inventory inv = inventory.get();
    return inv == null ? null : inv.device(name).orElse(null);
  }
}
