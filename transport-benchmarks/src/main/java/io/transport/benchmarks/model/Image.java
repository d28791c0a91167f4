package io.transport.benchmarks.model;

import com.dslplatform.json.CompiledJson;
import io.avaje.jsonb.Json;
import io.transport.annotations.Cid;

/**
 * An image of a {@link MediaContent}.
 *
 * @param uri where it is
 * @param title its title, may be null
 * @param width width in pixels
 * @param height height in pixels
 * @param size its size class
 */
@Cid("bench.Image")
@Json
@CompiledJson
public record Image(String uri, String title, int width, int height, Size size) {

  /** The size class of an image. */
  public enum Size {
    /** A thumbnail. */
    SMALL,
    /** Full size. */
    LARGE
  }
}
