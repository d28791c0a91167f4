package io.transport.workers;

/**
 * An event a worker function emitted with {@link WorkerContext#emit(Object)}, as the zone's
 * event listener receives it. The events of one call reach the listener in the order the worker
 * emitted them, and before that call's task completes.
 *
 * @param zone the zone's name
 * @param workerId the id of the worker that emitted it
 * @param taskId the id of the call it belongs to ({@link Task#id()})
 * @param payload the event, as unmarshalled in this isolate; shared arrays in it are views owned
 *     by the listener, which closes them when done
 */
public record WorkerEvent(String zone, int workerId, long taskId, Object payload) {}
