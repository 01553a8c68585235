package dev.patina.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.session.SessionContext;

/**
 * Files a replayed device serves over SCP and SFTP (a ProCurve's {@code cfg/running-config}).
 * They are written to a private temporary folder when a session opens its file system, so they
 * always show the current replies; the folder is created on first use and deleted on close.
 */
final class ServedFiles implements FileSystemFactory, AutoCloseable {
  private final Map<String, String> fixed = new ConcurrentHashMap<>();
  private final Replies replies;
  private Path dir;

  ServedFiles(Replies replies) {
    this.replies = replies;
  }

  /** Serves {@code content} at {@code path} (relative to the login folder). */
  void put(String path, String content) {
    String clean = path.replaceAll("^/+", "");
    if (clean.isEmpty() || Path.of(clean).normalize().startsWith("..")) {
      throw new IllegalArgumentException("a served file needs a path below the login folder, not '"
          + path + "'");
    }
    fixed.put(clean, content);
  }

  void replace(String from, String to) {
    fixed.replaceAll((path, content) -> content.replace(from, to));
  }

  @Override
  public Path getUserHomeDir(SessionContext session) throws IOException {
    return folder();
  }

  @Override
  public synchronized FileSystem createFileSystem(SessionContext session) throws IOException {
    Path root = folder();
    Map<String, String> files = new java.util.HashMap<>(fixed);
    for (Map.Entry<String, String> e : replies.snapshot()) {
      if (isRecordedFile(e.getKey())) {
        files.putIfAbsent(e.getKey(), e.getValue()); // a file the recorder copied (APC: config.ini over SCP)
      }
    }
    if (replies.vendor().equals("procurve")) {
      procurveConfig().ifPresent(config -> {
        files.putIfAbsent("cfg/running-config", config);
        files.putIfAbsent("cfg/startup-config", config);
      });
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = root.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
    }
    return new VirtualFileSystemFactory(root).createFileSystem(session);
  }

  /**
   * True for a recorded entry that is a file copied over SCP, not a line typed: a bare file name
   * or path (no line terminator, no spaces), such as an APC UPS card's {@code config.ini}.
   */
  static boolean isRecordedFile(String key) {
    return key.matches("[\\w.-]+(/[\\w.-]+)*") && key.contains(".");
  }

  /**
   * The configuration file a ProCurve/Aruba-OS switch hands out over SCP: its recorded
   * {@code show running-config} without echo, header, terminal codes, CRs and prompt.
   */
  Optional<String> procurveConfig() {
    ReplaySession session = new ReplaySession(replies);
    if (!session.knows("show running-config")) {
      return Optional.empty();
    }
    String output = session.exec("show running-config").text();
    String text = Terminal.visible(output).replace("\r", "");
    text = text.replaceFirst("^\\s*Running configuration:\\n\\n?", "");
    return Optional.of(text.stripTrailing() + "\n");
  }

  private synchronized Path folder() throws IOException {
    if (dir == null) {
      dir = Files.createTempDirectory("patina-sim-files");
    }
    return dir;
  }

  @Override
  public synchronized void close() throws IOException {
    if (dir == null) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
    dir = null;
  }
}
