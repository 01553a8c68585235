package dev.patina.collector.netconf;

import java.io.IOException;

/** base:1.1 chunked framing (RFC 6242 section 4.2): {@code \n#<size>\n<data>} ... {@code \n##\n}. */
final class ChunkedReader implements Framing.MessageReader {
  private static final long MAX_CHUNK = 4294967295L;

  private final TimedInput in;
  private final long maxBytes;
  private final String peer;

  ChunkedReader(TimedInput in, long maxBytes, String peer) {
    this.in = in;
    this.maxBytes = maxBytes;
    this.peer = peer;
  }

  @Override
  public byte[] next(Deadline deadline) throws IOException {
    GrowableBytes message = new GrowableBytes();
    int chunks = 0;
    for (;;) {
      int c = in.read(deadline);
      if (c < 0 && chunks == 0) return null;
      expect(c, '\n', "a chunk header must start with a line feed");
      expect(in.read(deadline), '#', "a chunk header must start with \"\\n#\"");
      c = in.read(deadline);
      if (c == '#') {
        expect(in.read(deadline), '\n', "the end-of-chunks marker is \"\\n##\\n\"");
        if (chunks == 0) throw error("an end-of-chunks marker arrived before any chunk", in.offset() - 1);
        return message.toArray(0);
      }
      if (c < '1' || c > '9') {
        throw error("a chunk size must start with a digit 1-9, got " + Framing.describe(c), in.offset() - 1);
      }
      long size = c - '0';
      for (c = in.read(deadline); c != '\n'; c = in.read(deadline)) {
        if (c < '0' || c > '9') {
          throw error("a chunk size may hold only digits and ends with a line feed, got " + Framing.describe(c),
              in.offset() - 1);
        }
        size = size * 10 + (c - '0');
        if (size > MAX_CHUNK) throw error("a chunk size exceeds 4294967295", in.offset() - 1);
      }
      if (message.size() + size > maxBytes) {
        throw new NetconfTooLargeException("a message from " + peer + " exceeds the limit of "
            + Framing.limit(maxBytes) + " (chunk of " + size + " bytes announced at byte " + in.offset()
            + " after " + message.size() + " bytes); raise the NETCONF size limit or narrow the get-config filter");
      }
      int n = (int) size;
      if (!in.readFully(message.reserve(n), message.size(), n, deadline)) {
        throw error("the stream ended inside a chunk of " + size + " bytes", in.offset());
      }
      message.grew(n);
      chunks++;
    }
  }

  private void expect(int c, int wanted, String rule) throws NetconfFramingException {
    if (c != wanted) {
      long at = c < 0 ? in.offset() : in.offset() - 1;
      throw error(rule + ", got " + Framing.describe(c) + " instead of " + Framing.describe(wanted), at);
    }
  }

  private NetconfFramingException error(String what, long at) {
    return new NetconfFramingException("malformed base:1.1 chunked framing from " + peer + " at byte " + at
        + ": " + what + " (RFC 6242 section 4.2)", at);
  }
}
