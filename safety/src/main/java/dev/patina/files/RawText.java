package dev.patina.files;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text whose bytes come back exactly: UTF-8 is decoded as UTF-8, and every byte that is not
 * part of valid UTF-8 (a Latin-1 {@code é} in a Linux host's file) becomes one char in
 * U+DC80..U+DCFF, a lone surrogate no valid text holds; {@link #encode} turns it back into that
 * byte. So a file that is not UTF-8 is stored byte for byte instead of with U+FFFD in place of
 * what it had. Valid UTF-8 takes the fast path both ways and is unchanged.
 */
public final class RawText {
  private static final char FIRST = '\uDC80';
  private static final char LAST = '\uDCFF';

  private RawText() {}

  /** The bytes as text, invalid bytes escaped. */
  public static String decode(byte[] bytes) {
    // The usual case in one pass: the JDK's decoder puts U+FFFD for what is not UTF-8, so a
    // result without it is the strict decoding (a text that holds U+FFFD itself takes the long way).
    String quick = new String(bytes, StandardCharsets.UTF_8);
    if (quick.indexOf('\uFFFD') < 0) return quick;
    CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return strict.decode(ByteBuffer.wrap(bytes)).toString(); // valid, with U+FFFD in it
    } catch (CharacterCodingException notUtf8) {
      strict.reset();
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 16);
    while (true) {
      CoderResult r = strict.decode(in, out, true);
      if (r.isUnderflow()) {
        break;
      }
      if (r.isOverflow()) {
        CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2);
        out.flip();
        bigger.put(out);
        out = bigger;
        continue;
      }
      for (int i = 0; i < r.length(); i++) { // malformed or unmappable: each byte escaped
        if (!out.hasRemaining()) {
          CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2);
          out.flip();
          bigger.put(out);
          out = bigger;
        }
        out.put((char) (0xDC00 | (in.get() & 0xff)));
      }
    }
    out.flip();
    return out.toString();
  }

  /** The text as bytes: UTF-8, escaped bytes restored. */
  public static byte[] encode(String text) {
    if (!hasEscapes(text)) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
    int runStart = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= FIRST && c <= LAST && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
        out.writeBytes(text.substring(runStart, i).getBytes(StandardCharsets.UTF_8));
        out.write(c & 0xff);
        runStart = i + 1;
      }
    }
    out.writeBytes(text.substring(runStart).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** Read in chunks copied out of the String: a plain array is read about three times as fast. */
  private static boolean hasEscapes(String text) {
    char[] chunk = new char[Math.min(text.length(), 4096)];
    for (int from = 0; from < text.length(); from += chunk.length) {
      int n = Math.min(chunk.length, text.length() - from);
      text.getChars(from, from + n, chunk, 0);
      for (int i = 0; i < n; i++) {
        char c = chunk[i];
        if (c >= FIRST && c <= LAST) return true;
      }
    }
    return false;
  }
}
