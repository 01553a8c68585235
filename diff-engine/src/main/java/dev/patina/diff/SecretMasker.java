package dev.patina.diff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a secret value into {@code <secret:0123456789abcdef>}: the first 16 hex digits (64
 * bits) of its HMAC-SHA256 under a key kept outside the repository. Each device has its own
 * key, derived from the fleet key ({@link #forDevice}), so the same password on two devices
 * gives two unrelated tags, and the repository shows neither the value nor its reuse. On one
 * device the same value always gives the same tag, so a changed password still shows as a diff.
 *
 * <p>Why 64 bits: a tag cannot be checked against a guessed password without the key, so its
 * length only decides how likely two different values are to share a tag and hide a change.
 * With 32 bits that is about even at 77,000 secrets of one device's history, with 64 bits it
 * is about 1 in 10^10 at 50 million; 16 characters still read well in a diff.
 */
public final class SecretMasker {
  private static final int KEY_BYTES = 32;
  /** Hex digits of HMAC in a tag. */
  static final int TAG_HEX = 16;
  /** The key, or null until first use for a device's masker (most artifacts hold no secret). */
  private volatile byte[] key;
  private final SecretMasker parent;
  private final String device;

  private SecretMasker(byte[] key) {
    this.key = key.clone();
    this.parent = null;
    this.device = null;
  }

  private SecretMasker(SecretMasker parent, String device) {
    this.parent = parent;
    this.device = device;
  }

  /** A masker for a key given directly (tests, benchmarks). */
  public static SecretMasker withKey(byte[] key) {
    if (key.length < 16) throw new IllegalArgumentException("secret key must have at least 16 bytes");
    return new SecretMasker(key);
  }

  /** The masker of one device: its key is HMAC(fleet key, "device:" + name). */
  public SecretMasker forDevice(String device) {
    return new SecretMasker(this, device);
  }

  private byte[] key() {
    byte[] k = key;
    if (k == null) {
      k = parent.hmac(("device:" + device).getBytes(StandardCharsets.UTF_8));
      key = k;
    }
    return k;
  }

  /**
   * Reads the key file, or creates it (32 random bytes in hex, owner-only permissions) on first
   * use. The new key is written to a temporary file beside it and moved into place, so a crash
   * never leaves an empty or half-written key.
   */
  public static SecretMasker loadOrCreate(Path keyFile) throws IOException {
    if (!Files.exists(keyFile)) {
      Path parent = keyFile.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      byte[] fresh = new byte[KEY_BYTES];
      new SecureRandom().nextBytes(fresh);
      Path tmp = Files.createTempFile(parent, ".secret-key-", ".tmp");
      try {
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
          // a file system without POSIX permissions: the directory's protection applies
        }
        Files.writeString(tmp, HexFormat.of().formatHex(fresh) + "\n", StandardCharsets.US_ASCII);
        try {
          Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, keyFile);
        }
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        return loadOrCreate(keyFile); // another process wrote it first: use theirs
      } finally {
        Files.deleteIfExists(tmp);
      }
      return loadOrCreate(keyFile); // read back what is on disk, whoever wrote it
    }
    String text;
    try {
      text = Files.readString(keyFile, StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new SecretKeyException("cannot read the secret key " + keyFile + ": " + e.getMessage(), e);
    }
    String whatToDo = "restore it from backup, or delete it to start a new key (every masked secret will "
        + "then show as changed once)";
    if (text.isEmpty()) {
      throw new SecretKeyException("secret key " + keyFile + " is empty; " + whatToDo, null);
    }
    byte[] parsed;
    try {
      parsed = HexFormat.of().parseHex(text);
    } catch (IllegalArgumentException e) {
      throw new SecretKeyException("secret key " + keyFile + " is not hex; " + whatToDo, e);
    }
    if (parsed.length < 16) {
      throw new SecretKeyException("secret key " + keyFile + " has " + parsed.length + " bytes, at least 16 are "
          + "needed; " + whatToDo, null);
    }
    return new SecretMasker(parsed);
  }

  /** An HMAC keyed once: copies of it cost no provider lookup (a config has hundreds of secrets). */
  private volatile Mac keyed;

  private Mac newMac() throws GeneralSecurityException {
    Mac proto = keyed;
    if (proto == null) {
      proto = Mac.getInstance("HmacSHA256");
      proto.init(new SecretKeySpec(key(), "HmacSHA256"));
      keyed = proto;
    }
    try {
      return (Mac) proto.clone();
    } catch (CloneNotSupportedException e) {
      Mac mac = Mac.getInstance("HmacSHA256"); // a provider whose HMAC cannot be copied
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      return mac;
    }
  }

  private byte[] hmac(byte[] data) {
    try {
      return newMac().doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /**
   * A fingerprint of the key that reveals nothing of it: 16 hex digits of HMAC(key, "patina key
   * id"). Two maskers with the same key id mask every value alike.
   */
  public String keyId() {
    return HexFormat.of().formatHex(hmac("patina key id".getBytes(StandardCharsets.UTF_8)), 0, TAG_HEX / 2);
  }

  /** The HMAC of {@code text} under the key, in hex (fingerprints that must not reveal what they cover). */
  public String fingerprint(String text) {
    return HexFormat.of().formatHex(hmac(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code <secret:XXXXXXXXXXXXXXXX>} for {@code value}. */
  public String token(String value) {
    byte[] h = hmac(value.getBytes(StandardCharsets.UTF_8));
    return "<secret:" + HexFormat.of().formatHex(h, 0, TAG_HEX / 2) + ">";
  }
}
