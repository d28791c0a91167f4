/**
 * Functions in payloads: serializable lambdas and method references typed {@code Fn0} to
 * {@code Fn4}, written as {@code transport.Lambda} (declaring class, method and captured
 * arguments) or, for a registered static method, {@code transport.Fn} by cid; read only where a
 * context allows functions, without loading a class the payload merely names. Implementation,
 * not API.
 */
package io.transport.internal.functions;
