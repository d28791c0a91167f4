package io.transport.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type or a static method as transportable and gives it a <em>constructor id</em>
 * (cid): the stable name that payloads use instead of a Java class name.
 *
 * <p>The annotation processor in {@code transport-apt} writes the marshalling code of every
 * annotated type at compile time and lists the type in the generated registry of its module.
 * That registry is the allow-list of everything a payload may name: a cid that no registry
 * knows is rejected.
 *
 * <pre>{@code
 * @Cid("geo.Point")
 * public record Point(double x, double y) {}
 *
 * @Cid
 * public static double distance(Point a, Point b) { ... }   // cid "geo.Shapes#distance"
 * }</pre>
 *
 * <p>Where it may appear:
 * <ul>
 *   <li>a class, record or enum: its values are marshalled field by field (records through
 *       their canonical constructor, classes through a no-arg constructor or the constructor
 *       marked {@link Creator});
 *   <li>a sealed interface or an abstract (sealed or not) class: fields of that static type
 *       carry the cid of the runtime value, which must be one of the annotated subtypes;
 *   <li>a static method: references to it ({@code Shapes::distance} typed as a
 *       {@code io.transport.Fn2}) are marshalled by cid and resolved without naming a class.
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Cid {

  /**
   * The constructor id. Empty (the default) means the binary class name, such as
   * {@code geo.Point} or {@code geo.Outer$Inner}; for a method, {@code Class#method}.
   *
   * @return the cid, or empty for the default
   */
  String value() default "";

  /**
   * Marks the constructor that unmarshalling calls. Its parameters are matched to fields by
   * name, so every parameter must have the name of a marshalled field. Needed only for a class
   * that has no no-arg constructor (records always use their canonical constructor).
   */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.CONSTRUCTOR)
  @interface Creator {}
}
