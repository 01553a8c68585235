package dev.patina.collector.netconf;

/** A reply grew beyond the configured size limit ({@link NetconfOptions#maxReplyBytes()}). */
public final class NetconfTooLargeException extends NetconfException {
  NetconfTooLargeException(String message) {
    super(message);
  }
}
