/**
 * Shared state across isolates: {@link io.transport.store.Store}, named key/value stores that
 * every thread and process of an application reaches by name, and
 * {@link io.transport.store.SharedLock}, a lock that travels by handle and is released when its
 * holder process dies.
 */
package io.transport.store;
