package io.transport.benchmarks.model;

import com.dslplatform.json.CompiledJson;
import io.avaje.jsonb.Json;
import io.transport.annotations.Cid;
import java.util.List;

/**
 * The jvm-serializers {@code MediaContent} payload, annotated for every code generator compared:
 * {@code @Cid} for {@code transport-apt}, {@code @Json} for avaje-jsonb and {@code @CompiledJson}
 * for dsl-json. Databind, Kryo and Fory use the same classes.
 *
 * @param media the media
 * @param images its images
 */
@Cid("bench.MediaContent")
@Json
@CompiledJson
public record MediaContent(Media media, List<Image> images) {}
