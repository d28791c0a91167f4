package io.transport.workers.internal;

import io.transport.Fn0;
import io.transport.TransportException;
import io.transport.workers.Isolation;
import io.transport.workers.Overflow;
import io.transport.workers.RestartPolicy;
import io.transport.workers.WorkerEvent;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What {@link io.transport.workers.Zone.Builder} collected, checked.
 *
 * @param name the zone's name
 * @param minWorkers workers kept
 * @param maxWorkers workers at most
 * @param idleTimeout idle time after which a worker above the minimum stops
 * @param isolation where workers run
 * @param init run once per worker, or null
 * @param maxInFlight calls per worker at once
 * @param queueCapacity calls waiting at most
 * @param overflow what a full queue does
 * @param jvmOptions extra options of worker JVMs
 * @param onEvent event listener, or null
 * @param onError error listener, or null
 * @param startTimeout how long a worker may take to start
 * @param restartPolicy when to restart workers and when to give up
 * @param retryUnstarted whether calls a dead worker had not taken run on another
 * @param callTimeout the deadline of calls, or null for none
 * @param timeoutGrace how long a call past its deadline may take to stop in its worker
 */
public record ZoneSpec(String name, int minWorkers, int maxWorkers, Duration idleTimeout,
    Isolation isolation, Fn0<?> init, int maxInFlight, int queueCapacity, Overflow overflow,
    List<String> jvmOptions, Consumer<? super WorkerEvent> onEvent,
    Consumer<? super TransportException> onError, Duration startTimeout,
    RestartPolicy restartPolicy, boolean retryUnstarted, Duration callTimeout,
    Duration timeoutGrace) {}
