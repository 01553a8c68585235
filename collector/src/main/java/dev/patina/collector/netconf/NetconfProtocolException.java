package dev.patina.collector.netconf;

/** A well-framed message that is not valid NETCONF: bad XML, a DOCTYPE, a wrong message-id, no hello. */
public final class NetconfProtocolException extends NetconfException {
  NetconfProtocolException(String message) {
    super(message);
  }

  NetconfProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
