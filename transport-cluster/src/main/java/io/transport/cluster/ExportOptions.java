package io.transport.cluster;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * How a node exports a channel: which peers may import it, and (for an exported receiver) how
 * many values each importer may have in flight.
 *
 * <pre>{@code
 * ExportOptions onlyTraders = ExportOptions.builder().allowPeers("trader-1", "trader-2").build();
 * node.exportSender("prices", Price.class, onlyTraders);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ExportOptions {
  private static final ExportOptions DEFAULTS = builder().build();

  private final Set<String> allowedPeers;
  private final int credits;

  private ExportOptions(Builder b) {
    this.allowedPeers = Set.copyOf(b.allowedPeers);
    this.credits = b.credits;
  }

  /**
   * Returns the options every export has unless told otherwise: any node of the cluster may
   * import, 32 credits per importer of an exported receiver.
   *
   * @return the defaults
   */
  public static ExportOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a builder that starts from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the identities allowed to import; empty means every node of the cluster.
   *
   * @return the identities, unmodifiable
   */
  public Set<String> allowedPeers() {
    return allowedPeers;
  }

  /**
   * Returns how many values each importer of an exported receiver may have sent and not yet seen
   * taken. Ignored for an exported sender, whose importers state their own credits.
   *
   * @return at least 1
   */
  public int credits() {
    return credits;
  }

  @Override
  public String toString() {
    return "ExportOptions[allowedPeers=" + allowedPeers + ", credits=" + credits + "]";
  }

  /** Builds {@link ExportOptions}. Not thread-safe. */
  public static final class Builder {
    private final Set<String> allowedPeers = new LinkedHashSet<>();
    private int credits = 32;

    private Builder() {}

    /**
     * Allows these peers to import the channel, and no other. A peer's identity comes from the
     * certificate it presents under {@link Node.Builder#tls}: an entry matches the certificate's
     * whole subject in RFC 2253 form ({@code CN=trader-1,O=Example}) or its common name alone
     * ({@code trader-1}). An import from any other node, or from a node without TLS, fails with
     * {@link NotAuthorisedException}. Exporting with allowed peers needs TLS on this node.
     *
     * @param identities subjects or common names
     * @return this builder
     */
    public Builder allowPeers(String... identities) {
      for (String id : Arrays.asList(identities)) {
        Objects.requireNonNull(id, "identity");
        if (id.isBlank()) {
          throw new IllegalArgumentException("an allowed peer's identity must not be blank");
        }
        allowedPeers.add(id);
      }
      return this;
    }

    /**
     * Sets how many values each importer of an exported receiver may have in flight (default
     * 32). The smallest window the engine runs is 2: 1 is taken as 2.
     *
     * @param credits at least 1, at most 100,000
     * @return this builder
     */
    public Builder credits(int credits) {
      if (credits < 1 || credits > 100_000) {
        throw new IllegalArgumentException("credits must be in [1, 100000]: " + credits);
      }
      this.credits = credits;
      return this;
    }

    /**
     * Creates the options.
     *
     * @return new options
     */
    public ExportOptions build() {
      return new ExportOptions(this);
    }
  }
}
