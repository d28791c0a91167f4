/**
 * Implementation. Nothing here is API: classes are public only so that {@code io.transport} and
 * {@code io.transport.spi} can reach them; they change without notice.
 */
package io.transport.internal;
