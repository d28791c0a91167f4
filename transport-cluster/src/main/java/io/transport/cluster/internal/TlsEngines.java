package io.transport.cluster.internal;

import io.transport.cluster.NodeException;
import io.transport.cluster.Tls;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import org.apache.pekko.remote.artery.tcp.SSLEngineProvider;
import scala.Option;

/**
 * The TLS engines of Pekko's {@code tls-tcp} transport for one node: both directions present this
 * node's certificate and require the peer's (mutual TLS), checked against the trust store by the
 * JDK. After a handshake this node started, the peer's subject is recorded in
 * {@link PeerIdentities} under the address it connected to.
 */
final class TlsEngines implements SSLEngineProvider {
  private final SSLContext context;
  private final String[] protocols;
  private final PeerIdentities identities;
  private final String selfSubject;

  TlsEngines(Tls tls, PeerIdentities identities) {
    this.identities = identities;
    this.protocols = tls.protocols().toArray(new String[0]);
    try {
      KeyStore keys = load(tls.keyStore(), tls.keyStorePassword(), "key store");
      selfSubject = subject(keys, tls.keyStore());
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, tls.keyStorePassword().toCharArray());
      KeyStore trust = load(tls.trustStore(), tls.trustStorePassword(), "trust store");
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
    } catch (GeneralSecurityException e) {
      throw new NodeException("TLS settings cannot be used: " + e.getMessage(), e);
    }
  }

  /** The subject of the certificate of the key store's (first) private key. */
  private static String subject(KeyStore keys, Path file) throws GeneralSecurityException {
    for (String alias : java.util.Collections.list(keys.aliases())) {
      if (keys.isKeyEntry(alias) && keys.getCertificate(alias) instanceof X509Certificate x) {
        return x.getSubjectX500Principal().getName();
      }
    }
    throw new NodeException("the TLS key store " + file + " holds no private key with a"
        + " certificate", null);
  }

  /** Returns the subject of this node's own certificate (RFC 2253). */
  String selfSubject() {
    return selfSubject;
  }

  private static KeyStore load(Path file, String password, String what) {
    try {
      return KeyStore.getInstance(file.toFile(), password.toCharArray());
    } catch (IOException | GeneralSecurityException e) {
      throw new NodeException("cannot read the TLS " + what + " " + file + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public SSLEngine createServerSSLEngine(String hostname, int port) {
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(false);
    engine.setNeedClientAuth(true);
    engine.setEnabledProtocols(protocols);
    return engine;
  }

  @Override
  public SSLEngine createClientSSLEngine(String hostname, int port) {
    SSLEngine engine = context.createSSLEngine(hostname, port);
    engine.setUseClientMode(true);
    engine.setEnabledProtocols(protocols);
    return engine;
  }

  @Override
  public Option<Throwable> verifyClientSession(String hostname, SSLSession session) {
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
        identities.record(session.getPeerHost(), session.getPeerPort(),
            x.getSubjectX500Principal().getName());
      }
      return Option.empty();
    } catch (SSLPeerUnverifiedException e) {
      return Option.apply(e);
    }
  }

  @Override
  public Option<Throwable> verifyServerSession(String hostname, SSLSession session) {
    // The trust manager has verified the client's certificate (setNeedClientAuth).
    return Option.empty();
  }
}
