package dev.patina.app.changes;

import dev.patina.inventory.ChangeSettings;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.Semaphore;

/**
 * One syslog listener: UDP (one message per datagram) or TCP (RFC 6587: octet-counted
 * {@code LEN SP MSG} frames, or messages ended by LF or NUL). It only reads, frames and hands
 * the bytes on ({@link Inbox#offer}); a message longer than {@code max} bytes is dropped and
 * counted, and a TCP peer's oversized frame is skipped without losing the frames after it.
 */
final class SyslogListener implements AutoCloseable {
  /**
   * Where framed messages go. A UDP listener never waits (a full queue drops and counts); a TCP
   * peer's reader may wait a while ({@code wait}), which slows that one sender down through TCP's
   * own flow control instead of losing its messages.
   */
  interface Inbox {
    void offer(String via, java.net.InetAddress from, byte[] data, boolean wait);
  }

  private static final int MAX_TCP_PEERS = 256;
  private static final int TCP_IDLE_MS = 15 * 60 * 1000;

  private final ChangeSettings.Listen where;
  private final int max;
  private final Inbox inbox;
  private final ChangeCounters counters;
  private DatagramChannel udp;
  private ServerSocket tcp;
  private final Semaphore peers = new Semaphore(MAX_TCP_PEERS);
  private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private SyslogListener(ChangeSettings.Listen where, int max, Inbox inbox, ChangeCounters counters) {
    this.where = where;
    this.max = max;
    this.inbox = inbox;
    this.counters = counters;
  }

  /** Binds and starts reading; a port in use fails here, with the address in the message. */
  static SyslogListener start(ChangeSettings.Listen where, int max, Inbox inbox, ChangeCounters counters)
      throws IOException {
    SyslogListener l = new SyslogListener(where, max, inbox, counters);
    InetSocketAddress address = new InetSocketAddress(where.host(), where.port());
    try {
      if (where.protocol().equals("udp")) {
        l.udp = DatagramChannel.open();
        l.udp.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20); // absorbs a burst while the reader catches up
        l.udp.bind(address);
        thread("patina-syslog-" + where.protocol() + "-" + where.port(), l::readUdp);
      } else {
        l.tcp = new ServerSocket();
        l.tcp.setReuseAddress(true);
        l.tcp.bind(address, 128);
        thread("patina-syslog-" + where.protocol() + "-" + where.port(), l::acceptTcp);
      }
    } catch (IOException e) {
      l.close();
      throw new ListenException("cannot listen for syslog on " + where + ": " + e.getMessage()
          + " (another syslog daemon? ports below 1024 need root or CAP_NET_BIND_SERVICE)", e);
    }
    return l;
  }

  /** The port actually bound (differs from the configured one only for port 0, in tests). */
  int port() {
    try {
      if (udp != null) return ((InetSocketAddress) udp.getLocalAddress()).getPort();
    } catch (IOException e) {
      return where.port();
    }
    return tcp.getLocalPort();
  }

  private static void thread(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  private void readUdp() {
    ByteBuffer buf = ByteBuffer.allocate(max + 1);
    while (!closed) {
      try {
        buf.clear();
        InetSocketAddress from = (InetSocketAddress) udp.receive(buf);
        counters.received.incrementAndGet();
        if (buf.position() > max) { // the datagram did not fit: the rest was discarded by the kernel
          counters.oversized.incrementAndGet();
          continue;
        }
        inbox.offer("syslog/udp", from.getAddress(), java.util.Arrays.copyOf(buf.array(), buf.position()), false);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException | RuntimeException e) {
        if (closed) return;
        counters.malformed.incrementAndGet();
      }
    }
  }

  private void acceptTcp() {
    while (!closed) {
      Socket s;
      try {
        s = tcp.accept();
      } catch (IOException e) {
        if (closed) return;
        continue;
      }
      if (!peers.tryAcquire()) { // too many senders at once: refuse rather than queue
        counters.refused.incrementAndGet();
        closeQuietly(s);
        continue;
      }
      open.add(s);
      Thread.ofVirtual().name("patina-syslog-tcp-peer").start(() -> {
        try {
          readTcp(s);
        } finally {
          open.remove(s);
          closeQuietly(s);
          peers.release();
        }
      });
    }
  }

  private void readTcp(Socket s) {
    try {
      s.setSoTimeout(TCP_IDLE_MS);
      InputStream in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
      byte[] frame = new byte[max];
      while (!closed) {
        int first = in.read();
        if (first < 0) return;
        if (first >= '1' && first <= '9') { // octet counting: LEN SP MSG
          long len = first - '0';
          int c;
          int digits = 1;
          while ((c = in.read()) >= '0' && c <= '9') {
            len = len * 10 + (c - '0');
            if (++digits > 9) break;
          }
          if (c != ' ') { // not a frame: resynchronise at the next line end
            counters.received.incrementAndGet();
            counters.malformed.incrementAndGet();
            skipLine(in);
            continue;
          }
          counters.received.incrementAndGet();
          if (len > max) {
            counters.oversized.incrementAndGet();
            skip(in, len);
            continue;
          }
          readFully(in, frame, (int) len);
          inbox.offer("syslog/tcp", s.getInetAddress(), java.util.Arrays.copyOf(frame, (int) len), true);
        } else { // non-transparent framing: up to LF (or NUL)
          if (first == '\n' || first == 0 || first == '\r') continue;
          frame[0] = (byte) first;
          int n = 1;
          boolean tooLong = false;
          int c;
          while ((c = in.read()) >= 0 && c != '\n' && c != 0) {
            if (n < max) frame[n++] = (byte) c;
            else tooLong = true;
          }
          counters.received.incrementAndGet();
          if (tooLong) counters.oversized.incrementAndGet();
          else inbox.offer("syslog/tcp", s.getInetAddress(), java.util.Arrays.copyOf(frame, n), true);
          if (c < 0) return;
        }
      }
    } catch (SocketTimeoutException | EOFException e) {
      // idle or cut off mid-frame: the peer reconnects
    } catch (IOException e) {
      // connection reset: the peer reconnects
    }
  }

  private static void skipLine(InputStream in) throws IOException {
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      // discard
    }
  }

  private static void skip(InputStream in, long n) throws IOException {
    while (n > 0) {
      long k = in.skip(n);
      if (k <= 0) {
        if (in.read() < 0) throw new EOFException();
        k = 1;
      }
      n -= k;
    }
  }

  private static void readFully(InputStream in, byte[] b, int len) throws IOException {
    int off = 0;
    while (off < len) {
      int k = in.read(b, off, len - off);
      if (k < 0) throw new EOFException();
      off += k;
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      if (c != null) c.close();
    } catch (Exception ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(udp);
    closeQuietly(tcp);
    open.forEach(SyslogListener::closeQuietly);
  }
}
