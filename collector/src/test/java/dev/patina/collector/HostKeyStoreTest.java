package dev.patina.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Patina's known_hosts: OpenSSH format, trust on first use, changed keys refused until forgotten. */
class HostKeyStoreTest {
  @TempDir
  Path dir;

  private static PublicKey newKey() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
  }

  @Test
  void theFirstKeyIsRecordedInOpenSshFormatAndThenKnown() throws Exception {
    HostKeyStore store = new HostKeyStore(dir.resolve("state/known_hosts"));
    PublicKey key = newKey();
    assertInstanceOf(HostKeyStore.Recorded.class, store.check("192.0.2.1", 22, key));
    assertInstanceOf(HostKeyStore.Recorded.class, store.check("192.0.2.1", 2222, key));
    assertInstanceOf(HostKeyStore.Known.class, store.check("192.0.2.1", 22, key));
    List<String> lines = Files.readAllLines(dir.resolve("state/known_hosts"));
    assertEquals(2, lines.size());
    assertEquals(true, lines.get(0).startsWith("192.0.2.1 ssh-ed25519 AAAA"));
    assertEquals(true, lines.get(1).startsWith("[192.0.2.1]:2222 ssh-ed25519 AAAA"));
  }

  @Test
  void aChangedKeyIsRefusedWithBothFingerprintsUntilForgotten() throws Exception {
    HostKeyStore store = new HostKeyStore(dir.resolve("known_hosts"));
    PublicKey old = newKey();
    PublicKey replaced = newKey();
    store.check("core-sw1.example.net", 22, old);
    HostKeyStore.Changed changed = assertInstanceOf(HostKeyStore.Changed.class,
        store.check("core-sw1.example.net", 22, replaced));
    assertEquals("ssh-ed25519 " + HostKeyStore.fingerprint(old), changed.expected());
    assertEquals("ssh-ed25519 " + HostKeyStore.fingerprint(replaced), changed.got());
    store.forget("core-sw1.example.net", 22);
    assertInstanceOf(HostKeyStore.Recorded.class, store.check("core-sw1.example.net", 22, replaced));
  }

  @Test
  void anEditOfTheFileByHandOrAnotherProcessIsSeenByTheNextCheck() throws Exception {
    Path file = dir.resolve("known_hosts");
    HostKeyStore store = new HostKeyStore(file);
    PublicKey mine = newKey();
    PublicKey pinnedByHand = newKey();
    PublicKey impostor = newKey();
    assertInstanceOf(HostKeyStore.Recorded.class, store.check("192.0.2.1", 22, mine));
    // an engineer pins another host's key (no newline at the end, as editors sometimes leave it)
    String line = "192.0.2.2 ssh-ed25519 " + java.util.Base64.getEncoder().encodeToString(
        new net.schmizz.sshj.common.Buffer.PlainBuffer().putPublicKey(pinnedByHand).getCompactData());
    Files.writeString(file, Files.readString(file) + "# pinned by hand\n" + line);
    HostKeyStore.Changed changed = assertInstanceOf(HostKeyStore.Changed.class,
        new HostKeyStore(file).check("192.0.2.2", 22, impostor));
    assertEquals("ssh-ed25519 " + HostKeyStore.fingerprint(pinnedByHand), changed.expected());
    assertInstanceOf(HostKeyStore.Known.class, store.check("192.0.2.2", 22, pinnedByHand));
    assertInstanceOf(HostKeyStore.Recorded.class, store.check("192.0.2.3", 22, newKey()));
    List<String> lines = Files.readAllLines(file);
    assertEquals(4, lines.size(), "appended on a line of its own: " + lines);
    assertEquals(true, lines.get(3).startsWith("192.0.2.3 ssh-ed25519 "));
    assertInstanceOf(HostKeyStore.Known.class, store.check("192.0.2.1", 22, mine));
  }
}
