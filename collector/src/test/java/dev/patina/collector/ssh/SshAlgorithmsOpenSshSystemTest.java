package dev.patina.collector.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.collector.HostKeyStore;
import dev.patina.collector.TestDevices;
import dev.patina.inventory.Device;
import dev.patina.sim.os.OpenSshd;
import dev.patina.sim.os.SystemProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.common.SecurityUtils;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Patina's SSH client (sshj on the JDK's crypto, {@link SshCrypto}) against Debian's real
 * OpenSSH sshd, one algorithm at a time: sshd is told to offer only that cipher, MAC, key
 * exchange, host key type or client key, so the login and a command succeed only if Patina
 * speaks it. Legacy rows need {@code legacy-ssh: true}, as on a device.
 */
class SshAlgorithmsOpenSshSystemTest {
  @TempDir
  Path tmp;

  @ParameterizedTest(name = "{0} {1} (legacy-ssh {2})")
  @CsvSource({
      "Ciphers, chacha20-poly1305@openssh.com, false",
      "Ciphers, aes128-ctr, false",
      "Ciphers, aes192-ctr, false",
      "Ciphers, aes256-ctr, false",
      "Ciphers, aes128-gcm@openssh.com, false",
      "Ciphers, aes256-gcm@openssh.com, false",
      "Ciphers, aes256-cbc, true",
      "Ciphers, 3des-cbc, true",
      "MACs, hmac-sha2-256-etm@openssh.com, false",
      "MACs, hmac-sha2-512-etm@openssh.com, false",
      "MACs, hmac-sha2-256, false",
      "MACs, hmac-sha2-512, false",
      "MACs, hmac-sha1-etm@openssh.com, false",
      "MACs, hmac-sha1, false",
      "KexAlgorithms, curve25519-sha256, false",
      "KexAlgorithms, curve25519-sha256@libssh.org, false",
      "KexAlgorithms, ecdh-sha2-nistp256, false",
      "KexAlgorithms, ecdh-sha2-nistp384, false",
      "KexAlgorithms, ecdh-sha2-nistp521, false",
      "KexAlgorithms, diffie-hellman-group-exchange-sha256, false",
      "KexAlgorithms, diffie-hellman-group14-sha256, false",
      "KexAlgorithms, diffie-hellman-group16-sha512, false",
      "KexAlgorithms, diffie-hellman-group18-sha512, false",
      "KexAlgorithms, diffie-hellman-group14-sha1, true",
      "KexAlgorithms, diffie-hellman-group1-sha1, true",
      "HostKeyAlgorithms, ssh-ed25519, false",
      "HostKeyAlgorithms, ecdsa-sha2-nistp256, false",
      "HostKeyAlgorithms, ecdsa-sha2-nistp384, false",
      "HostKeyAlgorithms, ecdsa-sha2-nistp521, false",
      "HostKeyAlgorithms, rsa-sha2-512, false",
      "HostKeyAlgorithms, rsa-sha2-256, false",
      "HostKeyAlgorithms, ssh-rsa, true",
  })
  void patinaLogsInAndRunsACommandWhenSshdOffersOnly(String keyword, String algorithm, boolean legacy) throws Exception {
    Path dir = tmp.resolve("sshd");
    Files.createDirectories(dir);
    List<String> extra = new ArrayList<>();
    // the one algorithm; MACs only matter with a cipher that has no tag of its own
    extra.add(keyword + " " + algorithm);
    if (keyword.equals("MACs")) {
      extra.add("Ciphers aes128-ctr");
    }
    if (keyword.equals("HostKeyAlgorithms")) {
      for (String type : List.of("ecdsa-256", "ecdsa-384", "ecdsa-521", "rsa-3072")) {
        extra.add("HostKey " + keygen(dir, "host_" + type, type, null, false));
      }
    }
    try (OpenSshd sshd = OpenSshd.start(dir, extra)) {
      assertEquals("patina says hello", login(sshd, sshd.clientKey(), null, legacy), sshd.log());
    }
  }

  @ParameterizedTest(name = "{0} key, {1} format, passphrase {2}")
  @CsvSource({
      "ed25519, openssh, false",
      "ed25519, openssh, true",
      "ecdsa-256, openssh, false",
      "ecdsa-384, PEM, false",
      "ecdsa-521, PKCS8, false",
      "rsa-3072, openssh, true",
      "rsa-3072, PEM, false",
      "rsa-3072, PEM, true",
      "rsa-3072, PKCS8, false",
      "ecdsa-256, PKCS8, true",
      "ecdsa-256, PEM, true",
  })
  void patinaLogsInWithAPrivateKeyFile(String type, String format, boolean passphrase) throws Exception {
    Path dir = tmp.resolve("sshd");
    Files.createDirectories(dir);
    String secret = passphrase ? "device-secret" : null;
    Path key = keygen(dir, "client_" + type + "_" + format, type, secret, !format.equals("openssh"));
    if (!format.equals("openssh")) {
      convert(key, format, secret);
    }
    try (OpenSshd sshd = OpenSshd.start(dir, List.of())) {
      Files.writeString(dir.resolve("authorized_keys"), Files.readString(key.resolveSibling(key.getFileName() + ".pub")),
          StandardOpenOption.APPEND);
      assertEquals("patina says hello", login(sshd, key, secret, false), sshd.log());
    }
  }

  private String login(OpenSshd sshd, Path key, String password, boolean legacy) throws Exception {
    Device t = TestDevices.device("real-host", sshd.host(), sshd.port(), "linux", OpenSshd.user(), password, null,
        key, legacy, Map.of());
    try (SshLink link = SshLink.open(t, new HostKeyStore(tmp.resolve("known_hosts")), Duration.ofSeconds(10),
        Duration.ofSeconds(10))) {
      assertNull(SecurityUtils.getSecurityProvider(), "sshj took its algorithms from the default provider order");
      return link.exec("echo patina says hello").strip();
    }
  }

  /** ssh-keygen of TYPE-BITS (ed25519 has no bits) into dir/name, in OpenSSH's format. */
  private static Path keygen(Path dir, String name, String typeBits, String passphrase, boolean forConversion)
      throws IOException, InterruptedException {
    Path file = dir.resolve(name);
    String[] tb = typeBits.split("-");
    List<String> cmd = new ArrayList<>(List.of(SystemProgram.need("ssh-keygen", "openssh-client").toString(),
        "-q", "-t", tb[0], "-N", passphrase == null || forConversion ? "" : passphrase, "-C", "patina-test",
        "-f", file.toString()));
    if (tb.length > 1) {
      cmd.addAll(List.of("-b", tb[1]));
    }
    run(cmd);
    assertTrue(Files.exists(file), "ssh-keygen wrote " + file);
    return file;
  }

  /** Rewrites a private key file in place as PEM (the traditional format) or PKCS8, with a passphrase if given. */
  private static void convert(Path key, String format, String passphrase) throws IOException, InterruptedException {
    run(List.of(SystemProgram.need("ssh-keygen", "openssh-client").toString(), "-q", "-p", "-f", key.toString(),
        "-m", format, "-P", "", "-N", passphrase == null ? "" : passphrase));
    String head = Files.readString(key).lines().findFirst().orElse("");
    assertTrue(head.startsWith("-----BEGIN") && !head.contains("OPENSSH"), "converted to " + format + ": " + head);
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
  }
}
