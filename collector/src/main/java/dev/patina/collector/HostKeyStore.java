package dev.patina.collector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

  /** One lock per file, shared by every store on it in this JVM (the app creates stores freely). */
  private static final java.util.concurrent.ConcurrentMap<Path, Object> LOCKS =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Path file;
  private final Object lock;

  public HostKeyStore(Path knownHostsFile) {
    this.file = knownHostsFile;
    this.lock = LOCKS.computeIfAbsent(knownHostsFile.toAbsolutePath().normalize(), k -> new Object());
  }

  /** The known_hosts file. */
  public Path file() {
    return file;
  }

  /** Checks {@code key} for host:port, recording it when the host is new. */
  public Verdict check(String host, int port, PublicKey key) throws IOException {
    synchronized (lock) {
      return checkLocked(host, port, key);
    }
  }

  private Verdict checkLocked(String host, int port, PublicKey key) throws IOException {
    String pattern = pattern(host, port);
    String type = KeyType.fromKey(key).toString();
    String blob = Base64.getEncoder().encodeToString(blob(key));
    List<String[]> onRecord = entries().stream().filter(e -> e[0].equals(pattern)).toList();
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
    List<String> lines = lines();
    lines.add(pattern + " " + type + " " + blob);
    write(lines);
    return new Recorded(fingerprint(blob(key)));
  }

  /** Forgets every key of host:port, so that the next connection records the new one. */
  public void forget(String host, int port) {
    String pattern = pattern(host, port);
    synchronized (lock) {
      forgetLocked(pattern);
    }
  }

  private void forgetLocked(String pattern) {
    try {
      List<String> kept = lines().stream()
          .filter(l -> !pattern.equals(l.strip().split("\\s+")[0])).toList();
      write(new ArrayList<>(kept));
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

  private List<String[]> entries() throws IOException {
    List<String[]> out = new ArrayList<>();
    for (String l : lines()) {
      String[] f = l.strip().split("\\s+");
      if (f.length >= 3 && !f[0].startsWith("#")) {
        for (String name : f[0].split(",")) {
          out.add(new String[] {name, f[1], f[2]});
        }
      }
    }
    return out;
  }

  private List<String> lines() throws IOException {
    return Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
        : new ArrayList<>();
  }

  private void write(List<String> lines) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".known_hosts", ".tmp");
    Files.write(tmp, lines, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
