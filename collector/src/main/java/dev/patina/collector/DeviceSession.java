package dev.patina.collector;

import dev.patina.inventory.Device;
import dev.patina.inventory.Timeouts;
import dev.patina.collector.ssh.ShellSession;
import dev.patina.collector.ssh.SshLink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One device's connection during a collection: the SSH link (opened once), the interactive
 * shell (opened and logged in on first use), the model, and notes for the snapshot.
 */
public final class DeviceSession implements AutoCloseable {
  private final Device target;
  private final Model model;
  private final HostKeyStore hostKeys;
  private final Timeouts timeouts;
  private final List<String> notes = new ArrayList<>();
  private final Map<String, String> vars;
  private final Map<String, Object> remembered = new HashMap<>();
  private final List<SshLink> extraLinks = new ArrayList<>();
  private String nextCommand;
  private SshLink link;
  private ShellSession shell;

  /** Computes a value once per device run. */
  @FunctionalInterface
  public interface Fetch<T> {
    T get() throws CollectException;
  }

  DeviceSession(Device target, Model model, HostKeyStore hostKeys, Timeouts timeouts) {
    this.target = target;
    this.model = model;
    this.hostKeys = hostKeys;
    this.timeouts = timeouts;
    Map<String, String> merged = new LinkedHashMap<>(model.vars());
    merged.putAll(target.vars());
    this.vars = Map.copyOf(merged);
  }

  /**
   * A failure while connecting or logging in (banner, login commands, enable): no artifact was
   * being read, so none is named as incomplete.
   */
  public static final class LoginFailed extends CollectException {
    private static final long serialVersionUID = 1L;

    private LoginFailed(FailureKind kind, String message, Throwable cause) {
      super(kind, message, cause);
    }

    static CollectException of(CollectException e) {
      if (e instanceof LoginFailed) return e;
      boolean cut = e.kind() == FailureKind.DISCONNECTED || e.kind() == FailureKind.TIMEOUT;
      return new LoginFailed(e.kind(), cut ? e.getMessage() + " while logging in; nothing was collected, previous"
          + " version kept" : e.getMessage(), e);
    }
  }

  /** The model's vars with the device's overrides. */
  public Map<String, String> vars() {
    return vars;
  }

  /** The largest reply a command may have (var {@value ShellSession#MAX_REPLY_MIB}, in MiB; 64 when not set). */
  long maxReplyBytes() throws CollectException {
    String v = vars.get(ShellSession.MAX_REPLY_MIB);
    if (v == null) return ShellSession.DEFAULT_MAX_REPLY_MIB * 1024 * 1024;
    try {
      long mib = Long.parseLong(v.strip());
      if (mib >= 1 && mib <= 4096) return mib * 1024 * 1024;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CollectException(FailureKind.MODEL, target.name() + ": " + ShellSession.MAX_REPLY_MIB
        + " must be a whole number of MiB from 1 to 4096, not \"" + v + "\"");
  }

  /** {@code fetch}'s value, computed on the first call for {@code key} in this run. */
  @SuppressWarnings("unchecked")
  public <T> T remembered(String key, Fetch<T> fetch) throws CollectException {
    if (!remembered.containsKey(key)) {
      remembered.put(key, fetch.get());
    }
    return (T) remembered.get(key);
  }

  /** Another SSH connection to the device, on {@code port} (NETCONF's 830); closed with the session. */
  public SshLink sshOn(int port) throws CollectException {
    SshLink extra = SshLink.open(target.withPort(port), hostKeys, timeouts.connect(), timeouts.command());
    extraLinks.add(extra);
    return extra;
  }

  /** The device. */
  public Device target() {
    return target;
  }

  /** Its model. */
  public Model model() {
    return model;
  }

  /** Connect and per-command limits (the device limit is the run's). */
  public Timeouts timeouts() {
    return timeouts;
  }

  /** The command the next artifact starts with, when its first source is one (else null). */
  public String nextCommand() {
    return nextCommand;
  }

  void nextCommand(String command) {
    this.nextCommand = command;
  }

  /** Adds a note to the snapshot ("version skipped: ..."). */
  public void note(String note) {
    notes.add(note);
  }

  List<String> notes() {
    return notes;
  }

  /** The SSH connection, opened on first use. */
  public SshLink ssh() throws CollectException {
    if (link == null) {
      long max = maxReplyBytes(); // a bad value fails before connecting
      try {
        link = SshLink.open(target, hostKeys, timeouts.connect(), timeouts.command());
      } catch (CollectException e) {
        throw LoginFailed.of(e);
      }
      link.maxReplyBytes(max);
    }
    return link;
  }

  /** The logged-in shell (login commands run, enable mode entered), opened on first use. */
  public ShellSession shell() throws CollectException {
    if (shell == null) {
      ShellSession s = ssh().shell(ShellSession.Settings.of(model));
      try {
        new Login(this, s).run(s.awaitPrompt());
      } catch (CollectException e) {
        s.close();
        throw LoginFailed.of(e);
      }
      shell = s;
    }
    return shell;
  }

  @Override
  public void close() {
    if (shell != null) {
      shell.close();
    }
    if (link != null) {
      link.close();
    }
    extraLinks.forEach(SshLink::close);
  }
}
