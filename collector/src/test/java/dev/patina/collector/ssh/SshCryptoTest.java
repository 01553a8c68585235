package dev.patina.collector.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SecurityUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Patina's sshj runs on the JDK's providers plus its own small one for what the JDK lacks:
 * the same algorithms are offered as with Bouncy Castle's provider, and the stand-ins compute
 * what Bouncy Castle's provider computes, byte for byte.
 */
class SshCryptoTest {
  /** Every cipher sshj 0.40's DefaultConfig offers when all of them can be made (as with Bouncy Castle registered). */
  private static final List<String> ALL_CIPHERS = List.of("chacha20-poly1305@openssh.com", "aes128-cbc", "aes128-ctr",
      "aes192-cbc", "aes192-ctr", "aes256-cbc", "aes256-ctr", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
      "blowfish-cbc", "blowfish-ctr", "cast128-cbc", "cast128-ctr", "idea-cbc", "idea-ctr", "serpent128-cbc",
      "serpent128-ctr", "serpent192-cbc", "serpent192-ctr", "serpent256-cbc", "serpent256-ctr", "3des-cbc", "3des-ctr",
      "twofish128-cbc", "twofish128-ctr", "twofish192-cbc", "twofish192-ctr", "twofish256-cbc", "twofish256-ctr",
      "twofish-cbc", "arcfour", "arcfour128", "arcfour256");

  /** Bouncy Castle's provider as the reference, made here but never registered. */
  private static final Provider BC = new BouncyCastleProvider();

  @Test
  void sshjOffersEveryCipherItOfferedWithBouncyCastleRegistered() {
    SshCrypto.install();
    assertEquals(ALL_CIPHERS, names(new DefaultConfig().getCipherFactories()));
  }

  @Test
  void patinasConfigurationsOfferTheSameCiphersAsBeforeMinusCbcUnlessLegacy() {
    SshCrypto.install();
    assertEquals(ALL_CIPHERS.stream().filter(n -> !n.endsWith("-cbc")).toList(),
        names(LegacyAlgorithms.config(false).getCipherFactories()));
    assertEquals(ALL_CIPHERS, names(LegacyAlgorithms.config(true).getCipherFactories()));
  }

  @Test
  void everyMacKeyTypeAndCipherOfTheLegacyConfigurationWorksWithoutBouncyCastleRegistered() throws Exception {
    SshCrypto.install();
    DefaultConfig config = LegacyAlgorithms.config(true);
    List<String> failed = new ArrayList<>();
    for (var f : config.getMACFactories()) {
      try {
        var mac = f.create();
        mac.init(new byte[64]);
        mac.update(new byte[] {1, 2, 3});
        mac.doFinal();
      } catch (RuntimeException e) {
        failed.add(f.getName() + ": " + e);
      }
    }
    for (var f : config.getKeyAlgorithms()) {
      try {
        f.create().newSignature();
      } catch (RuntimeException e) {
        failed.add(f.getName() + ": " + e);
      }
    }
    for (var f : config.getCipherFactories()) {
      try {
        var c = f.create();
        c.init(net.schmizz.sshj.transport.cipher.Cipher.Mode.Encrypt, new byte[c.getBlockSize() * 4],
            new byte[Math.max(c.getIVSize(), 0)]);
      } catch (RuntimeException e) {
        failed.add(f.getName() + ": " + e);
      }
    }
    assertEquals(List.of(), failed);
    assertEquals(16, config.getMACFactories().size(), "hmac-md5, -sha1, -sha2-256, -sha2-512, -ripemd160 and their variants");
    assertNull(SecurityUtils.getSecurityProvider(), "sshj asks the JCA without naming a provider: the JDK's come first");
  }

  @Test
  void chachaWithA64BitNonceGivesBouncyCastlesKeyStreamAcrossUpdatesAndInPlace() throws Exception {
    SshCrypto.install();
    Random r = new Random(20261126);
    for (int round = 0; round < 20; round++) {
      byte[] key = bytes(r, 32);
      byte[] nonce = bytes(r, 8);
      byte[] data = bytes(r, 1 + r.nextInt(3000));
      Cipher ours = Cipher.getInstance("CHACHA");
      assertEquals(SshCrypto.PROVIDER, ours.getProvider().getName());
      ours.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "CHACHA"), new IvParameterSpec(nonce));
      Cipher theirs = Cipher.getInstance("CHACHA", BC);
      theirs.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "CHACHA"), new IvParameterSpec(nonce));
      assertArrayEquals(theirs.update(data), inPlaceInPieces(ours, data, r), "round " + round);
    }
  }

  @Test
  void poly1305AndHmacRipemd160GiveBouncyCastlesTags() throws Exception {
    SshCrypto.install();
    Random r = new Random(7);
    for (String name : List.of("POLY1305", "HMACRIPEMD160")) {
      for (int round = 0; round < 20; round++) {
        byte[] key = bytes(r, name.equals("POLY1305") ? 32 : 20 + r.nextInt(60));
        byte[] data = bytes(r, r.nextInt(2000));
        Mac ours = Mac.getInstance(name);
        assertEquals(SshCrypto.PROVIDER, ours.getProvider().getName());
        ours.init(new SecretKeySpec(key, name));
        Mac theirs = Mac.getInstance(name, BC);
        theirs.init(new SecretKeySpec(key, name));
        int cut = data.length / 3;
        ours.update(data, 0, cut);
        ours.update(data, cut, data.length - cut);
        assertArrayEquals(theirs.doFinal(data), ours.doFinal(), name + " round " + round);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Twofish/CBC", "Twofish/CTR", "Serpent/CBC", "Serpent/CTR", "IDEA/CBC", "IDEA/CTR",
      "CAST5/CBC", "CAST5/CTR"})
  void theBlockCiphersTheJdkLacksEncryptAndDecryptAsBouncyCastlesProviderDoes(String cipherAndMode) throws Exception {
    SshCrypto.install();
    String transformation = cipherAndMode + "/NoPadding";
    String algorithm = cipherAndMode.substring(0, cipherAndMode.indexOf('/'));
    Random r = new Random(transformation.hashCode());
    for (int round = 0; round < 10; round++) {
      Cipher ours = Cipher.getInstance(transformation);
      assertEquals(SshCrypto.PROVIDER, ours.getProvider().getName());
      int block = ours.getBlockSize();
      byte[] key = bytes(r, algorithm.equals("IDEA") || algorithm.equals("CAST5") ? 16 : 16 + 8 * r.nextInt(3));
      byte[] iv = bytes(r, block);
      byte[] data = bytes(r, block * (1 + r.nextInt(100)));
      ours.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, algorithm), new IvParameterSpec(iv));
      Cipher theirs = Cipher.getInstance(transformation, BC);
      theirs.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, algorithm), new IvParameterSpec(iv));
      byte[] expected = theirs.update(data);
      byte[] sealed = inPlaceInBlocks(ours, data, block, r);
      assertArrayEquals(expected, sealed, transformation + " round " + round);

      Cipher back = Cipher.getInstance(transformation);
      back.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, algorithm), new IvParameterSpec(iv));
      assertArrayEquals(data, inPlaceInBlocks(back, sealed, block, r), transformation + " round " + round);
    }
  }

  @Test
  void whatTheJdkHasComesFromTheJdkExceptX25519AndEd25519() throws Exception {
    SshCrypto.install();
    assertTrue(Cipher.getInstance("AES/CTR/NoPadding").getProvider().getName().startsWith("SunJCE"));
    assertEquals("SunEC", java.security.KeyFactory.getInstance("X25519").getProvider().getName());
    assertEquals("SunEC", javax.crypto.KeyAgreement.getInstance("ECDH").getProvider().getName());
    assertEquals(SshCrypto.PROVIDER, java.security.KeyPairGenerator.getInstance("X25519").getProvider().getName());
    assertEquals(SshCrypto.PROVIDER, javax.crypto.KeyAgreement.getInstance("X25519").getProvider().getName());
    assertEquals(SshCrypto.PROVIDER, java.security.Signature.getInstance("Ed25519").getProvider().getName());
  }

  @Test
  void x25519AgreesWithTheJdksX25519InBothDirectionsAsSshjUsesIt() throws Exception {
    SshCrypto.install();
    Provider sunEc = java.security.Security.getProvider("SunEC");
    java.security.KeyFactory jdkFactory = java.security.KeyFactory.getInstance("X25519", sunEc);
    for (int round = 0; round < 20; round++) {
      var ours = java.security.KeyPairGenerator.getInstance("X25519").generateKeyPair();
      var theirs = java.security.KeyPairGenerator.getInstance("X25519", sunEc).generateKeyPair();
      // sshj's way: our public key's X.509 form, the peer's raw bytes behind the same prefix
      byte[] ourEncoded = ours.getPublic().getEncoded();
      assertArrayEquals(theirs.getPublic().getEncoded().length == 44 ? java.util.Arrays.copyOf(
          theirs.getPublic().getEncoded(), 12) : null, java.util.Arrays.copyOf(ourEncoded, 12));
      var theirsAsSshjReadsIt = jdkFactory.generatePublic(new java.security.spec.X509EncodedKeySpec(
          theirs.getPublic().getEncoded()));
      javax.crypto.KeyAgreement a = javax.crypto.KeyAgreement.getInstance("X25519");
      a.init(ours.getPrivate());
      a.doPhase(theirsAsSshjReadsIt, true);
      javax.crypto.KeyAgreement b = javax.crypto.KeyAgreement.getInstance("X25519", sunEc);
      b.init(theirs.getPrivate());
      b.doPhase(jdkFactory.generatePublic(new java.security.spec.X509EncodedKeySpec(ourEncoded)), true);
      assertArrayEquals(b.generateSecret(), a.generateSecret(), "round " + round);
      assertEquals(((java.security.interfaces.XECPublicKey) jdkFactory.generatePublic(
          new java.security.spec.X509EncodedKeySpec(ourEncoded))).getU(),
          ((java.security.interfaces.XECPublicKey) ours.getPublic()).getU());
    }
  }

  @Test
  void x25519RefusesAPeerKeyThatGivesAnAllZeroSecret() throws Exception {
    SshCrypto.install();
    var ours = java.security.KeyPairGenerator.getInstance("X25519").generateKeyPair();
    javax.crypto.KeyAgreement a = javax.crypto.KeyAgreement.getInstance("X25519");
    a.init(ours.getPrivate());
    // u = 0, a point of small order: every scalar gives zero
    var zero = java.security.KeyFactory.getInstance("X25519").generatePublic(
        new java.security.spec.XECPublicKeySpec(java.security.spec.NamedParameterSpec.X25519, java.math.BigInteger.ZERO));
    a.doPhase(zero, true);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, a::generateSecret);
  }

  @Test
  void ed25519SignaturesAreTheJdksBothWays() throws Exception {
    SshCrypto.install();
    Provider sunEc = java.security.Security.getProvider("SunEC");
    Random r = new Random(25519);
    for (int round = 0; round < 10; round++) {
      var keys = java.security.KeyPairGenerator.getInstance("Ed25519", sunEc).generateKeyPair();
      byte[] data = bytes(r, r.nextInt(500));
      java.security.Signature jdk = java.security.Signature.getInstance("Ed25519", sunEc);
      jdk.initSign(keys.getPrivate());
      jdk.update(data);
      byte[] jdkSig = jdk.sign();
      java.security.Signature ours = java.security.Signature.getInstance("Ed25519");
      ours.initSign(keys.getPrivate());
      ours.update(data);
      assertArrayEquals(jdkSig, ours.sign(), "Ed25519 is deterministic: the same signature, round " + round);
      ours.initVerify(keys.getPublic());
      ours.update(data);
      assertTrue(ours.verify(jdkSig));
      jdkSig[r.nextInt(jdkSig.length)] ^= 1;
      ours.initVerify(keys.getPublic());
      ours.update(data);
      assertEquals(false, ours.verify(jdkSig), "a changed signature is refused, round " + round);
    }
  }

  @Test
  void ecdsaKeysAreReadByTheJdkUnderBouncyCastlesName() throws Exception {
    SshCrypto.install();
    var pair = java.security.KeyPairGenerator.getInstance("EC");
    pair.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
    var key = (java.security.interfaces.ECPublicKey) pair.generateKeyPair().getPublic();
    byte[] wire = new net.schmizz.sshj.common.Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    var read = new net.schmizz.sshj.common.Buffer.PlainBuffer(wire).readPublicKey();
    assertEquals(key, read);
    assertEquals(SshCrypto.PROVIDER, java.security.KeyFactory.getInstance("ECDSA").getProvider().getName());
  }

  /** sshj's way: the same array in and out, one packet's pieces at a time. */
  private static byte[] inPlaceInPieces(Cipher c, byte[] data, Random r) throws Exception {
    byte[] buf = data.clone();
    int at = 0;
    while (at < buf.length) {
      int n = Math.min(buf.length - at, 1 + r.nextInt(200));
      assertEquals(n, c.update(buf, at, n, buf, at));
      at += n;
    }
    return buf;
  }

  private static byte[] inPlaceInBlocks(Cipher c, byte[] data, int block, Random r) throws Exception {
    byte[] buf = data.clone();
    int at = 0;
    while (at < buf.length) {
      int n = Math.min(buf.length - at, block * (1 + r.nextInt(8)));
      assertEquals(n, c.update(buf, at, n, buf, at));
      at += n;
    }
    return buf;
  }

  private static byte[] bytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static <T> List<String> names(List<Factory.Named<T>> factories) {
    return factories.stream().map(Factory.Named::getName).toList();
  }
}
