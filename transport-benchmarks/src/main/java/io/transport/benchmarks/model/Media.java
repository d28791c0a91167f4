package io.transport.benchmarks.model;

import com.dslplatform.json.CompiledJson;
import io.avaje.jsonb.Json;
import io.transport.annotations.Cid;
import java.util.List;

/**
 * The media of a {@link MediaContent}.
 *
 * @param uri where it is
 * @param title its title, may be null
 * @param width width in pixels
 * @param height height in pixels
 * @param format the MIME type
 * @param duration duration in milliseconds
 * @param size size in bytes
 * @param bitrate bit rate
 * @param hasBitrate whether {@code bitrate} is known
 * @param persons the persons in it
 * @param player the player it needs
 * @param copyright the copyright, may be null
 */
@Cid("bench.Media")
@Json
@CompiledJson
public record Media(
    String uri,
    String title,
    int width,
    int height,
    String format,
    long duration,
    long size,
    int bitrate,
    boolean hasBitrate,
    List<String> persons,
    Player player,
    String copyright) {

  /** The player a media needs. */
  public enum Player {
    /** A Java applet. */
    JAVA,
    /** Flash. */
    FLASH
  }
}
