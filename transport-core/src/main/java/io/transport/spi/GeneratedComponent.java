package io.transport.spi;

/**
 * A {@link TransportComponent} written by the annotation processor. It is listed in its own
 * services file, {@code META-INF/services/io.transport.spi.GeneratedComponent}, so that a module
 * may also list hand-written components in {@code META-INF/services/io.transport.spi.TransportComponent}
 * without either file overwriting the other (as a build that copies resources but skips the
 * compiler would otherwise do). Application code never implements it.
 */
public interface GeneratedComponent extends TransportComponent {}
