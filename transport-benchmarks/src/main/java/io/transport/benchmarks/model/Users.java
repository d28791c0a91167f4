package io.transport.benchmarks.model;

import io.transport.annotations.Cid;
import java.util.List;

/**
 * About 1 KB of JSON: a list of {@link User}s, annotated with {@code @Cid}: marshalled by the code
 * {@code transport-apt} generates.
 *
 * @param users the users
 */
@Cid("bench.Users")
public record Users(List<User> users) {}
