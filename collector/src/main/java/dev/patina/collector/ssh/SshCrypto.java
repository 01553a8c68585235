package dev.patina.collector.ssh;

import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyFactorySpi;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.InvalidParameterSpecException;
import java.security.spec.KeySpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.KeyAgreementSpi;
import javax.crypto.MacSpi;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import net.schmizz.sshj.common.SecurityUtils;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.DefaultBufferedBlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.StreamCipher;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.engines.CAST5Engine;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.engines.IDEAEngine;
import org.bouncycastle.crypto.engines.SerpentEngine;
import org.bouncycastle.crypto.engines.TwofishEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * sshj on the JDK's own crypto, with Bouncy Castle's plain engines where the JDK lacks an
 * algorithm or is much slower.
 *
 * <p>Left alone, sshj registers Bouncy Castle's JCE provider on first use and then takes every
 * algorithm from it. Building that provider (it maps some thousands of algorithm names, most
 * of them post-quantum and certificate schemes SSH never uses) cost a cold {@code patina backup}
 * 0.15 to 0.3 s of CPU, with its classes in the AOT cache or not. Now sshj asks the JCA without naming a provider, so the JDK
 * serves the key exchanges on the NIST curves and the Diffie-Hellman groups, ECDSA, RSA and DSA
 * keys, AES in every mode SSH uses (with the processor's AES instructions), 3DES, Blowfish, RC4
 * and the HMACs on MD5, SHA-1 and SHA-2.
 *
 * <p>A provider of Patina's own, first in the JCA's list but answering only to these names,
 * wraps Bouncy Castle's engines (no provider object of theirs is built) for:
 * <ul>
 *   <li>what the JDK lacks: {@code chacha20-poly1305@openssh.com} (sshj asks for "CHACHA", the
 *       original ChaCha20 with a 64-bit nonce, and "POLY1305"), {@code hmac-ripemd160*}, and the
 *       Twofish, Serpent, IDEA and CAST-128 ciphers in CBC and CTR;</li>
 *   <li>X25519 key agreement ({@code curve25519-sha256}) and Ed25519 signatures, which the JDK
 *       has but computes several times slower, once per connection, which a fleet run pays per
 *       device;</li>
 *   <li>the key-factory name "ECDSA" that sshj reads every ECDSA key with (Bouncy Castle's name
 *       for what the JDK calls "EC"), passed on to the JDK's.</li>
 * </ul>
 * So every algorithm sshj offered before is still offered, in the same order.
 */
public final class SshCrypto {
  /** The name of Patina's provider in {@link Security#getProviders()}. */
  public static final String PROVIDER = "Patina-sshj";

  static {
    // before sshj's SecurityUtils decides anything: it registers Bouncy Castle on its first call
    SecurityUtils.setRegisterBouncyCastle(false);
    SecurityUtils.setSecurityProvider(null);
    // First: it answers only to its own few names, so it shadows nothing of the JDK's, and its
    // names still reach it when Bouncy Castle's provider is registered too (the MINA SSHD
    // simulator of patina demo and the tests registers it in the same JVM). Does nothing if it
    // is there already. (Any look-up by provider name, this one included, makes the JDK load
    // every provider its java.security lists; scripts/package keeps that list to the providers
    // the bundled runtime has, or the JDK would build every provider on the class path.)
    Security.insertProviderAt(new GapProvider(), 1);
  }

  private SshCrypto() {}

  /** Makes sure the set-up above has run; call before any use of sshj. Cheap after the first call. */
  public static void install() {
    // the static initialiser does the work, once
  }

  /** The algorithms sshj asks the JCA for by names the JDK does not know, each to a wrapper here. */
  private static final class GapProvider extends Provider {
    GapProvider() {
      super(PROVIDER, "1.0", "Patina: ChaCha20 (64-bit nonce), Poly1305, HMAC-RIPEMD160, Twofish, Serpent, "
          + "IDEA and CAST-128 for sshj, on Bouncy Castle's engines; ECDSA keys to the JDK's EC");
      putService(new Service(this, "Cipher", "CHACHA", ChaChaSpi.class.getName(), null, null) {
        @Override
        public Object newInstance(Object param) {
          return new ChaChaSpi();
        }
      });
      putService(new Service(this, "Mac", "POLY1305", Poly1305Spi.class.getName(), null, null) {
        @Override
        public Object newInstance(Object param) {
          return new Poly1305Spi();
        }
      });
      putService(new Service(this, "Mac", "HMACRIPEMD160", HmacRipemd160Spi.class.getName(), null, null) {
        @Override
        public Object newInstance(Object param) {
          return new HmacRipemd160Spi();
        }
      });
      putService(new Service(this, "KeyFactory", "ECDSA", EcdsaKeyFactorySpi.class.getName(), null, null) {
        @Override
        public Object newInstance(Object param) throws NoSuchAlgorithmException {
          return new EcdsaKeyFactorySpi();
        }
      });
      putService(new Service(this, "KeyPairGenerator", "X25519", X25519KeyPairGeneratorSpi.class.getName(), null, null) {
        @Override
        public Object newInstance(Object param) {
          return new X25519KeyPairGeneratorSpi();
        }
      });
      putService(new Service(this, "KeyAgreement", "X25519", X25519AgreementSpi.class.getName(), null, null) {
        @Override
        public Object newInstance(Object param) {
          return new X25519AgreementSpi();
        }
      });
      putService(new Service(this, "Signature", "Ed25519", Ed25519SignatureSpi.class.getName(), null, null) {
        @Override
        public Object newInstance(Object param) {
          return new Ed25519SignatureSpi();
        }
      });
      block("Twofish", TwofishEngine::new);
      block("Serpent", SerpentEngine::new);
      block("IDEA", IDEAEngine::new);
      block("CAST5", CAST5Engine::new);
    }

    private void block(String name, Supplier<BlockCipher> engine) {
      putService(new Service(this, "Cipher", name, BlockSpi.class.getName(), null, null) {
        @Override
        public Object newInstance(Object param) {
          return new BlockSpi(engine);
        }
      });
    }
  }

  private static byte[] iv(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
    if (params == null) {
      return null;
    }
    if (params instanceof IvParameterSpec iv) {
      return iv.getIV();
    }
    throw new InvalidAlgorithmParameterException("only an IvParameterSpec is understood, not " + params);
  }

  private static IvParameterSpec iv(AlgorithmParameters params) throws InvalidAlgorithmParameterException {
    try {
      return params == null ? null : params.getParameterSpec(IvParameterSpec.class);
    } catch (InvalidParameterSpecException e) {
      throw new InvalidAlgorithmParameterException(e);
    }
  }

  private static byte[] raw(Key key) throws InvalidKeyException {
    byte[] k = key == null ? null : key.getEncoded();
    if (k == null) {
      throw new InvalidKeyException("a key with its raw bytes is needed");
    }
    return k;
  }

  /** Shared by the stream and block ciphers: the JCA's byte[] calls on one engine call. */
  private abstract static class BaseSpi extends CipherSpi {
    abstract int process(byte[] in, int inOff, int len, byte[] out, int outOff) throws ShortBufferException;

    abstract int finish(byte[] out, int outOff) throws IllegalBlockSizeException, ShortBufferException;

    @Override
    protected byte[] engineUpdate(byte[] in, int inOff, int len) {
      byte[] out = new byte[engineGetOutputSize(len)];
      try {
        int n = process(in, inOff, len, out, 0);
        return n == out.length ? out : Arrays.copyOf(out, n);
      } catch (ShortBufferException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    protected int engineUpdate(byte[] in, int inOff, int len, byte[] out, int outOff) throws ShortBufferException {
      return process(in, inOff, len, out, outOff);
    }

    @Override
    protected byte[] engineDoFinal(byte[] in, int inOff, int len) throws IllegalBlockSizeException {
      byte[] out = new byte[engineGetOutputSize(len)];
      try {
        int n = len == 0 ? 0 : process(in, inOff, len, out, 0);
        n += finish(out, n);
        return n == out.length ? out : Arrays.copyOf(out, n);
      } catch (ShortBufferException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    protected int engineDoFinal(byte[] in, int inOff, int len, byte[] out, int outOff)
        throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
      int n = len == 0 ? 0 : process(in, inOff, len, out, outOff);
      return n + finish(out, outOff + n);
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
      return null;
    }

    @Override
    protected void engineInit(int opmode, Key key, SecureRandom random) throws InvalidKeyException {
      try {
        engineInit(opmode, key, (AlgorithmParameterSpec) null, random);
      } catch (InvalidAlgorithmParameterException e) {
        throw new InvalidKeyException(e.getMessage(), e);
      }
    }

    @Override
    protected void engineInit(int opmode, Key key, AlgorithmParameters params, SecureRandom random)
        throws InvalidKeyException, InvalidAlgorithmParameterException {
      engineInit(opmode, key, iv(params), random);
    }
  }

  /** ChaCha20 with a 64-bit nonce and a 64-bit block counter (Bernstein's original), 20 rounds. */
  static final class ChaChaSpi extends BaseSpi {
    private final ChaChaEngine engine = new ChaChaEngine();
    private byte[] iv;

    @Override
    protected void engineSetMode(String mode) throws NoSuchAlgorithmException {
      if (!mode.equalsIgnoreCase("ECB") && !mode.equalsIgnoreCase("NONE")) {
        throw new NoSuchAlgorithmException("ChaCha20 is a stream cipher: no mode " + mode);
      }
    }

    @Override
    protected void engineSetPadding(String padding) throws NoSuchPaddingException {
      if (!padding.equalsIgnoreCase("NoPadding")) {
        throw new NoSuchPaddingException("ChaCha20 is a stream cipher: no padding " + padding);
      }
    }

    @Override
    protected int engineGetBlockSize() {
      return 0;
    }

    @Override
    protected int engineGetOutputSize(int inputLen) {
      return inputLen;
    }

    @Override
    protected byte[] engineGetIV() {
      return iv == null ? null : iv.clone();
    }

    @Override
    protected void engineInit(int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random)
        throws InvalidKeyException, InvalidAlgorithmParameterException {
      byte[] nonce = iv(params);
      if (nonce == null || nonce.length != 8) {
        throw new InvalidAlgorithmParameterException("ChaCha20 (64-bit nonce) needs an 8-byte IV");
      }
      byte[] k = raw(key);
      if (k.length != 32 && k.length != 16) {
        throw new InvalidKeyException("ChaCha20 needs a 128- or 256-bit key, not " + k.length * 8 + " bits");
      }
      this.iv = nonce;
      try {
        engine.init(opmode == Cipher.ENCRYPT_MODE || opmode == Cipher.WRAP_MODE,
            new ParametersWithIV(new KeyParameter(k), nonce));
      } catch (IllegalArgumentException e) {
        throw new InvalidKeyException(e.getMessage(), e);
      }
    }

    @Override
    int process(byte[] in, int inOff, int len, byte[] out, int outOff) throws ShortBufferException {
      if (out.length - outOff < len) {
        throw new ShortBufferException("output buffer too short for " + len + " bytes");
      }
      return engine.processBytes(in, inOff, len, out, outOff);
    }

    @Override
    int finish(byte[] out, int outOff) {
      return 0;
    }
  }

  /**
   * A block cipher in CBC or CTR mode without padding. CTR runs as a stream (any length); CBC
   * takes whole blocks, as SSH packets are.
   */
  static final class BlockSpi extends BaseSpi {
    private final Supplier<BlockCipher> engines;
    private final int blockSize;
    private String mode = "ECB";
    private BufferedBlockCipher blocks;
    private StreamCipher stream;
    private byte[] iv;

    BlockSpi(Supplier<BlockCipher> engines) {
      this.engines = engines;
      this.blockSize = engines.get().getBlockSize();
    }

    @Override
    protected void engineSetMode(String m) throws NoSuchAlgorithmException {
      String u = m.toUpperCase(Locale.ROOT);
      switch (u) {
        case "CBC", "ECB" -> mode = u;
        case "CTR", "SIC" -> mode = "CTR";
        default -> throw new NoSuchAlgorithmException("mode " + m + " is not offered here (CBC, CTR, ECB)");
      }
    }

    @Override
    protected void engineSetPadding(String padding) throws NoSuchPaddingException {
      if (!padding.equalsIgnoreCase("NoPadding")) {
        throw new NoSuchPaddingException("only NoPadding is offered here, not " + padding);
      }
    }

    @Override
    protected int engineGetBlockSize() {
      return blockSize;
    }

    @Override
    protected int engineGetOutputSize(int inputLen) {
      return blocks == null ? inputLen : blocks.getUpdateOutputSize(inputLen) + blockSize;
    }

    @Override
    protected byte[] engineGetIV() {
      return iv == null ? null : iv.clone();
    }

    @Override
    protected void engineInit(int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random)
        throws InvalidKeyException, InvalidAlgorithmParameterException {
      boolean encrypt = opmode == Cipher.ENCRYPT_MODE || opmode == Cipher.WRAP_MODE;
      byte[] ivBytes = iv(params);
      KeyParameter k = new KeyParameter(raw(key));
      if (!mode.equals("ECB") && (ivBytes == null || ivBytes.length != blockSize)) {
        throw new InvalidAlgorithmParameterException(mode + " needs an IV of " + blockSize + " bytes");
      }
      this.iv = ivBytes;
      try {
        BlockCipher engine = engines.get();
        switch (mode) {
          case "CTR" -> {
            StreamCipher s = SICBlockCipher.newInstance(engine);
            s.init(encrypt, new ParametersWithIV(k, ivBytes));
            stream = s;
            blocks = null;
          }
          case "CBC" -> {
            blocks = new DefaultBufferedBlockCipher(CBCBlockCipher.newInstance(engine));
            blocks.init(encrypt, new ParametersWithIV(k, ivBytes));
            stream = null;
          }
          default -> {
            blocks = new DefaultBufferedBlockCipher(engine);
            blocks.init(encrypt, k);
            stream = null;
          }
        }
      } catch (IllegalArgumentException e) {
        throw new InvalidKeyException(e.getMessage(), e);
      }
    }

    @Override
    int process(byte[] in, int inOff, int len, byte[] out, int outOff) throws ShortBufferException {
      try {
        if (stream != null) {
          if (out.length - outOff < len) {
            throw new ShortBufferException("output buffer too short for " + len + " bytes");
          }
          return stream.processBytes(in, inOff, len, out, outOff);
        }
        return blocks.processBytes(in, inOff, len, out, outOff);
      } catch (DataLengthException e) {
        throw new ShortBufferException(e.getMessage());
      }
    }

    @Override
    int finish(byte[] out, int outOff) throws IllegalBlockSizeException, ShortBufferException {
      if (stream != null) {
        return 0;
      }
      try {
        return blocks.doFinal(out, outOff);
      } catch (InvalidCipherTextException | DataLengthException e) {
        throw new IllegalBlockSizeException(e.getMessage());
      }
    }
  }

  /** X.509 SubjectPublicKeyInfo of an X25519 key, up to the 32 raw bytes (RFC 8410). */
  private static final byte[] X25519_SPKI = hex("302a300506032b656e032100");
  /** The same for Ed25519. */
  private static final byte[] ED25519_SPKI = hex("302a300506032b6570032100");
  /** PKCS#8 (version 0, no public key) of an X25519 key, up to the 32 raw bytes. */
  private static final byte[] X25519_PKCS8 = hex("302e020100300506032b656e04220420");
  /** The same for Ed25519. */
  private static final byte[] ED25519_PKCS8 = hex("302e020100300506032b657004220420");

  private static byte[] hex(String h) {
    return java.util.HexFormat.of().parseHex(h);
  }

  /** The 32 raw bytes of a public key given in X.509 form with the expected prefix. */
  private static byte[] rawPublic(Key key, byte[] prefix, String what) throws InvalidKeyException {
    byte[] enc = key == null ? null : key.getEncoded();
    if (enc == null || enc.length != prefix.length + 32 || !"X.509".equals(key.getFormat())
        || !Arrays.equals(enc, 0, prefix.length, prefix, 0, prefix.length)) {
      throw new InvalidKeyException("not an " + what + " public key: " + (key == null ? null : key.getAlgorithm()));
    }
    return Arrays.copyOfRange(enc, prefix.length, enc.length);
  }

  /** The 32 raw bytes of a private key: the JDK's own classes, or PKCS#8 with the expected prefix. */
  private static byte[] rawPrivate(Key key, byte[] prefix, String what) throws InvalidKeyException {
    if (key instanceof java.security.interfaces.EdECPrivateKey ed && ed.getBytes().isPresent()) {
      return ed.getBytes().get();
    }
    if (key instanceof java.security.interfaces.XECPrivateKey x && x.getScalar().isPresent()) {
      return x.getScalar().get();
    }
    byte[] enc = key == null ? null : key.getEncoded();
    if (enc == null || enc.length != prefix.length + 32 || !"PKCS#8".equals(key.getFormat())
        || !Arrays.equals(enc, 0, prefix.length, prefix, 0, prefix.length)) {
      throw new InvalidKeyException("not an " + what + " private key: " + (key == null ? null : key.getAlgorithm()));
    }
    return Arrays.copyOfRange(enc, prefix.length, enc.length);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** An X25519 public key: the raw u-coordinate, encoded as X.509 as the JDK's are. */
  record X25519PublicKey(byte[] raw) implements java.security.interfaces.XECPublicKey {
    @Override
    public String getAlgorithm() {
      return "XDH";
    }

    @Override
    public String getFormat() {
      return "X.509";
    }

    @Override
    public byte[] getEncoded() {
      return concat(X25519_SPKI, raw);
    }

    @Override
    public java.math.BigInteger getU() {
      byte[] be = new byte[32];
      for (int i = 0; i < 32; i++) {
        be[i] = raw[31 - i];
      }
      be[0] &= 0x7f; // RFC 7748: the top bit of the last byte is ignored
      return new java.math.BigInteger(1, be);
    }

    @Override
    public AlgorithmParameterSpec getParams() {
      return java.security.spec.NamedParameterSpec.X25519;
    }
  }

  /** An X25519 private key: the raw scalar, encoded as PKCS#8 as the JDK's are. */
  record X25519PrivateKey(byte[] raw) implements java.security.interfaces.XECPrivateKey {
    @Override
    public String getAlgorithm() {
      return "XDH";
    }

    @Override
    public String getFormat() {
      return "PKCS#8";
    }

    @Override
    public byte[] getEncoded() {
      return concat(X25519_PKCS8, raw);
    }

    @Override
    public java.util.Optional<byte[]> getScalar() {
      return java.util.Optional.of(raw.clone());
    }

    @Override
    public AlgorithmParameterSpec getParams() {
      return java.security.spec.NamedParameterSpec.X25519;
    }
  }

  /**
   * X25519 key pairs (RFC 7748) on Bouncy Castle's plain code: the JDK's is about three times
   * slower for the one key pair and agreement of each connection (measured warm on this machine:
   * 0.7 against 0.2 ms), which a fleet run pays per device.
   */
  static final class X25519KeyPairGeneratorSpi extends KeyPairGeneratorSpi {
    private SecureRandom random;

    @Override
    public void initialize(int keysize, SecureRandom random) {
      if (keysize != 255 && keysize != 256) {
        throw new java.security.InvalidParameterException("X25519 keys have 255 bits, not " + keysize);
      }
      this.random = random;
    }

    @Override
    public void initialize(AlgorithmParameterSpec params, SecureRandom random) throws InvalidAlgorithmParameterException {
      if (params != null && !(params instanceof java.security.spec.NamedParameterSpec n && n.getName().equalsIgnoreCase("X25519"))) {
        throw new InvalidAlgorithmParameterException("only X25519 is offered here");
      }
      this.random = random;
    }

    @Override
    public KeyPair generateKeyPair() {
      X25519PrivateKeyParameters sk = new X25519PrivateKeyParameters(random != null ? random : Randomness.SOURCE);
      return new KeyPair(new X25519PublicKey(sk.generatePublicKey().getEncoded()), new X25519PrivateKey(sk.getEncoded()));
    }
  }

  /** One SecureRandom for the key pairs made here, made when first needed. */
  private static final class Randomness {
    static final SecureRandom SOURCE = new SecureRandom();
  }

  /** The X25519 function of RFC 7748 on Bouncy Castle's plain code; an all-zero result is refused. */
  static final class X25519AgreementSpi extends KeyAgreementSpi {
    private byte[] privateKey;
    private byte[] peer;

    @Override
    protected void engineInit(Key key, SecureRandom random) throws InvalidKeyException {
      privateKey = rawPrivate(key, X25519_PKCS8, "X25519");
      peer = null;
    }

    @Override
    protected void engineInit(Key key, AlgorithmParameterSpec params, SecureRandom random) throws InvalidKeyException {
      engineInit(key, random);
    }

    @Override
    protected Key engineDoPhase(Key key, boolean lastPhase) throws InvalidKeyException {
      if (privateKey == null) {
        throw new IllegalStateException("not initialised");
      }
      if (!lastPhase) {
        throw new IllegalStateException("X25519 has one phase");
      }
      peer = rawPublic(key, X25519_SPKI, "X25519");
      return null;
    }

    @Override
    protected byte[] engineGenerateSecret() {
      byte[] out = new byte[32];
      engineGenerateSecret(out, 0);
      return out;
    }

    @Override
    protected int engineGenerateSecret(byte[] sharedSecret, int offset) {
      if (peer == null) {
        throw new IllegalStateException("no peer key: doPhase first");
      }
      X25519Agreement agreement = new X25519Agreement();
      agreement.init(new X25519PrivateKeyParameters(privateKey));
      agreement.calculateAgreement(new X25519PublicKeyParameters(peer), sharedSecret, offset); // throws on all zero
      peer = null;
      return 32;
    }

    @Override
    protected javax.crypto.SecretKey engineGenerateSecret(String algorithm) throws NoSuchAlgorithmException {
      if (!algorithm.equalsIgnoreCase("TlsPremasterSecret") && !algorithm.equalsIgnoreCase("Generic")) {
        throw new NoSuchAlgorithmException("only raw secrets are made here, not " + algorithm);
      }
      return new javax.crypto.spec.SecretKeySpec(engineGenerateSecret(), algorithm);
    }
  }

  /**
   * Ed25519 signatures (RFC 8032, pure) on Bouncy Castle's plain code, for keys in X.509 and
   * PKCS#8 form such as the JDK's key factory makes: the JDK's verifies about ten times slower
   * (measured warm on this machine: 2 against 0.2 ms), once per connection to a device with an
   * Ed25519 host key.
   */
  static final class Ed25519SignatureSpi extends java.security.SignatureSpi {
    private final Ed25519Signer signer = new Ed25519Signer();

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
      signer.init(false, new Ed25519PublicKeyParameters(rawPublic(publicKey, ED25519_SPKI, "Ed25519")));
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
      signer.init(true, new Ed25519PrivateKeyParameters(rawPrivate(privateKey, ED25519_PKCS8, "Ed25519")));
    }

    @Override
    protected void engineUpdate(byte b) {
      signer.update(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) {
      signer.update(b, off, len);
    }

    @Override
    protected byte[] engineSign() {
      return signer.generateSignature();
    }

    @Override
    protected boolean engineVerify(byte[] sigBytes) {
      return signer.verifySignature(sigBytes);
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
      throw new java.security.InvalidParameterException("Ed25519 takes no parameters");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
      throw new java.security.InvalidParameterException("Ed25519 takes no parameters");
    }
  }

  /** The JDK's "EC" key factory under Bouncy Castle's name "ECDSA", which sshj asks for. */
  static final class EcdsaKeyFactorySpi extends KeyFactorySpi {
    private final KeyFactory ec;

    EcdsaKeyFactorySpi() throws NoSuchAlgorithmException {
      this.ec = KeyFactory.getInstance("EC");
    }

    @Override
    protected PublicKey engineGeneratePublic(KeySpec keySpec) throws InvalidKeySpecException {
      return ec.generatePublic(keySpec);
    }

    @Override
    protected PrivateKey engineGeneratePrivate(KeySpec keySpec) throws InvalidKeySpecException {
      return ec.generatePrivate(keySpec);
    }

    @Override
    protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> keySpec) throws InvalidKeySpecException {
      return ec.getKeySpec(key, keySpec);
    }

    @Override
    protected Key engineTranslateKey(Key key) throws InvalidKeyException {
      return ec.translateKey(key);
    }
  }

  /** A JCE MAC over one of Bouncy Castle's plain MACs. */
  private abstract static class BcMacSpi extends MacSpi {
    private final org.bouncycastle.crypto.Mac mac;

    BcMacSpi(org.bouncycastle.crypto.Mac mac) {
      this.mac = mac;
    }

    /** The key as the MAC takes it, after the checks it needs. */
    byte[] key(Key key) throws InvalidKeyException {
      return raw(key);
    }

    @Override
    protected int engineGetMacLength() {
      return mac.getMacSize();
    }

    @Override
    protected void engineInit(Key key, AlgorithmParameterSpec params) throws InvalidKeyException {
      mac.init(new KeyParameter(key(key)));
    }

    @Override
    protected void engineUpdate(byte input) {
      mac.update(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
      mac.update(input, offset, len);
    }

    @Override
    protected byte[] engineDoFinal() {
      byte[] out = new byte[mac.getMacSize()];
      mac.doFinal(out, 0);
      return out;
    }

    @Override
    protected void engineReset() {
      mac.reset();
    }
  }

  /** Poly1305 as a one-time authenticator: the 32-byte key is r and s, r clamped (RFC 8439). */
  static final class Poly1305Spi extends BcMacSpi {
    Poly1305Spi() {
      super(new Poly1305());
    }

    @Override
    byte[] key(Key key) throws InvalidKeyException {
      byte[] k = raw(key);
      if (k.length != 32) {
        throw new InvalidKeyException("Poly1305 needs a 256-bit key, not " + k.length * 8 + " bits");
      }
      return k;
    }
  }

  /** HMAC on RIPEMD-160 (RFC 2286). */
  static final class HmacRipemd160Spi extends BcMacSpi {
    HmacRipemd160Spi() {
      super(new HMac(new RIPEMD160Digest()));
    }
  }
}
