package io.transport.internal.runtime;

import io.transport.spi.ObjectMarshaller;
import io.transport.spi.ReadContext;
import io.transport.spi.WriteContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The marshaller of a class registered at run time: the loops of a generated marshaller, run
 * over a member table instead of unrolled. It takes the same steps in the same order (the fast
 * path that expects members in declared order, then any order, then construction, then fields
 * and setters), so payloads and errors are the same as with generated code.
 *
 * <p>Immutable and thread-safe: a read keeps its values in arrays of its own.
 *
 * @param <T> the class
 */
final class RuntimeObjectMarshaller<T> extends ObjectMarshaller<T> {
  private static final long[] NO_PRIMS = {};
  private static final Object[] NO_REFS = {};

  private final MemberRow[] rows;
  private final MemberRow[] assigned;
  private final Map<String, MemberRow> byName = new HashMap<>();
  private final int prims;
  private final int refs;
  private final Accessors.Creator creator;
  private final List<String> names;

  /**
   * Creates the marshaller.
   *
   * @param type the class
   * @param cid its cid
   * @param rows the members in payload order
   * @param assigned the members set after construction, through a field or a setter
   * @param creator calls the constructor with the members it takes
   */
  RuntimeObjectMarshaller(Class<T> type, String cid, List<MemberRow> rows,
      List<MemberRow> assigned, Accessors.Creator creator) {
    super(type, cid);
    this.rows = rows.toArray(MemberRow[]::new);
    this.assigned = assigned.toArray(MemberRow[]::new);
    this.creator = creator;
    int p = 0;
    int r = 0;
    for (MemberRow s : rows) {
      byName.put(s.name, s);
      if (s.primitive()) {
        p++;
      } else {
        r++;
      }
    }
    this.prims = p;
    this.refs = r;
    this.names = rows.stream().map(s -> s.name).toList();
  }

  @Override
  protected void writeMembers(JsonGenerator g, T value, WriteContext c) {
    for (MemberRow s : rows) {
      s.write(g, value, c);
    }
  }

  @Override
  protected T readMembers(JsonParser p, ReadContext c, boolean atName) {
    long[] pv = prims == 0 ? NO_PRIMS : new long[prims];
    Object[] rv = refs == 0 ? NO_REFS : new Object[refs];
    if (rows.length == 0) {
      if (!atName) {
        p.nextToken();
      }
    } else if (firstName(p, atName, rows[0].encoded)) {
      p.nextToken();
      rows[0].read(p, c, pv, rv);
      int i = 1;
      while (i < rows.length && p.nextName(rows[i].encoded)) {
        p.nextToken();
        rows[i++].read(p, c, pv, rv);
      }
      if (i == rows.length) {
        p.nextToken();
      }
    }
    for (JsonToken t = p.currentToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      MemberRow s = byName.get(name);
      if (s == null) {
        otherMember(p, c, name);
      } else {
        s.read(p, c, pv, rv);
      }
    }
    endObject(p);
    @SuppressWarnings("unchecked")
    T v = (T) creator.create(pv, rv);
    for (MemberRow s : assigned) {
      s.assign(v, pv, rv);
    }
    return v;
  }

  @Override
  protected List<String> memberNames() {
    return names;
  }
}
