package dev.patina.collector.netconf;

import java.util.Arrays;

/** A byte buffer that grows as a message arrives; avoids ByteArrayOutputStream's locking. */
final class GrowableBytes {
  private byte[] bytes = new byte[8192];
  private int size;

  void add(int b) {
    ensure(size + 1);
    bytes[size++] = (byte) b;
  }

  /** Makes room for {@code n} more bytes and returns the array to write at {@link #size()}. */
  byte[] reserve(int n) {
    ensure(size + n);
    return bytes;
  }

  void grew(int n) {
    size += n;
  }

  int size() {
    return size;
  }

  byte[] toArray(int trimEnd) {
    return Arrays.copyOf(bytes, size - trimEnd);
  }

  private void ensure(int capacity) {
    if (capacity > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(capacity, (int) Math.min(Integer.MAX_VALUE - 8, bytes.length * 2L)));
    }
  }
}
