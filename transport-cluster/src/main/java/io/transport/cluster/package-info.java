/**
 * Named, typed channels between the nodes of a cluster, on Apache Pekko: netchan for the JVM.
 * A {@link io.transport.cluster.Node} exports and imports channels;
 * {@link io.transport.cluster.ChannelSender} and {@link io.transport.cluster.ChannelReceiver} are
 * their ends; every error is a {@link io.transport.cluster.ChannelException}.
 */
package io.transport.cluster;
