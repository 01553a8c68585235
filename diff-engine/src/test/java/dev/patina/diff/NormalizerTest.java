package dev.patina.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NormalizerTest {
  private static final CleanupRules IOS = new CleanupRules(
      List.of(Pattern.compile("^! Last configuration change"), Pattern.compile("^ntp clock-period")),
      List.of(Pattern.compile("^enable secret \\d (?<secret>\\S+)"),
          Pattern.compile("^username \\S+ (?:privilege \\d+ )?secret \\d (\\S+)"),
          Pattern.compile("snmp-server community (\\S+)")));

  private final SecretMasker masker = SecretMasker.withKey("0123456789abcdef0123456789abcdef".getBytes());

  @Test
  void volatileLinesAreDroppedAndLineEndingsAndTrailingSpaceCleaned() {
    String raw = "! Last configuration change at 10:01:02 UTC\r\nhostname sw1   \r\nntp clock-period 1234\r\n\r\n\r\n";
    assertEquals("hostname sw1\n", new Normalizer(masker).normalize(raw, IOS));
  }

  @Test
  void secretsAreMaskedWithAStableKeyedTokenAndNoSecretTextRemains() {
    String raw = "enable secret 9 $9$SECRET_ENABLE\nusername admin privilege 15 secret 9 $9$SECRET_ADMIN\n"
        + "snmp-server community public RO\n";
    String once = new Normalizer(masker).normalize(raw, IOS);
    assertFalse(once.contains("SECRET"), once);
    assertFalse(once.contains("public"), once);
    assertTrue(once.startsWith("enable secret 9 <secret:"), once);
    assertEquals(once, new Normalizer(masker).normalize(raw, IOS), "same value, same key: same token");
    assertTrue(once.matches("(?s)enable secret 9 <secret:[0-9a-f]{16}>\n.*"), once);
  }

  @Test
  void aChangedSecretGivesADifferentTokenSoTheDiffShowsIt() {
    Normalizer n = new Normalizer(masker);
    String a = n.normalize("enable secret 9 old-one\n", IOS);
    String b = n.normalize("enable secret 9 new-one\n", IOS);
    assertNotEquals(a, b);
    assertEquals(1, Differ.diff("x", a, b, 3).added());
  }

  @Test
  void anotherKeyGivesAnotherToken() {
    SecretMasker other = SecretMasker.withKey("fedcba9876543210fedcba9876543210".getBytes());
    assertNotEquals(masker.token("s3cr3t"), other.token("s3cr3t"));
  }

  @Test
  void theKeyFileIsCreatedOwnerOnlyAndReusedOnTheNextRun(@TempDir Path dir) throws IOException {
    Path key = dir.resolve("keys/secret.key");
    String first = SecretMasker.loadOrCreate(key).token("x");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertEquals(first, SecretMasker.loadOrCreate(key).token("x"));
  }

  @Test
  void aDamagedKeyFileIsAClearError(@TempDir Path dir) throws IOException {
    Path key = dir.resolve("secret.key");
    Files.writeString(key, "not hex at all");
    IOException e = assertThrows(IOException.class, () -> SecretMasker.loadOrCreate(key));
    assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
  }
}
