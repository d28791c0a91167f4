package io.transport.benchmarks.model;

import com.dslplatform.json.CompiledJson;
import io.avaje.jsonb.Json;
import io.transport.annotations.Cid;
import java.util.List;

/**
 * About 1 KB of JSON: a list of {@link User}s, annotated like {@link MediaContent} for every code
 * generator compared.
 *
 * @param users the users
 */
@Cid("bench.Users")
@Json
@CompiledJson
public record Users(List<User> users) {}
