package dev.patina.app.changes;

import dev.patina.collector.ChangeRules;
import dev.patina.inventory.ChangeSettings;
import dev.patina.inventory.Device;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The change listeners of {@code patina serve}: the syslog and SNMP listeners of the
 * {@code changes:} section, one bounded queue behind them, one thread that parses each message,
 * finds its device and the device model's change rules, and hands the changes to the
 * {@link ChangeQueue}. The sockets' threads only read and enqueue; nothing here waits for a
 * backup, and nothing here is waited for by the schedules.
 */
public final class ChangeListeners implements AutoCloseable {
  /** Messages waiting to be parsed and matched; beyond this they are dropped (at most ~16 MiB of 8 KiB messages). */
  static final int QUEUE = 2048;
  private static final int LOGGED_SENDERS = 256;
  /** How long a TCP sender is held back when the queue is full before its message is dropped. */
  private static final int TCP_WAIT_SECONDS = 10;

  private final ChangeSettings settings;
  private final ChangeCounters counters = new ChangeCounters();
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Consumer<String> log;
  private final ChangeQueue changes;
  private final List<AutoCloseable> listeners = new ArrayList<>();
  private final List<String> bound = new ArrayList<>();
  private final Set<InetAddress> loggedSenders = ConcurrentHashMap.newKeySet();
  private volatile DeviceMatcher matcher;
  private volatile boolean closed;
  private Thread worker;

  /** Backs up one device because of a burst of its change messages (on one of the queue's threads). */
  public interface Runner {
    void backUp(ChangeBurst burst) throws Exception;
  }

  private record Raw(String via, InetAddress from, byte[] data, long nanos) {}

  private ChangeListeners(ChangeSettings settings, Runner runner, Consumer<String> log) {
    this.settings = settings;
    this.log = log;
    this.changes = new ChangeQueue(settings.quiet(), settings.perMinute(), 4, runner, counters, log);
  }

  /**
   * Binds every listener of {@code settings} and starts matching against {@code devices}; a
   * listener that cannot bind fails the start with its address in the message.
   *
   * @param rules the change rules of a device's model
   * @param runner backs up one device because of its changes
   */
  public static ChangeListeners start(ChangeSettings settings, List<Device> devices,
      Function<Device, ChangeRules> rules, Runner runner, Consumer<String> log) throws IOException {
    ChangeListeners c = new ChangeListeners(settings, runner, log);
    c.devices(devices, rules);
    try {
      for (ChangeSettings.Listen l : settings.syslog()) {
        SyslogListener s = SyslogListener.start(l, settings.maxMessage(), c::offerRaw, c.counters);
        c.listeners.add(s);
        c.bound.add(l.protocol() + "://" + l.host() + ":" + s.port());
      }
      if (settings.traps() != null) {
        TrapListener t = TrapListener.start(settings.traps(), settings.maxMessage(), c::offer, c.counters);
        c.listeners.add(t);
        c.bound.add("snmp udp://" + settings.traps().listen().host() + ":" + t.port());
      }
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
    c.worker = new Thread(c::work, "patina-change-matcher");
    c.worker.setDaemon(true);
    c.worker.start();
    return c;
  }

  /** The inventory to match against (at start and after a reload). */
  public void devices(List<Device> devices, Function<Device, ChangeRules> rules) {
    DeviceMatcher m = new DeviceMatcher(devices, rules, settings.relays());
    if (!m.unresolved().isEmpty()) {
      log.accept("changes: these names do not resolve, so their messages are matched only through a relay: "
          + String.join(", ", m.unresolved()));
    }
    long silent = devices.stream().filter(d -> rules.apply(d).isEmpty()).count();
    if (silent > 0) {
      log.accept("changes: " + silent + " device(s) have a model without change messages; schedules back them up");
    }
    matcher = m;
  }

  /** What is listening, as bound ("udp://0.0.0.0:514", "snmp udp://0.0.0.0:162"). */
  public List<String> listening() {
    return List.copyOf(bound);
  }

  public ChangeCounters counters() {
    return counters;
  }

  /** The UDP or TCP port of the {@code i}th syslog listener, as bound (tests bind port 0). */
  int syslogPort(int i) {
    return ((SyslogListener) listeners.get(i)).port();
  }

  int trapPort() {
    return ((TrapListener) listeners.get(listeners.size() - 1)).port();
  }

  private void offerRaw(String via, InetAddress from, byte[] data, boolean wait) {
    Raw raw = new Raw(via, from, data, System.nanoTime());
    boolean queued;
    try {
      queued = wait ? queue.offer(raw, TCP_WAIT_SECONDS, TimeUnit.SECONDS) : queue.offer(raw);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      queued = false;
    }
    if (!queued) counters.queueFull.incrementAndGet();
  }

  private void offer(Announcement a) {
    if (!queue.offer(a)) counters.queueFull.incrementAndGet();
  }

  private void work() {
    while (!closed) {
      Object item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        handle(item instanceof Raw r ? SyslogParser.parse(r.via(), r.from(), r.data(), r.data().length, r.nanos())
            : (Announcement) item);
      } catch (RuntimeException e) {
        counters.malformed.incrementAndGet();
      }
    }
  }

  private void handle(Announcement a) {
    if (a == null) {
      counters.malformed.incrementAndGet();
      return;
    }
    DeviceMatcher.Known k = matcher.find(a.from(), a.hostname());
    if (k == null) {
      counters.unknownSender.incrementAndGet();
      if (loggedSenders.size() < LOGGED_SENDERS && loggedSenders.add(DeviceMatcher.plain(a.from()))) {
        log.accept("changes: ignoring messages from " + a.from().getHostAddress()
            + (a.hostname() == null ? "" : " (hostname " + a.hostname() + ")")
            + ": no device in the inventory has that address" + (settings.relays().isEmpty() ? ""
                : " and it is not a relay") + " (logged once per sender)");
      }
      return;
    }
    Optional<ChangeRules.Who> who = a.isTrap()
        ? k.rules().trap(a.trapOid()).map(t -> t.read(a::varbind))
        : k.rules().match(a.text());
    if (who.isEmpty()) {
      counters.unrelated.incrementAndGet();
      return;
    }
    counters.matched.incrementAndGet();
    Change c = new Change(who.get(), a.via(), a.from().getHostAddress(), a.text(), a.nanos());
    if (changes.changed(k.device(), c)) {
      log.accept("change announced by " + k.device().name() + " (" + a.via() + " from " + a.from().getHostAddress()
          + "): " + cut(a.text()) + "; backing it up after " + settings.quiet().toMillis() / 1000.0 + " s of quiet");
    }
  }

  private static String cut(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  /** Stops listening; backups in flight finish (the pipeline's stop request applies to them). */
  @Override
  public void close() {
    closed = true;
    for (AutoCloseable l : listeners) {
      try {
        l.close();
      } catch (Exception ignored) {
        // closing anyway
      }
    }
    if (worker != null) worker.interrupt();
    changes.close();
  }
}
