/**
 * Values whose static type is {@code Object}, an interface or an abstract class: written untagged
 * where the wire rules allow (string, boolean, int, finite double, list, null) and otherwise in
 * their class's tagged form; read back by cid from the registry, which is the allow-list.
 * {@code Set}, {@code Map}, {@code Optional} and object arrays get tagged containers here. An
 * object whose cid is not its first member is buffered and replayed. Implementation, not API.
 */
package io.transport.internal.values;
