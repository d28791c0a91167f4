package io.transport.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for TLS tests, made with the JDK's {@code keytool}: a CA, and for each node a
 * PKCS#12 key store ({@code <name>.p12}) holding its key and a certificate with subject
 * {@code CN=<name>,O=transport-test} signed by the CA; {@code trust.p12} trusts the CA. A rogue
 * node gets a self-signed certificate instead, which no one trusts. One keytool run per key:
 * the stores around the keys are arranged with {@link KeyStore}.
 */
final class Certificates {
  static final String PASSWORD = "test-secret";

  private Certificates() {}

  /** Makes the CA ({@code ca.p12}) and the trust store ({@code trust.p12}) in {@code dir}. */
  static void ca(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
    keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=transport-test-ca", "-ext", "bc:c", "-validity", "2",
        "-keystore", "ca.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
    KeyStore ca = load(dir.resolve("ca.p12"));
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.getCertificate("ca"));
    store(trust, dir.resolve("trust.p12"));
  }

  /**
   * Makes {@code <name>.p12} with a certificate the CA signed: keytool makes the key pair in a
   * copy of the CA's store, signed by the CA ({@code -signer}), and the CA's key is then removed
   * from the copy.
   */
  static void node(Path dir, String name)
      throws IOException, InterruptedException, GeneralSecurityException {
    String store = name + ".p12";
    Files.copy(dir.resolve("ca.p12"), dir.resolve(store), StandardCopyOption.REPLACE_EXISTING);
    keytool(dir, "-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=" + name + ",O=transport-test", "-validity", "2", "-signer", "ca",
        "-keystore", store, "-storepass", PASSWORD);
    KeyStore keys = load(dir.resolve(store));
    keys.deleteEntry("ca");
    store(keys, dir.resolve(store));
  }

  private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
    return KeyStore.getInstance(file.toFile(), PASSWORD.toCharArray());
  }

  private static void store(KeyStore keys, Path file)
      throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      keys.store(out, PASSWORD.toCharArray());
    }
  }

  /** Makes {@code <name>.p12} with a self-signed certificate the CA never saw. */
  static void rogue(Path dir, String name) throws IOException, InterruptedException {
    keytool(dir, "-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=" + name + ",O=transport-test", "-validity", "2",
        "-keystore", name + ".p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
  }

  /** The TLS settings of node {@code name} in {@code dir}. */
  static Tls tls(Path dir, String name) {
    return Tls.builder()
        .keyStore(dir.resolve(name + ".p12"), PASSWORD)
        .trustStore(dir.resolve("trust.p12"), PASSWORD)
        .build();
  }

  private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(Arrays.asList(args));
    Path log = Files.createTempFile(dir, "keytool", ".log");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("keytool did not finish: " + cmd);
    }
    if (p.exitValue() != 0) {
      throw new IOException("keytool failed (" + p.exitValue() + "): " + cmd + "\n"
          + Files.readString(log));
    }
    Files.delete(log);
  }
}
