package io.transport.benchmarks.model;

import com.dslplatform.json.CompiledJson;
import io.avaje.jsonb.Json;
import io.transport.annotations.Cid;
import java.util.List;

/**
 * A user, one element of {@link Users}.
 *
 * @param id the id
 * @param name the display name
 * @param email the e-mail address
 * @param age the age in years
 * @param active whether the account is active
 * @param score a reputation score
 * @param tags labels
 */
@Cid("bench.User")
@Json
@CompiledJson
public record User(
    long id, String name, String email, int age, boolean active, double score, List<String> tags) {}
