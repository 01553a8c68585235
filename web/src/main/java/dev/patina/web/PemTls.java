package dev.patina.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A TLS server context from a PEM certificate chain and a PEM (PKCS#8) private key. */
final class PemTls {
  private PemTls() {}

  static SSLContext context(Path certFile, Path keyFile) throws WebConfigException {
    Collection<? extends Certificate> chain;
    try {
      chain = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certFile)));
    } catch (IOException e) {
      throw new WebConfigException("cannot read the TLS certificate " + certFile + ": " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new WebConfigException("the TLS certificate " + certFile + " is not a PEM certificate: " + e.getMessage());
    }
    if (chain.isEmpty()) throw new WebConfigException("the TLS certificate " + certFile + " holds no certificate");
    PrivateKey key = key(keyFile);
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] none = new char[0];
      ks.setKeyEntry("patina", key, none, chain.toArray(Certificate[]::new));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, none);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new WebConfigException("the TLS key " + keyFile + " does not go with the certificate " + certFile + ": "
          + e.getMessage());
    }
  }

  private static PrivateKey key(Path keyFile) throws WebConfigException {
    String pem;
    try {
      pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new WebConfigException("cannot read the TLS key " + keyFile + ": " + e.getMessage());
    }
    if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")
        || pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
      throw new WebConfigException("the TLS key " + keyFile + " must be an unencrypted PKCS#8 PEM key (BEGIN PRIVATE "
          + "KEY); convert it with: openssl pkcs8 -topk8 -nocrypt -in " + keyFile + " -out web.key");
    }
    int b = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int e = pem.indexOf("-----END PRIVATE KEY-----");
    if (b < 0 || e < b) throw new WebConfigException("the TLS key " + keyFile + " holds no PEM private key");
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(b + 27, e));
    for (String alg : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException ignored) {
        // try the next kind
      }
    }
    throw new WebConfigException("the TLS key " + keyFile + " is not an RSA, EC or Ed25519 key");
  }
}
