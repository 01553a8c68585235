package dev.patina.collector.netconf;

import java.io.IOException;

/** Something went wrong speaking NETCONF to a device; subclasses say what kind of thing. */
public sealed class NetconfException extends IOException
    permits NetconfFramingException, NetconfRpcException, NetconfTimeoutException,
        NetconfTooLargeException, NetconfProtocolException {
  NetconfException(String message) {
    super(message);
  }

  NetconfException(String message, Throwable cause) {
    super(message, cause);
  }
}
