/**
 * Implementation of {@code io.transport.offheap}: segments in shared memory, their header layout,
 * the memory backend (Chronicle Bytes today, Java FFM later) and the marshallers. Not an API:
 * anything here may change in any release.
 */
package io.transport.offheap.internal;
