package io.transport.benchmarks.plain;

import java.util.List;

/**
 * About 1 KB of JSON: a list of {@link User}s, without {@code @Cid}: marshalled by the ByteBuddy
 * marshaller that {@code Transport.register} builds.
 *
 * @param users the users
 */
public record Users(List<User> users) {}
