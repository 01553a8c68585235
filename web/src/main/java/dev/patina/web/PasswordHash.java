package dev.patina.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted slow password hashes (PBKDF2-HMAC-SHA256 from the JDK), written as
 * {@code pbkdf2-sha256:ITERATIONS:SALT:HASH} so the cost can be raised later; and fast SHA-256
 * hashes for API tokens, which are 256 random bits and need no stretching.
 */
public final class PasswordHash {
  /** OWASP's figure for PBKDF2-HMAC-SHA256 (2023). */
  static final int ITERATIONS = 600_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHash() {}

  public static String hash(char[] password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return "pbkdf2-sha256:" + ITERATIONS + ":" + b64(salt) + ":" + b64(derive(password, salt, ITERATIONS));
  }

  /** True when {@code password} matches {@code stored}; compares in constant time. */
  public static boolean verify(char[] password, String stored) {
    String[] p = stored.split(":");
    if (p.length != 4 || !p[0].equals("pbkdf2-sha256")) return false;
    int iterations;
    try {
      iterations = Integer.parseInt(p[1]);
    } catch (NumberFormatException e) {
      return false;
    }
    byte[] salt = Base64.getDecoder().decode(p[2]);
    byte[] expected = Base64.getDecoder().decode(p[3]);
    return MessageDigest.isEqual(expected, derive(password, salt, iterations));
  }

  /** Whether {@code stored} is a well-formed password hash (for the users file's checks). */
  static boolean wellFormed(String stored) {
    String[] p = stored.split(":");
    try {
      return p.length == 4 && p[0].equals("pbkdf2-sha256") && Integer.parseInt(p[1]) >= 10_000
          && Base64.getDecoder().decode(p[2]).length >= 16 && Base64.getDecoder().decode(p[3]).length == 32;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
      try {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      } finally {
        spec.clearPassword();
      }
    } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JVM", e);
    }
  }

  /** A new API token: {@code pat_} and 43 URL-safe characters (256 random bits). */
  public static String newToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return "pat_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Random text for session ids and CSRF tokens. */
  static String random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** {@code sha256:HEX} of a token. */
  public static String tokenHash(String token) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().withoutPadding().encodeToString(b);
  }
}
