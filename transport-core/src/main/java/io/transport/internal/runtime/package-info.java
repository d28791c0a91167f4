/**
 * Marshallers made at run time for classes {@code transport-apt} did not process
 * ({@code Transport.register}): the members are scanned like the processor does, accessors and a
 * constructor call are generated with ByteBuddy, and each member becomes a row that writes and
 * reads through the same {@code io.transport.spi} helpers generated code calls, so the bytes are
 * the same. Implementation, not API; {@link io.transport.internal.runtime.RuntimeMarshallers} is
 * the entry point.
 */
package io.transport.internal.runtime;
