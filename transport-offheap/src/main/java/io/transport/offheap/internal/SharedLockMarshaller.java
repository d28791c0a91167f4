package io.transport.offheap.internal;

import io.transport.Shareable;
import io.transport.TransportException;
import io.transport.spi.ReadContext;
import io.transport.spi.ShareableMarshaller;
import io.transport.spi.Values;
import io.transport.spi.WriteContext;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Marshals a {@code SharedLock} as its handle and the segment that holds it, as a shared array
 * is (see {@link SharedArrayMarshaller}):
 * <pre>{@code
 * {"@cid":"transport.SharedLock","handle":4294967297,
 *  "segment":{"owner":4242,"id":7,"token":"5f0c2a9e41d37b6c8e1f09a4d2b3c7e6"}}
 * }</pre>
 * A handle that names no lock segment of this user with that token is an
 * {@link io.transport.UnmarshalException} naming it, and so is a handle number the reading context
 * holds already with a segment that is not the held lock's.
 *
 * @param <L> the lock type
 */
public final class SharedLockMarshaller<L extends Shareable> extends ShareableMarshaller<L> {

  /**
   * Creates the marshaller.
   *
   * @param type the lock class
   */
  public SharedLockMarshaller(Class<L> type) {
    super(type, "transport.SharedLock");
  }

  @Override
  protected void writeDescriptor(JsonGenerator g, L value, WriteContext c) {
    LockViews.bridge().segment(value).handle().write(g);
  }

  @Override
  protected L attach(JsonParser p, ReadContext c) {
    String shared = "shared handle " + p.getLongValue() + ": ";
    SegmentHandle handle = readSegment(p, shared);
    Segment segment;
    try {
      segment = Segments.open(handle, SegmentKind.LOCK);
    } catch (TransportException e) {
      throw Values.error(p, shared + e.getMessage(), cid());
    }
    try {
      // The new lock takes over the segment's hold, also when it fails.
      return type().cast(LockViews.bridge().attached(segment));
    } catch (TransportException e) {
      throw Values.error(p, shared + e.getMessage(), cid());
    }
  }

  /**
   * A held handle number gets the held lock only with that lock's own segment (owner, number and
   * token): a payload without the token cannot name a held lock it did not get from this
   * context.
   */
  @Override
  protected boolean describes(JsonParser p, L held, ReadContext c) {
    SegmentHandle handle = readSegment(p, "shared handle " + p.getLongValue() + ": ");
    SegmentHandle mine;
    try {
      mine = LockViews.bridge().segment(held).handle();
    } catch (IllegalStateException e) {
      return false; // closed meanwhile: it no longer describes anything
    }
    return mine.owner() == handle.owner() && mine.id() == handle.id()
        && mine.token().equals(handle.token());
  }

  /** Reads the members after the handle up to the end of the object: the lock's segment. */
  private SegmentHandle readSegment(JsonParser p, String shared) {
    SegmentHandle handle = null;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      if (name.equals("segment")) {
        handle = SegmentHandle.read(p, cid());
      } else {
        throw Values.error(p, shared + "unknown member \"" + name + "\" in a shared lock", cid());
      }
    }
    if (handle == null) {
      throw Values.error(p, shared + "a shared lock from another context needs \"segment\"",
          cid());
    }
    return handle;
  }
}
