/**
 * The service-provider interface: what generated marshallers and extension modules (such as
 * {@code transport-offheap}) are written against. Application code does not need it.
 *
 * <p>A {@link io.transport.spi.Codec} writes and reads one static type with Jackson's streaming
 * API. A {@link io.transport.spi.Marshaller} is the codec of one class with a cid; the annotation
 * processor writes one {@link io.transport.spi.ObjectMarshaller} per {@code @Cid} type and one
 * {@link io.transport.spi.TransportComponent} per module, which {@link java.util.ServiceLoader}
 * finds in every isolate. {@link io.transport.spi.Codecs} builds codecs for field types and
 * {@link io.transport.spi.Values} reads and writes scalars the way every marshaller must.
 */
package io.transport.spi;
