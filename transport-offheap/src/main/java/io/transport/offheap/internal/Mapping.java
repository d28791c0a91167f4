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
   * Returns how many bytes are mapped: the file's size.
   *
   * @return the size
   */
  long size();

  /**
   * Unmaps the file. The caller guarantees that no access to the mapping is in flight or will
   * follow. Idempotent.
   */
  void unmap();
}
