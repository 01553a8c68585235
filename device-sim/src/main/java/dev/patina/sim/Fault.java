package dev.patina.sim;

import java.time.Duration;

/**
 * A fault a {@link SimDevice} injects into its sessions' output from the next byte it sends:
 * counting starts anew whenever a different fault is set.
 */
public sealed interface Fault {

  /** Normal behaviour. */
  static Fault none() {
    return new None();
  }

  /** Closes the SSH session once {@code bytes} more bytes have been sent (mid-output). */
  static Fault disconnectAfterBytes(long bytes) {
    return new DisconnectAfterBytes(bytes);
  }

  /** Stops sending after {@code bytes} more bytes; the session and TCP connection stay open. */
  static Fault stallAfterBytes(long bytes) {
    return new StallAfterBytes(bytes);
  }

  /**
   * Closes the SSH session halfway through the next reply to {@code command} (for example
   * {@code "show running-config"}), whatever came before it.
   */
  static Fault disconnectMidReply(String command) {
    return new DisconnectMidReply(command);
  }

  /** Stops sending halfway through the next reply to {@code command}; the session stays open. */
  static Fault stallMidReply(String command) {
    return new StallMidReply(command);
  }

  /** Waits {@code perReply} before each reply (the login banner counts as a reply). */
  static Fault slow(Duration perReply) {
    return new Slow(perReply);
  }

  /**
   * Pauses the output for {@code pause} right after {@code text} is first written (once per
   * session): a login banner sent in pieces, one piece ending in something prompt-like.
   */
  static Fault pauseAfter(String text, Duration pause) {
    return new PauseAfter(text, pause);
  }

  /** No fault. */
  record None() implements Fault {}

  /** See {@link Fault#pauseAfter(String, Duration)}. */
  record PauseAfter(String text, Duration pause) implements Fault {
    public PauseAfter {
      if (text == null || text.isEmpty()) {
        throw new IllegalArgumentException("name the text after which the output pauses");
      }
    }
  }

  /** See {@link Fault#disconnectAfterBytes(long)}. */
  record DisconnectAfterBytes(long bytes) implements Fault {
    public DisconnectAfterBytes {
      if (bytes < 0) {
        throw new IllegalArgumentException("bytes must be >= 0, not " + bytes);
      }
    }
  }

  /** See {@link Fault#stallAfterBytes(long)}. */
  record StallAfterBytes(long bytes) implements Fault {
    public StallAfterBytes {
      if (bytes < 0) {
        throw new IllegalArgumentException("bytes must be >= 0, not " + bytes);
      }
    }
  }

  /** See {@link Fault#disconnectMidReply(String)}. */
  record DisconnectMidReply(String command) implements Fault {
    public DisconnectMidReply {
      if (command == null || command.isBlank()) {
        throw new IllegalArgumentException("name the command whose reply is cut");
      }
    }
  }

  /** See {@link Fault#stallMidReply(String)}. */
  record StallMidReply(String command) implements Fault {
    public StallMidReply {
      if (command == null || command.isBlank()) {
        throw new IllegalArgumentException("name the command whose reply stalls");
      }
    }
  }

  /** See {@link Fault#slow(Duration)}. */
  record Slow(Duration perReply) implements Fault {
    public Slow {
      if (perReply == null || perReply.isNegative()) {
        throw new IllegalArgumentException("perReply must be a duration >= 0, not " + perReply);
      }
    }
  }
}
