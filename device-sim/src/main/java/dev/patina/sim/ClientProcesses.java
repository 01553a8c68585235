package dev.patina.sim;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * Which local process opened each SSH session to a simulated device (Linux only): the client
 * socket is found in {@code /proc/net/tcp} by its port pair, and its owner by the process whose
 * file descriptors include that socket. Several client processes on one host (cluster nodes)
 * all come from 127.0.0.1; this tells them apart.
 */
final class ClientProcesses implements SessionListener {
  /** A client that could not be traced (not Linux, the connection closed first, no permission). */
  static final long UNKNOWN = -1;

  private final List<Long> pids = new ArrayList<>();

  @Override
  public void sessionCreated(Session session) {
    long pid = owner(session.getRemoteAddress(), session.getLocalAddress());
    synchronized (pids) {
      pids.add(pid);
    }
  }

  /** The client process of each session so far, in order ({@link #UNKNOWN} where untraceable). */
  List<Long> snapshot() {
    synchronized (pids) {
      return List.copyOf(pids);
    }
  }

  private static long owner(SocketAddress remote, SocketAddress local) {
    if (!(remote instanceof InetSocketAddress r) || !(local instanceof InetSocketAddress l)) return UNKNOWN;
    String inode = inode(r.getPort(), l.getPort());
    if (inode == null) return UNKNOWN;
    String target = "socket:[" + inode + "]";
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
        .chars().allMatch(Character::isDigit))) {
      for (Path proc : procs) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
          for (Path fd : fds) {
            try {
              if (Files.readSymbolicLink(fd).toString().equals(target)) {
                return Long.parseLong(proc.getFileName().toString());
              }
            } catch (IOException gone) {
              // the descriptor closed meanwhile
            }
          }
        } catch (IOException | SecurityException notOurs) {
          // another user's process, or it ended
        }
      }
    } catch (IOException e) {
      return UNKNOWN;
    }
    return UNKNOWN;
  }

  /** The inode of the socket whose local port is {@code clientPort} and remote port {@code serverPort}. */
  private static String inode(int clientPort, int serverPort) {
    String local = ":" + String.format(Locale.ROOT, "%04X", clientPort);
    String remote = ":" + String.format(Locale.ROOT, "%04X", serverPort);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(table), StandardCharsets.US_ASCII)) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 9 && f[1].endsWith(local) && f[2].endsWith(remote)) return f[9];
        }
      } catch (IOException e) {
        // no such table here
      }
    }
    return null;
  }
}
