package io.transport.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Mutual TLS between the nodes of a cluster: every connection, in either direction, presents this
 * node's certificate and accepts only peers whose certificate the trust store vouches for. A node
 * without such a certificate cannot join the cluster, nor import or export anything in it.
 *
 * <pre>{@code
 * Tls tls = Tls.builder()
 *     .keyStore(Path.of("node-1.p12"), "secret")     // this node's key and certificate chain
 *     .trustStore(Path.of("cluster-ca.p12"), "secret") // the CA that signs every node
 *     .build();
 * Node node = Node.builder().bind("10.0.0.5", 25520).seeds("10.0.0.4:25520").tls(tls).build();
 * }</pre>
 *
 * <p>Key and trust stores are PKCS#12 or JKS files ({@code keytool} makes both). The identity of a
 * node, which {@link ExportOptions.Builder#allowPeers} names, is the subject of its certificate.
 * Host names are not checked against certificates: trust comes from the trust store alone.
 *
 * <p>Immutable and thread-safe.
 */
public final class Tls {
  private final Path keyStore;
  private final String keyStorePassword;
  private final Path trustStore;
  private final String trustStorePassword;
  private final List<String> protocols;

  private Tls(Builder b) {
    this.keyStore = Objects.requireNonNull(b.keyStore, "keyStore is required");
    this.keyStorePassword = b.keyStorePassword;
    this.trustStore = Objects.requireNonNull(b.trustStore, "trustStore is required");
    this.trustStorePassword = b.trustStorePassword;
    this.protocols = List.copyOf(b.protocols);
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the key store: this node's private key and certificate chain.
   *
   * @return the file
   */
  public Path keyStore() {
    return keyStore;
  }

  /**
   * Returns the password of the key store and of the key in it.
   *
   * @return the password
   */
  public String keyStorePassword() {
    return keyStorePassword;
  }

  /**
   * Returns the trust store: the certificates (usually one CA) that peers' certificates must
   * chain to.
   *
   * @return the file
   */
  public Path trustStore() {
    return trustStore;
  }

  /**
   * Returns the password of the trust store.
   *
   * @return the password
   */
  public String trustStorePassword() {
    return trustStorePassword;
  }

  /**
   * Returns the TLS protocol versions allowed.
   *
   * @return for instance {@code [TLSv1.3]}
   */
  public List<String> protocols() {
    return protocols;
  }

  @Override
  public String toString() {
    return "Tls[keyStore=" + keyStore + ", trustStore=" + trustStore + ", protocols=" + protocols
        + "]";
  }

  /** Builds {@link Tls}. Not thread-safe. */
  public static final class Builder {
    private Path keyStore;
    private String keyStorePassword = "";
    private Path trustStore;
    private String trustStorePassword = "";
    private List<String> protocols = List.of("TLSv1.3");

    private Builder() {}

    /**
     * Sets the key store holding this node's private key and certificate chain (required). The
     * key's password must be the store's.
     *
     * @param file a PKCS#12 or JKS file
     * @param password its password
     * @return this builder
     */
    public Builder keyStore(Path file, String password) {
      this.keyStore = Objects.requireNonNull(file, "file");
      this.keyStorePassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Sets the trust store that peers' certificates must chain to (required).
     *
     * @param file a PKCS#12 or JKS file
     * @param password its password
     * @return this builder
     */
    public Builder trustStore(Path file, String password) {
      this.trustStore = Objects.requireNonNull(file, "file");
      this.trustStorePassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Sets the TLS versions allowed (default {@code TLSv1.3} only).
     *
     * @param protocols protocol names as the JDK knows them
     * @return this builder
     */
    public Builder protocols(String... protocols) {
      if (protocols.length == 0) {
        throw new IllegalArgumentException("at least one TLS protocol is needed");
      }
      this.protocols = List.of(protocols);
      return this;
    }

    /**
     * Creates the settings. The files are read when the node starts.
     *
     * @return new settings
     * @throws NullPointerException if the key store or trust store is missing
     */
    public Tls build() {
      return new Tls(this);
    }
  }
}
