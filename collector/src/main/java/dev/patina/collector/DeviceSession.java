package dev.patina.collector;

import dev.patina.collector.ssh.ShellSession;
import dev.patina.collector.ssh.SshLink;
import java.util.ArrayList;
import java.util.List;

/**
 * One device's connection during a collection: the SSH link (opened once), the interactive
 * shell (opened and logged in on first use), the model, and notes for the snapshot.
 */
public final class DeviceSession implements AutoCloseable {
  private final Target target;
  private final Model model;
  private final HostKeyStore hostKeys;
  private final CollectorSettings settings;
  private final List<String> notes = new ArrayList<>();
  private SshLink link;
  private ShellSession shell;

  DeviceSession(Target target, Model model, HostKeyStore hostKeys, CollectorSettings settings) {
    this.target = target;
    this.model = model;
    this.hostKeys = hostKeys;
    this.settings = settings;
  }

  /** The device. */
  public Target target() {
    return target;
  }

  /** Its model. */
  public Model model() {
    return model;
  }

  /** Collector settings (timeouts). */
  public CollectorSettings settings() {
    return settings;
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
      link = SshLink.open(target, hostKeys, settings.connect(), settings.command());
    }
    return link;
  }

  /** The logged-in shell (login commands run, enable mode entered), opened on first use. */
  public ShellSession shell() throws CollectException {
    if (shell == null) {
      shell = ssh().shell(ShellSession.Settings.of(model));
      new Login(this, shell).run(shell.awaitPrompt());
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
  }
}
