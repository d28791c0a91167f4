package io.transport.benchmarks.plain;

import java.util.List;

/**
 * The jvm-serializers {@code MediaContent} payload, without {@code @Cid}: marshalled by the
 * ByteBuddy marshaller that {@code Transport.register} builds.
 *
 * @param media the media
 * @param images its images
 */
public record MediaContent(Media media, List<Image> images) {}
