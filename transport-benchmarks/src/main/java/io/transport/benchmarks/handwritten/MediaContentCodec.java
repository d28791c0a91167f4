package io.transport.benchmarks.handwritten;

import io.transport.benchmarks.model.Image;
import io.transport.benchmarks.model.Media;
import io.transport.benchmarks.model.MediaContent;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/** Hand-written codec of {@link MediaContent}; see {@link HandwrittenCodec}. */
public final class MediaContentCodec extends HandwrittenCodec<MediaContent> {
  private static final String CID = "bench.MediaContent";
  private static final SerializableString N_CID = new SerializedString("@cid");
  private static final SerializableString V_CID = new SerializedString(CID);

  private static final SerializableString N_MEDIA = new SerializedString("media");
  private static final SerializableString N_IMAGES = new SerializedString("images");

  private static final SerializableString N_URI = new SerializedString("uri");
  private static final SerializableString N_TITLE = new SerializedString("title");
  private static final SerializableString N_WIDTH = new SerializedString("width");
  private static final SerializableString N_HEIGHT = new SerializedString("height");
  private static final SerializableString N_FORMAT = new SerializedString("format");
  private static final SerializableString N_DURATION = new SerializedString("duration");
  private static final SerializableString N_SIZE = new SerializedString("size");
  private static final SerializableString N_BITRATE = new SerializedString("bitrate");
  private static final SerializableString N_HAS_BITRATE = new SerializedString("hasBitrate");
  private static final SerializableString N_PERSONS = new SerializedString("persons");
  private static final SerializableString N_PLAYER = new SerializedString("player");
  private static final SerializableString N_COPYRIGHT = new SerializedString("copyright");

  private static final SerializableString[] PLAYERS = names(Media.Player.values());
  private static final SerializableString[] SIZES = names(Image.Size.values());

  @Override
  void write(JsonGenerator g, MediaContent v) {
    g.writeStartObject();
    g.writeName(N_CID);
    g.writeString(V_CID);
    g.writeName(N_MEDIA);
    writeMedia(g, v.media());
    g.writeName(N_IMAGES);
    List<Image> images = v.images();
    if (images == null) {
      g.writeNull();
    } else {
      g.writeStartArray();
      for (int i = 0, n = images.size(); i < n; i++) {
        writeImage(g, images.get(i));
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void writeMedia(JsonGenerator g, Media m) {
    if (m == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeName(N_URI);
    g.writeString(m.uri());
    g.writeName(N_TITLE);
    g.writeString(m.title());
    g.writeName(N_WIDTH);
    g.writeNumber(m.width());
    g.writeName(N_HEIGHT);
    g.writeNumber(m.height());
    g.writeName(N_FORMAT);
    g.writeString(m.format());
    g.writeName(N_DURATION);
    g.writeNumber(m.duration());
    g.writeName(N_SIZE);
    g.writeNumber(m.size());
    g.writeName(N_BITRATE);
    g.writeNumber(m.bitrate());
    g.writeName(N_HAS_BITRATE);
    g.writeBoolean(m.hasBitrate());
    g.writeName(N_PERSONS);
    List<String> persons = m.persons();
    if (persons == null) {
      g.writeNull();
    } else {
      g.writeStartArray();
      for (int i = 0, n = persons.size(); i < n; i++) {
        g.writeString(persons.get(i));
      }
      g.writeEndArray();
    }
    g.writeName(N_PLAYER);
    if (m.player() == null) {
      g.writeNull();
    } else {
      g.writeString(PLAYERS[m.player().ordinal()]);
    }
    g.writeName(N_COPYRIGHT);
    g.writeString(m.copyright());
    g.writeEndObject();
  }

  private static void writeImage(JsonGenerator g, Image i) {
    if (i == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeName(N_URI);
    g.writeString(i.uri());
    g.writeName(N_TITLE);
    g.writeString(i.title());
    g.writeName(N_WIDTH);
    g.writeNumber(i.width());
    g.writeName(N_HEIGHT);
    g.writeNumber(i.height());
    g.writeName(N_SIZE);
    if (i.size() == null) {
      g.writeNull();
    } else {
      g.writeString(SIZES[i.size().ordinal()]);
    }
    g.writeEndObject();
  }

  @Override
  MediaContent read(JsonParser p) {
    startObject(p);
    cid(p, N_CID, CID);
    member(p, N_MEDIA);
    Media media = readMedia(p);
    member(p, N_IMAGES);
    List<Image> images = null;
    if (p.currentToken() != JsonToken.VALUE_NULL) {
      startArray(p);
      images = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        images.add(readImage(p));
      }
    }
    endObject(p);
    return new MediaContent(media, images);
  }

  private static Media readMedia(JsonParser p) {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw error(p, "an object");
    }
    member(p, N_URI);
    String uri = string(p);
    member(p, N_TITLE);
    String title = string(p);
    member(p, N_WIDTH);
    int width = intValue(p);
    member(p, N_HEIGHT);
    int height = intValue(p);
    member(p, N_FORMAT);
    String format = string(p);
    member(p, N_DURATION);
    long duration = longValue(p);
    member(p, N_SIZE);
    long size = longValue(p);
    member(p, N_BITRATE);
    int bitrate = intValue(p);
    member(p, N_HAS_BITRATE);
    boolean hasBitrate = booleanValue(p);
    member(p, N_PERSONS);
    List<String> persons = null;
    if (p.currentToken() != JsonToken.VALUE_NULL) {
      startArray(p);
      persons = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        persons.add(string(p));
      }
    }
    member(p, N_PLAYER);
    Media.Player player = player(p);
    member(p, N_COPYRIGHT);
    String copyright = string(p);
    endObject(p);
    return new Media(uri, title, width, height, format, duration, size, bitrate, hasBitrate,
        persons, player, copyright);
  }

  private static Image readImage(JsonParser p) {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw error(p, "an object");
    }
    member(p, N_URI);
    String uri = string(p);
    member(p, N_TITLE);
    String title = string(p);
    member(p, N_WIDTH);
    int width = intValue(p);
    member(p, N_HEIGHT);
    int height = intValue(p);
    member(p, N_SIZE);
    Image.Size size = size(p);
    endObject(p);
    return new Image(uri, title, width, height, size);
  }

  private static Media.Player player(JsonParser p) {
    String name = string(p);
    if (name == null) {
      return null;
    }
    switch (name) {
      case "JAVA":
        return Media.Player.JAVA;
      case "FLASH":
        return Media.Player.FLASH;
      default:
        throw error(p, "a Player");
    }
  }

  private static Image.Size size(JsonParser p) {
    String name = string(p);
    if (name == null) {
      return null;
    }
    switch (name) {
      case "SMALL":
        return Image.Size.SMALL;
      case "LARGE":
        return Image.Size.LARGE;
      default:
        throw error(p, "a Size");
    }
  }

  private static SerializableString[] names(Enum<?>[] constants) {
    SerializableString[] names = new SerializableString[constants.length];
    for (Enum<?> e : constants) {
      names[e.ordinal()] = new SerializedString(e.name());
    }
    return names;
  }
}
