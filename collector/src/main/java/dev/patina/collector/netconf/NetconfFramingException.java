package dev.patina.collector.netconf;

/** The byte stream broke RFC 6242 framing (end-of-message or chunked); names the byte offset. */
public final class NetconfFramingException extends NetconfException {
  private final long offset;

  NetconfFramingException(String message, long offset) {
    super(message);
    this.offset = offset;
  }

  /** Offset of the offending byte, counted from the first byte the server sent (0-based). */
  public long offset() {
    return offset;
  }
}
