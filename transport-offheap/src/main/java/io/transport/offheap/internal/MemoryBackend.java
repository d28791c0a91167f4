package io.transport.offheap.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Maps files into memory and accesses them. The only place that knows the library underneath:
 * {@link ChronicleBackend} today; a Java FFM ({@code MemorySegment}) backend can replace it
 * without touching anything else.
 */
public interface MemoryBackend {
  /**
   * Maps the whole of an existing file, read-write and shared with other processes.
   *
   * @param file the file, whose size is already final
   * @return the mapping
   * @throws IOException if the file cannot be mapped
   */
  Mapping map(Path file) throws IOException;

  /**
   * Returns the accessor for addresses inside this backend's mappings.
   *
   * @return the accessor, the same object on every call
   */
  MemoryAccess access();
}
