package dev.patina.collector.netconf;

/** The server did not send a complete reply before its deadline. */
public final class NetconfTimeoutException extends NetconfException {
  NetconfTimeoutException(String message) {
    super(message);
  }
}
