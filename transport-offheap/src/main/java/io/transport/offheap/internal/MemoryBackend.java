package io.transport.offheap.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Maps files into memory and accesses them. The only place that knows the library underneath:
 * {@link ChronicleBackend} today; a Java FFM ({@code MemorySegment}) backend can replace it
 * without touching anything else.
 */
public interface MemoryBackend {
  /**
   * Maps the first {@code size} bytes of an open file, read-write and shared with other
   * processes. Never changes the file's size.
   *
   * @param channel the file, open for reading and writing, at least {@code size} bytes long
   * @param size the size to map, a whole number of pages
   * @return the mapping, which outlives the channel
   * @throws IOException if the file cannot be mapped
   */
  Mapping map(FileChannel channel, long size) throws IOException;

  /**
   * Returns the accessor for addresses inside this backend's mappings.
   *
   * @return the accessor, the same object on every call
   */
  MemoryAccess access();

  /**
   * Loads what {@link Mapping#freePages()} needs (native code, which takes a while), blocking.
   * Idempotent.
   *
   * @return whether {@link Mapping#freePages()} works on this platform
   */
  boolean loadPageFreeing();
}
