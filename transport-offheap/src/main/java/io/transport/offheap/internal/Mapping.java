package io.transport.offheap.internal;

/**
 * One file mapped into this process by a {@link MemoryBackend}, read and written through
 * {@link MemoryBackend#access()}.
 */
public interface Mapping {
  /**
   * Returns the address of the first byte of the file.
   *
   * @return the address
   */
  long address();

  /**
   * Returns how many bytes are mapped.
   *
   * @return the size
   */
  long size();

  /**
   * Gives the memory of the mapped file back to the system (a hole punched through the whole
   * file) while the mapping stays valid: an access afterwards, from any process that maps the
   * file, reads zeros and never faults. Only once {@link MemoryBackend#loadPageFreeing()} has
   * returned true.
   *
   * @return whether the pages were freed
   */
  boolean freePages();

  /**
   * Unmaps the file. The caller guarantees that no access to the mapping is in flight or will
   * follow. Idempotent.
   */
  void unmap();
}
