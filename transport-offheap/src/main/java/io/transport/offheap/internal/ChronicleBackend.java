package io.transport.offheap.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.io.ReferenceOwner;

/**
 * Maps segment files with Chronicle Bytes: one {@link MappedFile#ofSingle single mapping} of the
 * whole file, whose {@link MappedBytesStore} this backend reserves until {@link Mapping#unmap}.
 * The file is closed once mapped: a mapping keeps no file descriptor.
 */
public final class ChronicleBackend implements MemoryBackend {
  private static final MemoryAccess ACCESS = new ChronicleMemoryAccess();

  @Override
  public Mapping map(Path file) throws IOException {
    long size = java.nio.file.Files.size(file);
    MappedFile mappedFile = MappedFile.ofSingle(file.toFile(), size, false);
    ReferenceOwner owner = ReferenceOwner.temporary("transport-offheap");
    MappedBytesStore store;
    try {
      store = mappedFile.acquireByteStore(owner, 0);
      // The mapping outlives the descriptor; a released segment may stay mapped until a GC, and
      // must not hold a file descriptor meanwhile.
      mappedFile.raf().close();
    } catch (IOException | RuntimeException e) {
      mappedFile.close();
      throw e;
    }
    return new ChronicleMapping(mappedFile, store, owner, size);
  }

  @Override
  public MemoryAccess access() {
    return ACCESS;
  }

  private static final class ChronicleMapping implements Mapping {
    private final MappedFile file;
    private final MappedBytesStore store;
    private final ReferenceOwner owner;
    private final long address;
    private final long size;
    private final AtomicBoolean unmapped = new AtomicBoolean();

    ChronicleMapping(MappedFile file, MappedBytesStore store, ReferenceOwner owner, long size) {
      this.file = file;
      this.store = store;
      this.owner = owner;
      this.address = store.addressForWrite(0);
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
    public void unmap() {
      if (!unmapped.compareAndSet(false, true)) {
        return;
      }
      store.release(owner);
      file.close();
      // A single mapped file keeps the reservation it created its store with unless Chronicle
      // runs with mappedFile.retain; give it up so the store unmaps.
      if (store.refCount() > 0) {
        store.release(file);
      }
    }
  }
}
