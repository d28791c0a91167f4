package io.transport.benchmarks.model;

import io.transport.annotations.Cid;
import java.util.List;

/**
 * The jvm-serializers {@code MediaContent} payload, annotated with {@code @Cid}: marshalled by the
 * code {@code transport-apt} generates.
 *
 * @param media the media
 * @param images its images
 */
@Cid("bench.MediaContent")
public record MediaContent(Media media, List<Image> images) {}
