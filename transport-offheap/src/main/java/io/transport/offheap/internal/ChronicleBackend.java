package io.transport.offheap.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import net.openhft.chronicle.core.OS;
import net.openhft.posix.MAdviseFlag;
import net.openhft.posix.PosixAPI;

/**
 * Maps segment files with Chronicle Core's {@link OS#map}: the JDK's own {@code mmap} of a
 * channel, without the 2 GiB limit of a {@code MappedByteBuffer} and without growing the file
 * (which {@code FileChannel.map} does when asked for more than the file has). Frees pages with
 * {@code madvise(MADV_REMOVE)} through Chronicle's {@link PosixAPI} (JNR), on Linux.
 */
public final class ChronicleBackend implements MemoryBackend {
  private static final System.Logger LOG = System.getLogger(ChronicleBackend.class.getName());
  private static final MemoryAccess ACCESS = new ChronicleMemoryAccess();
  private static final Object LOAD_LOCK = new Object();
  /** The POSIX calls, once loaded; null before, or when this platform has none. */
  private static volatile PosixAPI posix;
  private static Boolean loaded; // guarded by LOAD_LOCK

  @Override
  public Mapping map(FileChannel channel, long size) throws IOException {
    return new ChronicleMapping(OS.map(channel, FileChannel.MapMode.READ_WRITE, 0, size), size);
  }

  @Override
  public MemoryAccess access() {
    return ACCESS;
  }

  @Override
  public boolean loadPageFreeing() {
    synchronized (LOAD_LOCK) {
      if (loaded == null) {
        loaded = load();
      }
      return loaded;
    }
  }

  private static boolean load() {
    if (!System.getProperty("os.name", "").startsWith("Linux")) {
      return false; // MADV_REMOVE is Linux's
    }
    try {
      PosixAPI p = PosixAPI.posix();
      if (p.getClass().getName().contains("NoOp") || p.madvise(0, 0, MAdviseFlag.MADV_REMOVE) != 0) {
        LOG.log(Level.INFO, "native calls are not available ({0}): released shared memory is"
            + " returned when the garbage collector unmaps it", p.getClass().getName());
        return false;
      }
      posix = p;
      return true;
    } catch (LinkageError | RuntimeException e) {
      LOG.log(Level.INFO, "native calls are not available: released shared memory is returned"
          + " when the garbage collector unmaps it", e);
      return false;
    }
  }

  private static final class ChronicleMapping implements Mapping {
    private final long address;
    private final long size;
    private final AtomicBoolean unmapped = new AtomicBoolean();

    ChronicleMapping(long address, long size) {
      this.address = address;
      this.size = size;
    }

    @Override
    public long address() {
      return address;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public boolean freePages() {
      PosixAPI p = posix;
      if (p == null || unmapped.get()) {
        return false;
      }
      if (p.madvise(address, size, MAdviseFlag.MADV_REMOVE) == 0) {
        return true;
      }
      LOG.log(Level.DEBUG, "madvise(MADV_REMOVE) failed: {0}", p.lastErrorStr());
      return false;
    }

    @Override
    public void unmap() {
      if (!unmapped.compareAndSet(false, true)) {
        return;
      }
      try {
        OS.unmap(address, size);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
