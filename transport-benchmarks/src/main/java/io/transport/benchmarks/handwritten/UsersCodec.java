package io.transport.benchmarks.handwritten;

import io.transport.benchmarks.model.User;
import io.transport.benchmarks.model.Users;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/** Hand-written codec of {@link Users}; see {@link HandwrittenCodec}. */
public final class UsersCodec extends HandwrittenCodec<Users> {
  private static final String CID = "bench.Users";
  private static final SerializableString N_CID = new SerializedString("@cid");
  private static final SerializableString V_CID = new SerializedString(CID);

  private static final SerializableString N_USERS = new SerializedString("users");

  private static final SerializableString N_ID = new SerializedString("id");
  private static final SerializableString N_NAME = new SerializedString("name");
  private static final SerializableString N_EMAIL = new SerializedString("email");
  private static final SerializableString N_AGE = new SerializedString("age");
  private static final SerializableString N_ACTIVE = new SerializedString("active");
  private static final SerializableString N_SCORE = new SerializedString("score");
  private static final SerializableString N_TAGS = new SerializedString("tags");

  @Override
  void write(JsonGenerator g, Users v) {
    g.writeStartObject();
    g.writeName(N_CID);
    g.writeString(V_CID);
    g.writeName(N_USERS);
    List<User> users = v.users();
    if (users == null) {
      g.writeNull();
    } else {
      g.writeStartArray();
      for (int i = 0, n = users.size(); i < n; i++) {
        writeUser(g, users.get(i));
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void writeUser(JsonGenerator g, User u) {
    if (u == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeName(N_ID);
    g.writeNumber(u.id());
    g.writeName(N_NAME);
    g.writeString(u.name());
    g.writeName(N_EMAIL);
    g.writeString(u.email());
    g.writeName(N_AGE);
    g.writeNumber(u.age());
    g.writeName(N_ACTIVE);
    g.writeBoolean(u.active());
    g.writeName(N_SCORE);
    // Transport writes NaN and infinities as strings; the samples have none.
    g.writeNumber(u.score());
    g.writeName(N_TAGS);
    List<String> tags = u.tags();
    if (tags == null) {
      g.writeNull();
    } else {
      g.writeStartArray();
      for (int i = 0, n = tags.size(); i < n; i++) {
        g.writeString(tags.get(i));
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  @Override
  Users read(JsonParser p) {
    startObject(p);
    cid(p, N_CID, CID);
    member(p, N_USERS);
    List<User> users = null;
    if (p.currentToken() != JsonToken.VALUE_NULL) {
      startArray(p);
      users = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        users.add(readUser(p));
      }
    }
    endObject(p);
    return new Users(users);
  }

  private static User readUser(JsonParser p) {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw error(p, "an object");
    }
    member(p, N_ID);
    long id = longValue(p);
    member(p, N_NAME);
    String name = string(p);
    member(p, N_EMAIL);
    String email = string(p);
    member(p, N_AGE);
    int age = intValue(p);
    member(p, N_ACTIVE);
    boolean active = booleanValue(p);
    member(p, N_SCORE);
    double score = doubleValue(p);
    member(p, N_TAGS);
    List<String> tags = null;
    if (p.currentToken() != JsonToken.VALUE_NULL) {
      startArray(p);
      tags = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        tags.add(string(p));
      }
    }
    endObject(p);
    return new User(id, name, email, age, active, score, tags);
  }
}
