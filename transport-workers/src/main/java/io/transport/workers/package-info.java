/**
 * Zones of worker isolates: {@link io.transport.workers.Zone} runs functions on threads or child
 * JVMs, {@link io.transport.workers.Task} controls one call, and
 * {@link io.transport.workers.WorkerContext} is what a running function sees.
 */
package io.transport.workers;
