package io.transport.cluster.internal;

/** Every message a channel actor takes. Messages that cross nodes also implement {@link Wire}. */
public interface Msg {}
