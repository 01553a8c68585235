package dev.patina.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credential detector through the normaliser, with no model patterns (the per-model corpus is in collector). */
class CredentialDetectorTest {
  private final SecretMasker masker = SecretMasker.withKey("0123456789abcdef0123456789abcdef".getBytes());
  private final Normalizer normalizer = new Normalizer(masker);

  private String stored(String text) {
    return normalizer.normalize(text, CleanupRules.none(), "sw1");
  }

  @Test
  void aPemPrivateKeyIsMaskedLineByLineAndItsFramingKept() {
    String text = "crypto pki import\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAzq\nQ0FGRUJBQkVDQUZF\n"
        + "-----END RSA PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\nMIIDpublic\n-----END CERTIFICATE-----\n";
    String out = stored(text);
    assertFalse(out.contains("MIIEowIBAAKCAQEAzq") || out.contains("Q0FGRUJBQkVDQUZF"), out);
    assertTrue(out.contains("-----BEGIN RSA PRIVATE KEY-----\n<secret:"), out);
    assertTrue(out.contains("-----END RSA PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\nMIIDpublic\n"), out);
  }

  @Test
  void platformsWithoutABuiltInModelAreMaskedToo() {
    String[][] lines = {
        {"    set psksecret ENC V2ZxSecretFortiPsk==", "V2ZxSecretFortiPsk=="},
        {"    set password ENC SH2ZxFortiAdminHash", "SH2ZxFortiAdminHash"},
        {"configure snmpv3 add user nms authentication sha ExtAuthKey1 privacy aes ExtPrivKey1", "ExtAuthKey1",
            "ExtPrivKey1"},
        {"<phash>$1$zqpalo$AbCdEfGh</phash>", "$1$zqpalo$AbCdEfGh"},
        {"set snmp community PlainComm01", "PlainComm01"},
    };
    for (String[] l : lines) {
      String out = stored(l[0]);
      for (int i = 1; i < l.length; i++) assertFalse(out.contains(l[i]), l[0] + " -> " + out);
    }
    assertEquals("aaa authentication login default local\n", stored("aaa authentication login default local"));
    assertEquals(" ip ospf authentication message-digest\n", stored(" ip ospf authentication message-digest"));
  }

  @Test
  void yamlAndJsonKeysNamingACredentialHaveTheirValueMaskedAndOtherKeysStay() {
    String out = stored("        password: Yaml Pw With Spaces\n  \"smtpPassword\": \"JsonSmtpPw\",\n"
        + "        auth-sha:\n          NvueAuthKey1:\n            encrypt-aes:\n              NvuePrivKey1:\n"
        + "                view: all\n  message-digest-key: 1\n  Authentication: enabled\n  \"requireAuth\": false,\n");
    for (String v : List.of("Yaml Pw With Spaces", "JsonSmtpPw", "NvueAuthKey1", "NvuePrivKey1")) {
      assertFalse(out.contains(v), out);
    }
    assertTrue(out.contains("  \"smtpPassword\": \"<secret:"), out);
    assertTrue(out.contains("                view: all\n  message-digest-key: 1\n  Authentication: enabled\n"
        + "  \"requireAuth\": false,\n"), out);
  }

  @Test
  void namesInCamelCaseOrDottedPathsNameACredentialOfNameValuePairs() {
    String out = stored("DevicePassword=ApcDevPw\nAccessCommunity1=ApcComm\nPasswordRequirements=Strong\n"
        + "service.snmp.query-agent.server.0.community.0.name=GrdComm\nuser.account.0.name=admin\n");
    assertFalse(out.contains("ApcDevPw") || out.contains("ApcComm") || out.contains("GrdComm"), out);
    assertTrue(out.contains("PasswordRequirements=Strong\n") && out.contains("user.account.0.name=admin\n"), out);
  }

  @Test
  void aPrivateKeyQuotedAsAConfigValueEndsAtItsClosingQuote() {
    String out = stored("    set private-key \"-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHzBJBgkqhkiG9w0\n"
        + "-----END ENCRYPTED PRIVATE KEY-----\"\n    set source-ip 0.0.0.0\n");
    assertFalse(out.contains("MIIFHzBJBgkqhkiG9w0") || out.contains("-----END"), out);
    assertTrue(out.endsWith("\"\n    set source-ip 0.0.0.0\n"), out);
  }

  @Test
  void formsWithoutAKeywordAreKnownByTheirCommandAndPlaceholdersAndKeyIdsStay() {
    String out = stored("config netuser add guest1 GuestPw1 wlan 3\nconfig snmp v3user create nms rw hmacsha aescfb128 "
        + "AireAuth1 AirePriv1\nmgmt-user admin root 3f8a2c41d09b7e65a1c2f3e4d5b6a79801234567\n");
    for (String v : List.of("GuestPw1", "AireAuth1", "AirePriv1", "3f8a2c41d09b7e65a1c2f3e4d5b6a79801234567")) {
      assertFalse(out.contains(v), out);
    }
    for (String plain : List.of("# radius-server key ********", "config wlan security wpa akm psk enable 1",
        " hello-password keychain ISIS-KC", " ospf authentication-mode null", "mgmt-user localauth-disable",
        " neighbor 192.0.2.1 send-community both", "set vpn ipsec authentication psk P1 secret <secret:0123456789abcdef>")) {
      assertEquals(plain + "\n", stored(plain));
    }
  }

  @Test
  void aBareAuthenticationStringIsMaskedInsideAnHsrpBlockAndNowhereElse() {
    String text = "router hsrp\n interface Gi0/0/0/1\n  address-family ipv4\n   hsrp 1\n    authentication HsrpXr1\n"
        + "!\ninterface Vlan10\n  hsrp 10\n    authentication HsrpNx1\ninterface Vlan20\n"
        + "  description authentication servers\n";
    String out = stored(text);
    assertFalse(out.contains("HsrpXr1") || out.contains("HsrpNx1"), out);
    assertTrue(out.endsWith("interface Vlan20\n  description authentication servers\n"), out);
    List<String> found = CredentialDetector.standard().unmasked(text).stream()
        .map(f -> f.line() + " " + f.shape()).toList();
    assertEquals(List.of("5     authentication <unmasked>", "9     authentication <unmasked>"), found);
  }

  @Test
  void aFortiOsSnmpCommunityNameIsMaskedAndOtherNamesStay() {
    String text = "config system snmp community\n    edit 1\n        set name \"FgtComm1\"\n        config hosts\n"
        + "            edit 1\n                set ip 192.0.2.5 255.255.255.255\n            next\n        end\n"
        + "    next\nend\nconfig firewall policy\n    edit 1\n        set name \"lan-out\"\n    next\nend\n";
    String out = stored(text);
    assertFalse(out.contains("FgtComm1"), out);
    assertTrue(out.contains("        set name \"<secret:"), out);
    assertTrue(out.contains("        set name \"lan-out\"\n"), out);
    assertEquals(List.of("3         set name \"<unmasked>\""), CredentialDetector.standard().unmasked(text).stream()
        .map(f -> f.line() + " " + f.shape()).toList());
  }

  @Test
  void theNamesInsideAJsonCommunitiesObjectAreMaskedAndNamesAfterItStay() {
    String text = "{\n  \"v1\": {\n    \"communities\": {\n      \"readOnly\": {\n        \"name\": \"EatonRo1\",\n"
        + "        \"enabled\": true\n      }\n    }\n  },\n  \"users\": [\n    {\n      \"name\": \"readonly\"\n";
    String out = stored(text);
    assertFalse(out.contains("EatonRo1"), out);
    assertTrue(out.contains("      \"name\": \"readonly\"\n"), out);
    assertEquals(List.of("5         \"name\": \"<unmasked>\","), CredentialDetector.standard().unmasked(text).stream()
        .map(f -> f.line() + " " + f.shape()).toList());
  }

  @Test
  void maskedTextIsLeftAsItIsWhenMaskedAgain() {
    String once = stored("username a secret 5 $1$abcd$efgh\nsnmp-server user u g v3 auth sha A1 priv aes 128 P1\n"
        + "security wpa psk set-key ascii 0 two words\nradius-server host h key 7 \"x y\" authentication\n");
    assertEquals(once, normalizer.mask(once, "sw1"));
    assertEquals(once, stored(once));
  }

  @Test
  void anSnmpPrivKeyIsMaskedAndItsAlgorithmKeptWhenTheAuthKeyBeforeItIsMaskedAlready() {
    // FastIron "priv encrypted aes VALUE": found by injecting the corpus into a recorded session;
    // patina show masked "aes" (a second pass over stored text), and a model pattern that masks
    // the auth key first left the priv key in clear
    String once = stored("snmp-server user nms NMS v3 encrypted auth sha AuthHex01 priv encrypted aes PrivHex01\n");
    assertTrue(once.matches("snmp-server user nms NMS v3 encrypted auth sha <secret:[0-9a-f]{16}> priv encrypted aes "
        + "<secret:[0-9a-f]{16}>\n"), once);
    assertEquals(once, normalizer.mask(once, "sw1"));
    String authOnly = normalizer.mask("snmp-server user nms NMS v3 encrypted auth sha <secret:0123456789abcdef> "
        + "priv encrypted aes PrivHex01\n", "sw1");
    assertTrue(authOnly.matches("snmp-server user nms NMS v3 encrypted auth sha <secret:0123456789abcdef> priv "
        + "encrypted aes <secret:[0-9a-f]{16}>\n"), authOnly);
  }

  @Test
  void theSamePasswordOnTwoDevicesGivesTwoUnrelatedTags() {
    String a = normalizer.normalize("enable secret 0 Reused1\n", CleanupRules.none(), "sw1");
    String b = normalizer.normalize("enable secret 0 Reused1\n", CleanupRules.none(), "sw2");
    assertNotEquals(a, b);
    assertEquals(a, normalizer.normalize("enable secret 0 Reused1\n", CleanupRules.none(), "sw1"));
    assertTrue(a.matches("enable secret 0 <secret:[0-9a-f]{16}>\n"), a);
  }

  @Test
  void anOldVersionStoredInClearIsMaskedWhenShown() {
    String old = "snmp-server community OldClear RO\nhostname sw1\n";
    String shown = normalizer.mask(old, "sw1");
    assertFalse(shown.contains("OldClear"), shown);
    assertTrue(shown.endsWith("hostname sw1\n"), shown);
    assertEquals(stored(old), shown, "shown as the detector would store it today");
  }

  @Test
  void aModelsNotSecretPatternKeepsItsGroupFromTheDetectorOnly() {
    CleanupRules rules = new CleanupRules(List.of(), List.of(),
        List.of(Pattern.compile("^\\s*key (?<keep>[0-9a-f]+) [07] ")));
    String out = normalizer.normalize(" key 1234abcd 7 0A1B2C3D4E\n", rules, "sw1");
    assertTrue(out.matches(" key 1234abcd 7 <secret:[0-9a-f]{16}>\n"), out);
  }

  @Test
  void aLongLineOfCredentialWordsIsScannedOnceWithoutBacktracking() {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < 20_000; i++) line.append(i % 2 == 0 ? "password " : "standby 1 authentication ");
    line.append("\"unclosed quote ").append("key=\"x ".repeat(5_000));
    String out = stored(line.toString());
    assertTrue(out.startsWith("password <secret:") && !out.contains("standby"), out.substring(0, 200));
  }

  @Test
  void anyMixOfKeywordsQuotesTypeWordsAndBracketsIsReadWithoutFailing() {
    String[] words = {"password", "secret", "key", "auth", "priv", "privacy", "authentication", "community", "sha",
        "md5", "aes", "128", "7", "0", "\"", "\"two words\"", "'", "{", "}", ";", "[", "]", "x=\"", "password=",
        "<password>", "</password>", "<secret:0123456789abcdef>", "$6$", "$9$ab", "://u:p@", "## SECRET-DATA",
        "encrypted-password", "manager", "set-key", "snmp-server", "host", "version", "2c", "standby", "text", "",
        "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----", "=", "==", "\\", "abc="};
    java.util.Random random = new java.util.Random(14);
    StringBuilder text = new StringBuilder();
    for (int line = 0; line < 20_000; line++) {
      int n = random.nextInt(9);
      for (int i = 0; i < n; i++) {
        text.append(words[random.nextInt(words.length)]).append(random.nextInt(4) == 0 ? "" : " ");
      }
      text.append('\n');
    }
    CredentialDetector.standard().unmasked(text.toString()); // throws on a bug: the normaliser would tag the line
    assertFalse(stored(text.toString()).isEmpty());
  }

  @Test
  void anEmptyKeyFileIsAClearErrorNamingTheFileAndWhatToDo(@TempDir Path dir) throws IOException {
    Path key = dir.resolve("secret.key");
    Files.writeString(key, "");
    IOException e = assertThrows(IOException.class, () -> SecretMasker.loadOrCreate(key));
    assertTrue(e.getMessage().contains(key + " is empty") && e.getMessage().contains("restore it from backup"),
        e.getMessage());
  }

  @Test
  void aNewKeyFileIsWrittenWholeWithNoTemporaryFileLeftBeside(@TempDir Path dir) throws IOException {
    Path key = dir.resolve("keys/secret.key");
    SecretMasker.loadOrCreate(key);
    assertEquals(65, Files.size(key), "64 hex digits and a newline");
    try (Stream<Path> files = Files.list(key.getParent())) {
      assertEquals(List.of(key), files.toList());
    }
  }
}
