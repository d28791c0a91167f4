package io.transport.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for TLS tests, made with the JDK's {@code keytool}: a CA, and for each node a
 * PKCS#12 key store ({@code <name>.p12}) holding its key and a certificate with subject
 * {@code CN=<name>,O=transport-test} signed by the CA; {@code trust.p12} trusts the CA. A rogue
 * node gets a self-signed certificate instead, which no one trusts.
 */
final class Certificates {
  static final String PASSWORD = "test-secret";

  private Certificates() {}

  /** Makes the CA and the trust store in {@code dir}. */
  static void ca(Path dir) throws IOException, InterruptedException {
    keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=transport-test-ca", "-ext", "bc:c", "-validity", "2",
        "-keystore", "ca.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
    keytool(dir, "-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASSWORD,
        "-rfc", "-file", "ca.pem");
    keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem",
        "-keystore", "trust.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
  }

  /** Makes {@code <name>.p12} with a certificate the CA signed. */
  static void node(Path dir, String name) throws IOException, InterruptedException {
    String store = name + ".p12";
    keytool(dir, "-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=" + name + ",O=transport-test", "-validity", "2",
        "-keystore", store, "-storetype", "PKCS12", "-storepass", PASSWORD);
    keytool(dir, "-certreq", "-alias", "node", "-keystore", store, "-storepass", PASSWORD,
        "-file", name + ".csr");
    keytool(dir, "-gencert", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASSWORD,
        "-infile", name + ".csr", "-outfile", name + ".pem", "-rfc", "-validity", "2");
    keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem",
        "-keystore", store, "-storepass", PASSWORD);
    keytool(dir, "-importcert", "-alias", "node", "-file", name + ".pem",
        "-keystore", store, "-storepass", PASSWORD);
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
