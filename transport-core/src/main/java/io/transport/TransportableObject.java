package io.transport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Base class for types that marshal themselves by hand: {@link #save} puts named values,
 * {@link #load} gets them back. Each value is marshalled with its runtime type, so it returns
 * exactly as it was saved.
 *
 * <p>A subclass needs a public or package-private no-arg constructor and, like any transportable
 * type, {@link io.transport.annotations.Cid @Cid} or {@link Transport#register(Class)}.
 *
 * <pre>{@code
 * @Cid("demo.Money")
 * public final class Money extends TransportableObject {
 *   private long cents; private String currency;
 *   public void save(Output out) { out.put("cents", cents).put("currency", currency); }
 *   public void load(Input in) {
 *     cents = in.get("cents", long.class);
 *     currency = in.get("currency", String.class);
 *   }
 * }
 * }</pre>
 */
public abstract class TransportableObject implements Transportable {

  /** For subclasses. */
  protected TransportableObject() {}

  /**
   * Writes this object's state.
   *
   * @param out where to put named values
   */
  public abstract void save(Output out);

  /**
   * Restores this object's state from what {@link #save} wrote.
   *
   * @param in the named values
   */
  public abstract void load(Input in);

  /** The named values written by {@link #save}. Not thread-safe; used by one call. */
  public static final class Output {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Creates an empty output; the framework creates these. */
    public Output() {}

    /**
     * Adds a named value; it must be transportable.
     *
     * @param name the member name, not "@cid"
     * @param value the value, may be null
     * @return this output
     */
    public Output put(String name, Object value) {
      Objects.requireNonNull(name, "name");
      if (name.equals("@cid")) {
        throw new IllegalArgumentException("\"@cid\" is reserved");
      }
      if (values.containsKey(name)) {
        throw new IllegalArgumentException("member \"" + name + "\" was already put");
      }
      values.put(name, value);
      return this;
    }

    /**
     * Returns the values put so far, in order.
     *
     * @return an unmodifiable view
     */
    public Map<String, Object> values() {
      return Collections.unmodifiableMap(values);
    }
  }

  /** The named values read back for {@link #load}. Not thread-safe; used by one call. */
  public static final class Input {
    private final String cid;
    private final Map<String, Object> values;

    /**
     * Wraps values read from a payload; the framework creates these.
     *
     * @param cid the cid being loaded, for messages
     * @param values the values by name
     */
    public Input(String cid, Map<String, Object> values) {
      this.cid = cid;
      this.values = values;
    }

    /**
     * Returns whether a member is present.
     *
     * @param name the member name
     * @return true if {@link Output#put} wrote it
     */
    public boolean has(String name) {
      return values.containsKey(name);
    }

    /**
     * Returns the member names, in payload order.
     *
     * @return an unmodifiable set
     */
    public Set<String> names() {
      return Collections.unmodifiableSet(values.keySet());
    }

    /**
     * Returns a member's value.
     *
     * @param name the member name
     * @return the value, or null when absent or null
     */
    public Object get(String name) {
      return values.get(name);
    }

    /**
     * Returns a member's value as a type. Ask for a primitive member with its primitive class
     * ({@code long.class}): a payload without it, or with null, is then an
     * {@link UnmarshalException} rather than a {@code NullPointerException} in {@code load}.
     *
     * @param name the member name
     * @param type the expected type; a primitive class means its box, present and not null
     * @param <T> the expected type
     * @return the value, or null when absent or null and {@code type} is not primitive
     * @throws UnmarshalException if the value has another type, or {@code type} is primitive and
     *     the value is absent or null
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String name, Class<T> type) {
      Object v = values.get(name);
      if (v == null && type.isPrimitive()) {
        throw new UnmarshalException("member \"" + name + "\" is "
            + (values.containsKey(name) ? "null" : "missing") + ", but a " + type.getName()
            + " needs a value", null, cid, -1, -1, null);
      }
      Class<?> box = type.isPrimitive() ? io.transport.internal.Types.box(type) : type;
      if (v != null && !box.isInstance(v)) {
        throw new UnmarshalException(
            "member \"" + name + "\" is a " + v.getClass().getName() + ", not a " + type.getName(),
            null, cid, -1, -1, null);
      }
      return (T) v;
    }
  }
}
