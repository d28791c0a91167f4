package io.transport.cluster.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.Address;

/**
 * The certificate subject each peer address presented when this node connected to it. The TLS
 * layer ({@link TlsEngines}) records it as a handshake completes, before any message travels on
 * the connection; channel actors read it to check allowed peers. Thread-safe.
 */
final class PeerIdentities {
  private final Map<String, String> subjects = new ConcurrentHashMap<>();

  void record(String host, int port, String subject) {
    subjects.put(key(host, port), subject);
  }

  /** Returns the subject (RFC 2253) the node at this address presented, if this node saw one. */
  Optional<String> subject(Address address) {
    if (address.getHost().isEmpty() || address.getPort().isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(subjects.get(key(address.getHost().get(), address.getPort().get())));
  }

  void forget(Address address) {
    if (address.getHost().isPresent() && address.getPort().isPresent()) {
      subjects.remove(key(address.getHost().get(), address.getPort().get()));
    }
  }

  private static String key(String host, int port) {
    return host + ":" + port;
  }

  /**
   * Returns whether a subject matches an allowed identity: the whole subject, or its common name.
   */
  static boolean matches(String subject, String allowed) {
    if (subject.equals(allowed)) {
      return true;
    }
    try {
      for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(subject).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")
            && String.valueOf(rdn.getValue()).equals(allowed)) {
          return true;
        }
      }
    } catch (javax.naming.InvalidNameException e) {
      return false;
    }
    return false;
  }
}
