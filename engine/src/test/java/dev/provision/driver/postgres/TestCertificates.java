package dev.provision.driver.postgres;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority and a server certificate it signed for {@code 127.0.0.1} and
 * {@code localhost}, as PEM text, for TLS tests. Test code only: EC P-256, valid one day.
 */
final class TestCertificates {
  final String caPem;
  final String serverCertPem;
  final String serverKeyPem;

  private TestCertificates(String caPem, String serverCertPem, String serverKeyPem) {
    this.caPem = caPem;
    this.serverCertPem = serverCertPem;
    this.serverKeyPem = serverKeyPem;
  }

  static TestCertificates create() {
    try {
      KeyPair ca = keyPair();
      X500Name caName = new X500Name("CN=provision test CA");
      X509CertificateHolder caCert =
          new JcaX509v3CertificateBuilder(
                  caName, BigInteger.ONE, from(), until(), caName, ca.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .build(signer(ca));
      KeyPair server = keyPair();
      GeneralNames names =
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")
              });
      X509CertificateHolder serverCert =
          new JcaX509v3CertificateBuilder(
                  caName,
                  BigInteger.TWO,
                  from(),
                  until(),
                  new X500Name("CN=localhost"),
                  server.getPublic())
              .addExtension(Extension.subjectAlternativeName, false, names)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .build(signer(ca));
      return new TestCertificates(
          pem(caCert),
          pem(serverCert),
          pem(new JcaPKCS8Generator(server.getPrivate(), null).generate()));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make test certificates", e);
    }
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static org.bouncycastle.operator.ContentSigner signer(KeyPair key)
      throws OperatorCreationException {
    return new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
  }

  private static Date from() {
    return Date.from(Instant.now().minus(Duration.ofHours(1)));
  }

  private static Date until() {
    return Date.from(Instant.now().plus(Duration.ofDays(1)));
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}
