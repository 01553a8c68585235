package dev.patina.collector;

/**
 * Why backing up a device failed, from connecting to committing, typed all the way to the
 * run's printout and JSON report. The collector raises the first kinds (in a
 * {@link CollectException}); the run adds {@link #STOPPED}, {@link #REPOSITORY} and
 * {@link #INTERNAL}. It lives here, the lowest module that needs it, so there is one enum and no
 * translation between layers.
 */
public enum FailureKind {
  /** TCP connect refused or timed out, name not resolved. Worth a retry. */
  CONNECT,
  /** The device refused the credentials. Not retried. */
  AUTH,
  /** The device's SSH host key differs from the one recorded. Not retried. */
  HOST_KEY_CHANGED,
  /** No (complete) answer within the time limit: a command's silence or the whole device's. */
  TIMEOUT,
  /** The connection dropped mid-session. Worth a retry. */
  DISCONNECTED,
  /** The output does not look complete (no {@code end}, cut short); the last version is kept. */
  INCOMPLETE,
  /** The device rejected a command or a file could not be read. */
  COMMAND_FAILED,
  /** No such model, or {@code model: auto} could not tell. */
  MODEL,
  /** The device spoke the protocol wrongly (SSH, NETCONF, SNMP). */
  PROTOCOL,
  /** Not started or not finished because Patina was shutting down. */
  STOPPED,
  /** The repository could not be read or written. */
  REPOSITORY,
  /** A bug in Patina. */
  INTERNAL;

  /** How printouts, the JSON report and the run status name it: {@code "host_key_changed"}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * False for failures on Patina's side (the repository could not be written, a shutdown, a bug):
   * they do not count towards a device's failures in a row or its alerts.
   */
  public boolean isDevicesFault() {
    return this != REPOSITORY && this != STOPPED && this != INTERNAL;
  }

  /** Failures of the network rather than of the device's answer or our credentials: worth another try. */
  public boolean isTransient() {
    return this == CONNECT || this == DISCONNECTED;
  }
}
