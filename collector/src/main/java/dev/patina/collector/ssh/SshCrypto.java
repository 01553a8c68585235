package dev.patina.collector.ssh;

import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyFactorySpi;
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
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * sshj on the JDK's own crypto, with Bouncy Castle's plain engines for the few algorithms the
 * JDK lacks.
 *
 * <p>Left alone, sshj registers Bouncy Castle's JCE provider on first use and then takes every
 * algorithm from it. Building that provider (it maps some thousands of algorithm names, most
 * of them post-quantum and certificate schemes SSH never uses) cost a cold {@code patina backup}
 * about a third of its CPU before this class. The JDK has the key exchanges (curve25519, ECDH on
 * the NIST curves, the Diffie-Hellman groups), the host and user key types (Ed25519, ECDSA, RSA,
 * DSA), AES in every mode SSH uses, 3DES, Blowfish, RC4, and the HMACs on MD5, SHA-1 and SHA-2
 * (its AES uses the processor's AES instructions, which Bouncy Castle's does not). What it lacks
 * is served here, by a provider of Patina's own that wraps Bouncy Castle's engines (no provider
 * object of theirs is built): {@code chacha20-poly1305@openssh.com} (sshj asks for "CHACHA",
 * the original 64-bit-nonce ChaCha20, and "POLY1305"), {@code hmac-ripemd160*}, and the Twofish,
 * Serpent, IDEA and CAST-128 ciphers in CBC and CTR; and sshj reads every ECDSA key (host keys,
 * key files) through a KeyFactory it calls "ECDSA", Bouncy Castle's name for what the JDK calls
 * "EC", so that name is passed on to the JDK's. So every algorithm sshj offered before is still
 * offered, in the same order.
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

  /** Poly1305 as a one-time authenticator: the 32-byte key is r and s, r clamped (RFC 8439). */
  static final class Poly1305Spi extends MacSpi {
    private final Poly1305 mac = new Poly1305();

    @Override
    protected int engineGetMacLength() {
      return mac.getMacSize();
    }

    @Override
    protected void engineInit(Key key, AlgorithmParameterSpec params) throws InvalidKeyException {
      byte[] k = raw(key);
      if (k.length != 32) {
        throw new InvalidKeyException("Poly1305 needs a 256-bit key, not " + k.length * 8 + " bits");
      }
      mac.init(new KeyParameter(k));
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

  /** HMAC on RIPEMD-160 (RFC 2286). */
  static final class HmacRipemd160Spi extends MacSpi {
    private final HMac mac = new HMac(new RIPEMD160Digest());

    @Override
    protected int engineGetMacLength() {
      return mac.getMacSize();
    }

    @Override
    protected void engineInit(Key key, AlgorithmParameterSpec params) throws InvalidKeyException {
      mac.init(new KeyParameter(raw(key)));
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
}
