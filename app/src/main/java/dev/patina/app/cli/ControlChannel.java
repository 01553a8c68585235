package dev.patina.app.cli;

import dev.patina.app.run.RunResult;
import dev.patina.app.serve.Service;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * On-demand backup beside a running service. {@code patina serve} holds the repository lock for
 * its whole life, so {@code patina backup DEVICE} hands its request to the service over a local
 * socket ({@code patina.sock} beside {@code patina.lock} in the repository, readable by its owner
 * only) and prints what the service prints, as if it had run the backup itself; its exit status
 * is the run's.
 *
 * <p>The protocol is one request line ({@code backup DEVICE [no-mail] [report=ABSOLUTE-PATH]}),
 * answered by the run's printout line by line and a last line {@code patina-control: exit N}.
 */
public final class ControlChannel implements AutoCloseable {
  static final String SOCKET = "patina.sock";
  private static final String EXIT = "patina-control: exit ";

  private final ServerSocketChannel server;
  private final Path path;
  private final Thread acceptor;

  private ControlChannel(ServerSocketChannel server, Path path, Service service) {
    this.server = server;
    this.path = path;
    this.acceptor = Thread.ofVirtual().name("patina-control").start(() -> accept(service));
  }

  /** Listens beside the repository of {@code service} (a socket left by a killed service is replaced). */
  public static ControlChannel open(Service service) throws IOException, dev.patina.store.StoreException {
    Path path = service.repositoryDir().resolve(SOCKET);
    Files.deleteIfExists(path); // the service holds the repository lock: a socket there is a leftover
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system: the repository folder's own permissions apply
    }
    return new ControlChannel(server, path, service);
  }

  private void accept(Service service) {
    while (server.isOpen()) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (IOException closed) {
        return;
      }
      Thread.ofVirtual().name("patina-control-request").start(() -> serve(client, service));
    }
  }

  private static void serve(SocketChannel client, Service service) {
    try (client; OutputStream raw = Channels.newOutputStream(client);
        PrintStream out = new PrintStream(raw, true, StandardCharsets.UTF_8)) {
      BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
      String line = in.readLine();
      String[] words = line == null ? new String[0] : line.strip().split(" ");
      if (words.length < 2 || !words[0].equals("backup")) {
        out.println("patina: the service understands \"backup DEVICE\", not \"" + line + "\"");
        out.println(EXIT + 2);
        return;
      }
      boolean mail = true;
      Path report = null;
      for (int i = 2; i < words.length; i++) {
        if (words[i].equals("no-mail")) mail = false;
        else if (words[i].startsWith("report=")) report = Path.of(words[i].substring("report=".length()));
      }
      RunPrinter printer = new RunPrinter(out, out, false);
      printer.nameWidth(words[1].length());
      int code;
      try {
        RunResult result = service.backupNow(words[1], mail, printer);
        printer.summary(result);
        code = result.exitCode();
        if (report != null) {
          try {
            RunReportJson.write(result, report);
          } catch (IOException e) {
            out.println("patina: " + e.getMessage());
            code = Math.max(1, code);
          }
        }
      } catch (IllegalArgumentException e) {
        out.println("patina: " + e.getMessage());
        code = 2;
      } catch (Exception e) {
        out.println("patina: the service could not run the backup: " + e.getMessage());
        code = 1;
      }
      out.println(EXIT + code);
    } catch (IOException e) {
      // the client went away; the backup (if any) still completed and is in the service's log
    }
  }

  /**
   * Hands {@code patina backup DEVICE} to a running service, printing its answer to {@code out};
   * returns the exit status, or -1 when no service listens (the caller then runs it itself).
   */
  static int delegate(Path repositoryDir, String device, boolean mail, Path report, PrintStream out) {
    Path path = repositoryDir.resolve(SOCKET);
    if (!Files.exists(path)) return -1;
    SocketChannel channel;
    try {
      channel = SocketChannel.open(UnixDomainSocketAddress.of(path));
    } catch (IOException noService) {
      return -1; // a socket left by a service that is gone
    }
    try (channel) {
      String request = "backup " + device + (mail ? "" : " no-mail")
          + (report == null ? "" : " report=" + report.toAbsolutePath());
      OutputStream raw = Channels.newOutputStream(channel);
      raw.write((request + "\n").getBytes(StandardCharsets.UTF_8));
      raw.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
      out.println("patina: the service is running; it backs up " + device + " now");
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith(EXIT)) return Integer.parseInt(line.substring(EXIT.length()).strip());
        out.println(line);
      }
      out.println("patina: the service stopped answering before the backup ended; see its log");
      return 1;
    } catch (IOException | NumberFormatException e) {
      out.println("patina: talking to the service failed: " + e.getMessage() + "; see its log");
      return 1;
    }
  }

  @Override
  public void close() {
    try {
      server.close();
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // gone with the process anyway
    }
    acceptor.interrupt();
  }
}
