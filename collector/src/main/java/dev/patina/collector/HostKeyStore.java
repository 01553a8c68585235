package dev.patina.collector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/**
 * Trust on first use: Patina's own known_hosts file (OpenSSH format, {@code host} or
 * {@code [host]:port}, key type, base64 key); a changed key is refused unless forgotten explicitly.
 * The file is parsed once and kept, re-read only when it changes; new hosts are appended.
 */
public final class HostKeyStore {
  /** What the store says about a presented key. */
  public sealed interface Verdict {}

  /** The key is the one on record. */
  public record Known() implements Verdict {}

  /** Nothing was on record; the key is now. */
  public record Recorded(String fingerprint) implements Verdict {}

  /** Another key is on record: refused, nothing written. */
  public record Changed(String expected, String got) implements Verdict {}

  /**
   * One parsed copy per file, shared by every store on it in this JVM (the app creates stores
   * freely) and locked through its mutex: re-read only when the file's size or time changed (edited by
   * hand, or by another process), so a fleet run does not parse the file once per device.
   */
  private static final class Parsed {
    /**
     * A ReentrantLock, not synchronized: on Java 21 a virtual thread blocked entering a monitor
     * stays pinned to its carrier thread, so 64 devices connecting at once could hold every
     * carrier; a virtual thread waiting for this lock unmounts and frees its carrier.
     */
    final java.util.concurrent.locks.ReentrantLock mutex = new java.util.concurrent.locks.ReentrantLock();
    FileTime time;
    long size = -1;
    List<String[]> entries = new ArrayList<>();
    java.util.Map<String, List<String[]>> byHost = new java.util.HashMap<>();
  }

  private static final java.util.concurrent.ConcurrentMap<Path, Parsed> FILES =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Path file;
  private final Parsed lock;

  public HostKeyStore(Path knownHostsFile) {
    dev.patina.collector.ssh.SshCrypto.install(); // keys are read with sshj: its crypto set up first
    this.file = knownHostsFile;
    this.lock = FILES.computeIfAbsent(knownHostsFile.toAbsolutePath().normalize(), k -> new Parsed());
  }

  /** The known_hosts file. */
  public Path file() {
    return file;
  }

  /** Checks {@code key} for host:port, recording it when the host is new. */
  public Verdict check(String host, int port, PublicKey key) throws IOException {
    lock.mutex.lock();
    try {
      return checkLocked(host, port, key);
    } finally {
      lock.mutex.unlock();
    }
  }

  private Verdict checkLocked(String host, int port, PublicKey key) throws IOException {
    String pattern = pattern(host, port);
    String type = KeyType.fromKey(key).toString();
    String blob = Base64.getEncoder().encodeToString(blob(key));
    List<String[]> onRecord = current().byHost.getOrDefault(pattern, List.of());
    for (String[] e : onRecord) {
      if (e[1].equals(type) && e[2].equals(blob)) {
        return new Known();
      }
    }
    if (!onRecord.isEmpty()) {
      String[] first = onRecord.getFirst();
      return new Changed(first[1] + " " + fingerprint(Base64.getDecoder().decode(first[2])),
          type + " " + fingerprint(blob(key)));
    }
    append(pattern + " " + type + " " + blob);
    return new Recorded(fingerprint(blob(key)));
  }

  /** Forgets every key of host:port, so that the next connection records the new one. */
  public void forget(String host, int port) {
    String pattern = pattern(host, port);
    lock.mutex.lock();
    try {
      forgetLocked(pattern);
    } finally {
      lock.mutex.unlock();
    }
  }

  private void forgetLocked(String pattern) {
    try {
      List<String> kept = lines().stream()
          .filter(l -> !pattern.equals(l.strip().split("\\s+")[0])).toList();
      write(new ArrayList<>(kept));
      lock.size = -1;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot update " + file + ": " + e.getMessage(), e);
    }
  }

  /** OpenSSH's fingerprint of a key: "SHA256:" and the unpadded base64 SHA-256 of its blob. */
  public static String fingerprint(PublicKey key) {
    return fingerprint(blob(key));
  }

  private static String fingerprint(byte[] blob) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] blob(PublicKey key) {
    return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
  }

  private static String pattern(String host, int port) {
    return port == 22 ? host : "[" + host + "]:" + port;
  }

  /** The parsed file, re-read when it changed on disk; call with the lock held. */
  private Parsed current() throws IOException {
    if (!Files.exists(file)) {
      lock.size = 0;
      lock.time = null;
      lock.byHost = new java.util.HashMap<>();
      return lock;
    }
    FileTime time = Files.getLastModifiedTime(file);
    long size = Files.size(file);
    if (size == lock.size && time.equals(lock.time)) return lock;
    java.util.Map<String, List<String[]>> byHost = new java.util.HashMap<>();
    for (String l : lines()) add(byHost, l);
    lock.byHost = byHost;
    lock.size = size;
    lock.time = time;
    return lock;
  }

  private static void add(java.util.Map<String, List<String[]>> byHost, String line) {
    String[] f = line.strip().split("\\s+");
    if (f.length < 3 || f[0].startsWith("#")) return;
    for (String name : f[0].split(",")) {
      byHost.computeIfAbsent(name, k -> new ArrayList<>()).add(new String[] {name, f[1], f[2]});
    }
  }

  /** Appends one host's line to the file and to the parsed copy. */
  private void append(String line) throws IOException {
    // the whole file again, atomically: an append cut by a full disk would leave half a key line
    Files.createDirectories(file.toAbsolutePath().getParent());
    byte[] old = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    boolean needsNewline = old.length > 0 && old[old.length - 1] != '\n';
    byte[] add = ((needsNewline ? "\n" : "") + line + "\n").getBytes(StandardCharsets.UTF_8);
    dev.patina.files.SafeFile.write(file, out -> {
      out.write(old);
      out.write(add);
    }, "the known hosts file", null);
    add(lock.byHost, line);
    lock.size = Files.size(file);
    lock.time = Files.getLastModifiedTime(file);
  }

  private List<String> lines() throws IOException {
    return Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
        : new ArrayList<>();
  }

  private void write(List<String> lines) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    StringBuilder text = new StringBuilder();
    for (String l : lines) text.append(l).append('\n');
    dev.patina.files.SafeFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8), "the known hosts file");
  }
}
