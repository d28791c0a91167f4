/**
 * The wire formats: one JSON and one Smile factory per set of limits, the limits themselves
 * (Jackson's read and write constraints, our depth and size bounds), the striped pool of Jackson's
 * buffers and the output buffer a payload is written to. Implementation, not API.
 */
package io.transport.internal.formats;
