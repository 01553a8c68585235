package dev.patina.diff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a secret value into {@code <secret:1a2b3c4d>}: the first 8 hex digits of its
 * HMAC-SHA256 under a key kept outside the repository. The same value always gives the same
 * token, so a changed password still shows as a diff, yet git alone reveals nothing.
 */
public final class SecretMasker {
  private static final int KEY_BYTES = 32;
  private final byte[] key;

  private SecretMasker(byte[] key) {
    this.key = key.clone();
  }

  /** A masker for a key given directly (tests, benchmarks). */
  public static SecretMasker withKey(byte[] key) {
    if (key.length < 16) throw new IllegalArgumentException("secret key must have at least 16 bytes");
    return new SecretMasker(key);
  }

  /** Reads the key file, or creates it (32 random bytes, owner-only permissions) on first use. */
  public static SecretMasker loadOrCreate(Path keyFile) throws IOException {
    if (!Files.exists(keyFile)) {
      Path parent = keyFile.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      byte[] fresh = new byte[KEY_BYTES];
      new SecureRandom().nextBytes(fresh);
      String hex = HexFormat.of().formatHex(fresh) + "\n";
      try {
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(keyFile);
      } catch (FileAlreadyExistsException raced) {
        return loadOrCreate(keyFile);
      }
      Files.writeString(keyFile, hex, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
      return new SecretMasker(fresh);
    }
    String text;
    try {
      text = Files.readString(keyFile, StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new IOException("cannot read the secret key " + keyFile + ": " + e.getMessage(), e);
    }
    byte[] parsed;
    try {
      parsed = HexFormat.of().parseHex(text);
    } catch (IllegalArgumentException e) {
      throw new IOException("secret key " + keyFile + " is not hex; restore it from backup, or delete it to "
          + "start a new key (every masked secret will then show as changed once)");
    }
    if (parsed.length < 16) {
      throw new IOException("secret key " + keyFile + " has " + parsed.length + " bytes, at least 16 are needed");
    }
    return new SecretMasker(parsed);
  }

  /** An HMAC keyed once: copies of it cost no provider lookup (a config has hundreds of secrets). */
  private volatile Mac keyed;

  private Mac newMac() throws GeneralSecurityException {
    Mac proto = keyed;
    if (proto == null) {
      proto = Mac.getInstance("HmacSHA256");
      proto.init(new SecretKeySpec(key, "HmacSHA256"));
      keyed = proto;
    }
    try {
      return (Mac) proto.clone();
    } catch (CloneNotSupportedException e) {
      Mac mac = Mac.getInstance("HmacSHA256"); // a provider whose HMAC cannot be copied
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    }
  }

  /** {@code <secret:XXXXXXXX>} for {@code value}. */
  public String token(String value) {
    try {
      Mac mac = newMac();
      byte[] h = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return "<secret:" + HexFormat.of().formatHex(h, 0, 4) + ">";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
