package io.transport.workers;

/** Where the workers of a {@link Zone} run. */
public enum Isolation {
  /**
   * Workers are threads of this JVM. Arguments, results and events still go through
   * {@link io.transport.Transport}, so isolates share no mutable heap objects; shared arrays
   * pass by handle.
   */
  THREAD,
  /**
   * Workers are child JVMs started with this JVM's class path, the flags shared memory needs
   * and the zone's {@link Zone.Builder#jvmOptions JVM options}. A crashing worker fails only
   * its own calls and is replaced.
   */
  PROCESS
}
