/**
 * Implementation, not API: nothing here or in the sub-packages is covered by compatibility and
 * anything may change without notice. This package holds what ties the subsystems together: the
 * {@link io.transport.internal.Registry} of marshallers and functions, the
 * {@link io.transport.internal.Session} one call marshals in and the bridge to a
 * {@code TransportContext}'s internals ({@link io.transport.internal.ContextAccess}). The
 * subsystems:
 * <ul>
 *   <li>{@code values}: values whose static type is {@code Object} (tags, untagged JSON values,
 *       tagged containers, an object whose cid comes late); its {@code Any} is also the
 *       runtime {@code io.transport.spi} reaches through {@code TransportRuntime};
 *   <li>{@code functions}: lambdas, method references and functions named by cid;
 *   <li>{@code formats}: the JSON and Smile factories, their limits and buffers;
 *   <li>{@code runtime}: marshallers made at run time (ByteBuddy) for classes that
 *       {@code transport-apt} did not see.
 * </ul>
 * A class is public only when another package must call it.
 */
package io.transport.internal;
