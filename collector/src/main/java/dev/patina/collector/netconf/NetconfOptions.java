package dev.patina.collector.netconf;

import java.time.Duration;
import java.util.Objects;

/**
 * How to run a NETCONF collection. Its two limits come from the inventory's {@code Timeouts}
 * (connect, and command as the reply limit) in one place, NetconfSource; the rest are NETCONF's
 * own settings, so this stays the client's option set rather than a second timeouts type.
 *
 * @param connect limit for TCP connect, SSH key exchange, authentication and opening the subsystem
 * @param reply limit for each reply (the hello included), from request to its last byte
 * @param maxReplyBytes the largest message accepted, in bytes (default 64 MiB)
 * @param subtreeFilter XML content of a {@code <filter type="subtree">} for get-config; null for all
 * @param volatileAttributes attributes removed from the stored XML
 * @param offerBase11 advertise base:1.1 (chunked framing is then used if the server does too)
 */
public record NetconfOptions(Duration connect, Duration reply, long maxReplyBytes, String subtreeFilter,
    VolatileAttributes volatileAttributes, boolean offerBase11) {
  public static final long DEFAULT_MAX_REPLY_BYTES = 64L * 1024 * 1024;

  public NetconfOptions {
    Objects.requireNonNull(connect, "connect");
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(volatileAttributes, "volatileAttributes");
    if (connect.isNegative() || connect.isZero()) throw new IllegalArgumentException("connect timeout must be positive");
    if (reply.isNegative() || reply.isZero()) throw new IllegalArgumentException("reply timeout must be positive");
    if (maxReplyBytes < 1 || maxReplyBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("maxReplyBytes must be between 1 and " + (Integer.MAX_VALUE - 16));
    }
    if (subtreeFilter != null && subtreeFilter.isBlank()) subtreeFilter = null;
  }

  /** 10 s to connect, 60 s per reply, 64 MiB per reply, no filter, default volatile attributes, base:1.1 offered. */
  public static NetconfOptions defaults() {
    return new NetconfOptions(Duration.ofSeconds(10), Duration.ofSeconds(60), DEFAULT_MAX_REPLY_BYTES, null,
        VolatileAttributes.DEFAULT, true);
  }

  public NetconfOptions withTimeouts(Duration connect, Duration reply) {
    return new NetconfOptions(connect, reply, maxReplyBytes, subtreeFilter, volatileAttributes, offerBase11);
  }

  public NetconfOptions withMaxReplyBytes(long max) {
    return new NetconfOptions(connect, reply, max, subtreeFilter, volatileAttributes, offerBase11);
  }

  public NetconfOptions withSubtreeFilter(String filter) {
    return new NetconfOptions(connect, reply, maxReplyBytes, filter, volatileAttributes, offerBase11);
  }

  public NetconfOptions withVolatileAttributes(VolatileAttributes v) {
    return new NetconfOptions(connect, reply, maxReplyBytes, subtreeFilter, v, offerBase11);
  }

  public NetconfOptions withOfferBase11(boolean offer) {
    return new NetconfOptions(connect, reply, maxReplyBytes, subtreeFilter, volatileAttributes, offer);
  }
}
