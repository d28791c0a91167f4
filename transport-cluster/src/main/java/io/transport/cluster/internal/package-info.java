/**
 * Implementation of {@code io.transport.cluster}: the Pekko actors behind each channel end, the
 * wire protocol between nodes and its serializer, node configuration, TLS. Not an API: anything
 * here may change in any release.
 */
package io.transport.cluster.internal;
