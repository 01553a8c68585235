package dev.patina.collector.netconf;

import java.io.IOException;

/** base:1.0 framing: a message runs up to the {@code ]]>]]>} marker (searched KMP style). */
final class EndOfMessageReader implements Framing.MessageReader {
  /** KMP failure function of "]]>]]>". */
  private static final int[] FAILURE = {0, 1, 0, 1, 2, 3};

  private final TimedInput in;
  private final long maxBytes;
  private final String peer;

  EndOfMessageReader(TimedInput in, long maxBytes, String peer) {
    this.in = in;
    this.maxBytes = maxBytes;
    this.peer = peer;
  }

  @Override
  public byte[] next(Deadline deadline) throws IOException {
    GrowableBytes message = new GrowableBytes();
    long start = -1;
    int matched = 0;
    for (;;) {
      int c = in.read(deadline);
      if (c < 0) {
        if (start < 0) return null;
        throw new NetconfFramingException("the stream from " + peer + " ended at byte " + in.offset()
            + " inside a message that began at byte " + start + ", before its ]]>]]> end-of-message marker"
            + " (the server closed the session or crashed mid-reply)", in.offset());
      }
      if (start < 0) {
        // whitespace between messages (some servers send a newline after ]]>]]>) is not part of one
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        start = in.offset() - 1;
      }
      message.add(c);
      while (matched > 0 && c != Framing.EOM[matched]) matched = FAILURE[matched - 1];
      if (c == Framing.EOM[matched]) matched++;
      if (matched == Framing.EOM.length) return message.toArray(Framing.EOM.length);
      if (message.size() - matched > maxBytes) {
        throw new NetconfTooLargeException("a message from " + peer + " exceeds the limit of "
            + Framing.limit(maxBytes) + " (it began at byte " + start + "); raise the NETCONF size limit"
            + " or narrow the get-config filter");
      }
    }
  }
}
