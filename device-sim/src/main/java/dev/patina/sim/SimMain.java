package dev.patina.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: one simulated device on loopback until Ctrl-C.
 * {@code SimMain --capture FILE [--port N] [--user U --password P]} or
 * {@code SimMain --linux DIR [--port N] [--user U --password P]}.
 */
public final class SimMain {
  static final String USAGE = """
      usage: patina-sim --capture FILE [--port N] [--user U --password P]
             patina-sim --linux DIR [--port N] [--user U --password P]
        --capture FILE  replay a recorded session (an Oxidized <model>#<device>#simulation.yaml)
        --linux DIR     a Linux host whose files are below DIR (exec cat/ls/..., SFTP, SCP)
        --port N        loopback port to listen on (default: any free port)
        --user U        login user (default patina)
        --password P    login password (default patina)
      """;

  private SimMain() {}

  /** Starts the device and waits for Ctrl-C; exits 2 on bad usage or a bad capture. */
  public static void main(String[] args) {
    int status = run(args);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * {@link #run(String[], PrintStream, PrintStream)} on standard output and error; an interrupt
   * stops the device and returns 130.
   */
  public static int run(String[] args) {
    try {
      return run(args, System.out, System.err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  /**
   * Runs the command (for a {@code sim} subcommand of another CLI): starts the device, prints
   * where it listens and serves until the JVM shuts down (Ctrl-C) or the calling thread is
   * interrupted. Returns 0, or 2 after printing the problem for bad usage or a bad capture.
   */
  public static int run(String[] args, PrintStream out, PrintStream err)
      throws InterruptedException {
    if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args)
        .contains("-h")) {
      out.print(USAGE);
      return 0;
    }
    SimDevice device = start(args, out, err);
    if (device == null) {
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      close(device, err);
      stopped.countDown();
    }, "patina-sim-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } finally {
      if (stopped.getCount() > 0) {
        Runtime.getRuntime().removeShutdownHook(hook);
        close(device, err);
      }
    }
    return 0;
  }

  private static void close(SimDevice device, PrintStream err) {
    try {
      device.close();
    } catch (IOException e) {
      err.println("patina-sim: stopping: " + e.getMessage());
    }
  }

  /**
   * Parses {@code args}, starts the device and prints where it listens; on bad usage or a bad
   * capture prints the problem to {@code err} and returns null (exit status 2).
   */
  static SimDevice start(String[] args, PrintStream out, PrintStream err) {
    String capture = null;
    String linux = null;
    String user = "patina";
    String password = "patina";
    int port = 0;
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--capture" -> capture = value(args, ++i, arg);
          case "--linux" -> linux = value(args, ++i, arg);
          case "--user" -> user = value(args, ++i, arg);
          case "--password" -> password = value(args, ++i, arg);
          case "--port" -> port = port(value(args, ++i, arg));
          case "-h", "--help" -> {
            out.print(USAGE);
            return null;
          }
          default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
        }
      }
      if ((capture == null) == (linux == null)) {
        throw new IllegalArgumentException("give exactly one of --capture FILE or --linux DIR");
      }
    } catch (IllegalArgumentException e) {
      err.println("patina-sim: " + e.getMessage());
      err.print(USAGE);
      return null;
    }
    SimDevice device;
    try {
      if (capture != null) {
        device = SimDevice.replay(loadCapture(Path.of(capture)));
      } else {
        Path root = Path.of(linux);
        if (!Files.isDirectory(root)) {
          throw new IOException(linux + ": not a folder; --linux needs the folder that holds the"
              + " host's files (etc/, proc/, ...)");
        }
        device = SimDevice.linuxHost(root);
      }
      device.credentials(user, password).start(port);
    } catch (IOException e) {
      err.println("patina-sim: " + e.getMessage());
      return null;
    }
    out.println("listening on " + device.host() + ":" + device.port() + " (user " + user
        + ", password " + password + ")");
    out.flush();
    return device;
  }

  private static Capture loadCapture(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IOException(file + ": is a folder; --capture needs a simulation.yaml file");
    }
    try {
      return Capture.load(file);
    } catch (NoSuchFileException e) {
      throw new IOException(file + ": no such file; --capture needs a recorded session"
          + " (<model>#<device>#simulation.yaml)", e);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new IOException(file + ": cannot read it (permission denied)", e);
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port must be a number from 0 to 65535, not '" + text
          + "'");
    }
  }
}
