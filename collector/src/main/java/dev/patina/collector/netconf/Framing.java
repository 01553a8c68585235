package dev.patina.collector.netconf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** RFC 6242 message framing: base:1.0 end-of-message marker or base:1.1 chunks. */
public enum Framing {
  /** base:1.0: each message ends with {@code ]]>]]>} (also used for every hello). */
  END_OF_MESSAGE,
  /** base:1.1: {@code \n#<size>\n<data>} chunks, ended by {@code \n##\n}. */
  CHUNKED;

  static final byte[] EOM = "]]>]]>".getBytes(StandardCharsets.US_ASCII);

  /** Writes one framed message and flushes it. */
  void write(OutputStream out, byte[] message) throws IOException {
    if (this == END_OF_MESSAGE) {
      out.write(message);
      out.write(EOM);
    } else {
      if (message.length == 0) throw new IllegalArgumentException("a chunked message needs at least one byte");
      out.write(("\n#" + message.length + "\n").getBytes(StandardCharsets.US_ASCII));
      out.write(message);
      out.write("\n##\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.flush();
  }

  /** A reader of this framing over {@code in}, refusing messages longer than {@code maxBytes}. */
  MessageReader reader(TimedInput in, long maxBytes, String peer) {
    return this == END_OF_MESSAGE
        ? new EndOfMessageReader(in, maxBytes, peer)
        : new ChunkedReader(in, maxBytes, peer);
  }

  /** Reads one framed message at a time. */
  sealed interface MessageReader permits EndOfMessageReader, ChunkedReader {
    /** The next message's bytes, or null when the stream ended cleanly between messages. */
    byte[] next(Deadline deadline) throws IOException;
  }

  /** "'A' (0x41)" or "0x0a" for a byte in an error message. */
  static String describe(int b) {
    if (b < 0) return "end of stream";
    String hex = String.format("0x%02x", b);
    return b >= 0x21 && b < 0x7f ? "'" + (char) b + "' (" + hex + ")" : hex;
  }

  static String limit(long bytes) {
    return bytes % (1024 * 1024) == 0 ? (bytes / (1024 * 1024)) + " MiB" : bytes + " bytes";
  }
}
