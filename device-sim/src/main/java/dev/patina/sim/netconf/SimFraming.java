package dev.patina.sim.netconf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The simulator's own RFC 6242 framing: reads client messages, frames server replies. */
final class SimFraming {
  private static final byte[] EOM = "]]>]]>".getBytes(StandardCharsets.US_ASCII);

  private SimFraming() {}

  /** Reads up to the {@code ]]>]]>} marker; null at end of stream. */
  static String readEndOfMessage(InputStream in) throws IOException {
    byte[] buf = new byte[4096];
    int n = 0;
    int c;
    while ((c = in.read()) >= 0) {
      if (n == buf.length) buf = java.util.Arrays.copyOf(buf, n * 2);
      buf[n++] = (byte) c;
      if (n >= EOM.length && java.util.Arrays.equals(buf, n - EOM.length, n, EOM, 0, EOM.length)) {
        return new String(buf, 0, n - EOM.length, StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** Reads one chunked message; null at end of stream; IOException on broken framing. */
  static String readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    for (;;) {
      int c = in.read();
      if (c < 0 && message.size() == 0) return null;
      if (c != '\n' || in.read() != '#') throw new IOException("bad chunk header from client");
      StringBuilder size = new StringBuilder();
      while ((c = in.read()) != '\n') {
        if (c < 0) throw new IOException("client stream ended in a chunk header");
        size.append((char) c);
      }
      if (size.toString().equals("#")) return message.toString(StandardCharsets.UTF_8);
      int n = Integer.parseInt(size.toString());
      message.write(in.readNBytes(n));
    }
  }

  static byte[] endOfMessage(String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(message.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(EOM);
    return out.toByteArray();
  }

  /** Frames a message in chunks of at most {@code chunkSize} bytes. */
  static byte[] chunked(String message, int chunkSize) {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < bytes.length; i += chunkSize) {
      int n = Math.min(chunkSize, bytes.length - i);
      out.writeBytes(("\n#" + n + "\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes, i, n);
    }
    out.writeBytes("\n##\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }
}
