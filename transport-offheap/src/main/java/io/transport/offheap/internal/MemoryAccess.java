package io.transport.offheap.internal;

/**
 * Reads and writes memory at absolute addresses inside mappings of a {@link MemoryBackend}. No
 * method checks its address: callers check bounds and lifetime first.
 *
 * <p>Implementations are stateless and thread-safe. Plain accessors have no ordering; the
 * {@code Volatile}, {@code Release} and atomic ones have the meaning of the same names in
 * {@link java.lang.invoke.VarHandle}, across processes that map the same file.
 */
public interface MemoryAccess {
  /**
   * Reads a byte with plain memory semantics.
   *
   * @param address the address
   * @return the value
   */
  byte getByte(long address);

  /**
   * Writes a byte with plain memory semantics.
   *
   * @param address the address
   * @param v the value
   */
  void putByte(long address, byte v);

  /**
   * Reads a short with plain memory semantics.
   *
   * @param address the address
   * @return the value
   */
  short getShort(long address);

  /**
   * Writes a short with plain memory semantics.
   *
   * @param address the address
   * @param v the value
   */
  void putShort(long address, short v);

  /**
   * Reads a int with plain memory semantics.
   *
   * @param address the address
   * @return the value
   */
  int getInt(long address);

  /**
   * Writes a int with plain memory semantics.
   *
   * @param address the address
   * @param v the value
   */
  void putInt(long address, int v);

  /**
   * Reads a long with plain memory semantics.
   *
   * @param address the address
   * @return the value
   */
  long getLong(long address);

  /**
   * Writes a long with plain memory semantics.
   *
   * @param address the address
   * @param v the value
   */
  void putLong(long address, long v);

  /**
   * Reads a float with plain memory semantics.
   *
   * @param address the address
   * @return the value
   */
  float getFloat(long address);

  /**
   * Writes a float with plain memory semantics.
   *
   * @param address the address
   * @param v the value
   */
  void putFloat(long address, float v);

  /**
   * Reads a double with plain memory semantics.
   *
   * @param address the address
   * @return the value
   */
  double getDouble(long address);

  /**
   * Writes a double with plain memory semantics.
   *
   * @param address the address
   * @param v the value
   */
  void putDouble(long address, double v);

  /**
   * Reads an int with volatile semantics.
   *
   * @param address a 4-byte aligned address
   * @return the value
   */
  int getIntVolatile(long address);

  /**
   * Writes an int with release semantics.
   *
   * @param address a 4-byte aligned address
   * @param v the value
   */
  void putIntRelease(long address, int v);

  /**
   * Atomically sets an int if it holds the expected value.
   *
   * @param address a 4-byte aligned address
   * @param expected the expected value
   * @param v the new value
   * @return whether the value was {@code expected} and is now {@code v}
   */
  boolean compareAndSetInt(long address, int expected, int v);

  /**
   * Atomically adds to an int.
   *
   * @param address a 4-byte aligned address
   * @param delta what to add
   * @return the value before the addition
   */
  int getAndAddInt(long address, int delta);

  /**
   * Reads a long with volatile semantics.
   *
   * @param address an 8-byte aligned address
   * @return the value
   */
  long getLongVolatile(long address);

  /**
   * Writes a long with release semantics.
   *
   * @param address an 8-byte aligned address
   * @param v the value
   */
  void putLongRelease(long address, long v);

  /**
   * Atomically sets a long if it holds the expected value.
   *
   * @param address an 8-byte aligned address
   * @param expected the expected value
   * @param v the new value
   * @return whether the value was {@code expected} and is now {@code v}
   */
  boolean compareAndSetLong(long address, long expected, long v);

  /**
   * Atomically adds to a long.
   *
   * @param address an 8-byte aligned address
   * @param delta what to add
   * @return the value before the addition
   */
  long getAndAddLong(long address, long delta);

  /**
   * Copies from a primitive Java array into memory.
   *
   * @param array the array
   * @param byteIndex where to start in the array, in bytes from its first element
   * @param address the destination
   * @param bytes how many bytes
   */
  void copyFromArray(Object array, long byteIndex, long address, long bytes);

  /**
   * Copies from memory into a primitive Java array.
   *
   * @param address the source
   * @param array the array
   * @param byteIndex where to start in the array, in bytes from its first element
   * @param bytes how many bytes
   */
  void copyToArray(long address, Object array, long byteIndex, long bytes);

  /**
   * Sets every byte of a range.
   *
   * @param address the start
   * @param bytes how many bytes
   * @param value the byte
   */
  void setMemory(long address, long bytes, byte value);
}
