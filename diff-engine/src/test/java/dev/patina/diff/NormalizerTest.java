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

  /**
   * Lines that need nothing are copied in runs, the others one at a time: the result is the same
   * as cleaning each line on its own, whatever the mix of line endings, trailing blanks, dropped
   * and plain lines, and wherever the text ends.
   */
  @Test
  void cleaningInRunsGivesWhatCleaningLineByLineGives() {
    String[] pieces = {"hostname sw1", "interface Gi1/0/1", " description uplink", "", "  ", "!",
        "ntp clock-period 1234", "! Last configuration change at 10:01", "vlan 10 ", "end\t"};
    String[] endings = {"\n", "\r\n", "\r", "  \n"};
    java.util.Random random = new java.util.Random(7);
    Normalizer normalizer = new Normalizer(masker);
    for (int n = 0; n < 3000; n++) {
      StringBuilder raw = new StringBuilder();
      for (int i = random.nextInt(12); i >= 0; i--) {
        raw.append(pieces[random.nextInt(pieces.length)]);
        if (i > 0 || random.nextBoolean()) raw.append(endings[random.nextInt(endings.length)]);
      }
      StringBuilder expected = new StringBuilder();
      for (String line : raw.toString().split("\r\n|\r|\n", -1)) {
        String clean = line.stripTrailing();
        if (clean.startsWith("ntp clock-period") || clean.startsWith("! Last configuration change")) continue;
        expected.append(clean).append('\n');
      }
      String want = expected.toString().replaceAll("\n+$", "");
      want = want.isEmpty() ? "" : want + "\n";
      assertEquals(want, normalizer.normalize(raw.toString(), IOS), () -> "cleaning \"" + raw + "\"");
    }
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
