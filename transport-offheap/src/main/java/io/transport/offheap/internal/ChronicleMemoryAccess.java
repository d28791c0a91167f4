package io.transport.offheap.internal;

import net.openhft.chronicle.core.UnsafeMemory;

/** {@link MemoryAccess} on Chronicle Core's {@link UnsafeMemory}. */
final class ChronicleMemoryAccess implements MemoryAccess {
  private static final UnsafeMemory M = UnsafeMemory.MEMORY;
  /** Bulk copies go in pieces so that a huge copy does not hold off safepoints for long. */
  private static final long CHUNK = 1 << 20;

  @Override
  public byte getByte(long address) {
    return M.readByte(address);
  }

  @Override
  public void putByte(long address, byte v) {
    M.writeByte(address, v);
  }

  @Override
  public short getShort(long address) {
    return M.readShort(address);
  }

  @Override
  public void putShort(long address, short v) {
    M.writeShort(address, v);
  }

  @Override
  public int getInt(long address) {
    return M.readInt(address);
  }

  @Override
  public void putInt(long address, int v) {
    M.writeInt(address, v);
  }

  @Override
  public long getLong(long address) {
    return M.readLong(address);
  }

  @Override
  public void putLong(long address, long v) {
    M.writeLong(address, v);
  }

  @Override
  public float getFloat(long address) {
    return M.readFloat(address);
  }

  @Override
  public void putFloat(long address, float v) {
    M.writeFloat(address, v);
  }

  @Override
  public double getDouble(long address) {
    return M.readDouble(address);
  }

  @Override
  public void putDouble(long address, double v) {
    M.writeDouble(address, v);
  }

  @Override
  public int getIntVolatile(long address) {
    return M.readVolatileInt(address);
  }

  @Override
  public void putIntRelease(long address, int v) {
    M.writeOrderedInt(address, v);
  }

  @Override
  public boolean compareAndSetInt(long address, int expected, int v) {
    return M.compareAndSwapInt(address, expected, v);
  }

  @Override
  public int getAndAddInt(long address, int delta) {
    return M.addInt(address, delta) - delta;
  }

  @Override
  public long getLongVolatile(long address) {
    return M.readVolatileLong(address);
  }

  @Override
  public void putLongRelease(long address, long v) {
    M.writeOrderedLong(address, v);
  }

  @Override
  public boolean compareAndSetLong(long address, long expected, long v) {
    return M.compareAndSwapLong(address, expected, v);
  }

  @Override
  public long getAndAddLong(long address, long delta) {
    return M.addLong(address, delta) - delta;
  }

  @Override
  public void copyFromArray(Object array, long byteIndex, long address, long bytes) {
    long from = UnsafeMemory.UNSAFE.arrayBaseOffset(array.getClass()) + byteIndex;
    for (long done = 0; done < bytes; done += CHUNK) {
      int n = (int) Math.min(CHUNK, bytes - done);
      M.copyMemory(array, from + done, address + done, n);
    }
  }

  @Override
  public void copyToArray(long address, Object array, long byteIndex, long bytes) {
    long to = UnsafeMemory.UNSAFE.arrayBaseOffset(array.getClass()) + byteIndex;
    for (long done = 0; done < bytes; done += CHUNK) {
      int n = (int) Math.min(CHUNK, bytes - done);
      M.copyMemory(address + done, array, to + done, n);
    }
  }

  @Override
  public void setMemory(long address, long bytes, byte value) {
    for (long done = 0; done < bytes; done += CHUNK) {
      M.setMemory(address + done, Math.min(CHUNK, bytes - done), value);
    }
  }
}
