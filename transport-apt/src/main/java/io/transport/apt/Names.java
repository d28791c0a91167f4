package io.transport.apt;

import com.palantir.javapoet.ClassName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Names of generated classes, constants and locals, and of the runtime types they use. */
final class Names {
  static final String CID = "io.transport.annotations.Cid";
  static final String CREATOR = "io.transport.annotations.Cid.Creator";
  static final String TRANSPORTABLE = "io.transport.Transportable";
  static final String SHAREABLE = "io.transport.Shareable";
  static final String TRANSPORTABLE_OBJECT = "io.transport.TransportableObject";
  static final String COMPONENT_OPTION = "transport.component";
  static final String SERVICES = "META-INF/services/io.transport.spi.GeneratedComponent";
  static final String PROCESSOR = "io.transport.apt.TransportProcessor";

  private static final String SPI = "io.transport.spi";
  static final ClassName CODEC = ClassName.get(SPI, "Codec");
  static final ClassName CODECS = ClassName.get(SPI, "Codecs");
  static final ClassName VALUES = ClassName.get(SPI, "Values");
  static final ClassName MARSHALLER = ClassName.get(SPI, "Marshaller");
  static final ClassName OBJECT_MARSHALLER = ClassName.get(SPI, "ObjectMarshaller");
  static final ClassName ENUM_MARSHALLER = ClassName.get(SPI, "EnumMarshaller");
  static final ClassName ENUM_NAMES = ClassName.get(SPI, "EnumNames");
  static final ClassName UNMARSHAL_EXCEPTION =
      ClassName.get("io.transport", "UnmarshalException");
  static final ClassName TO_MARSHALLER = ClassName.get(SPI, "TransportableObjectMarshaller");
  static final ClassName COMPONENT = ClassName.get(SPI, "GeneratedComponent");
  static final ClassName REGISTRAR = ClassName.get(SPI, "Registrar");
  static final ClassName WRITE_CONTEXT = ClassName.get(SPI, "WriteContext");
  static final ClassName READ_CONTEXT = ClassName.get(SPI, "ReadContext");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  static final ClassName GENERATOR = ClassName.get("tools.jackson.core", "JsonGenerator");
  static final ClassName PARSER = ClassName.get("tools.jackson.core", "JsonParser");
  static final ClassName TOKEN = ClassName.get("tools.jackson.core", "JsonToken");
  static final ClassName SERIALIZABLE_STRING =
      ClassName.get("tools.jackson.core", "SerializableString");

  /** Names the generated code itself uses in {@code readMembers}; locals must avoid them. */
  private static final Set<String> RESERVED = Set.of("p", "c", "atName", "t", "name", "v");

  private Names() {}

  /** {@code geo.Outer.Inner} → {@code geo.Transport_Outer_Inner}. */
  static ClassName marshaller(ClassName type) {
    return ClassName.get(type.packageName(), "Transport_" + String.join("_", type.simpleNames()));
  }

  /** Returns {@code io.transport.FnN}. */
  static ClassName fn(int arity) {
    return ClassName.get("io.transport", "Fn" + arity);
  }

  /**
   * Returns the constant suffix of each member, in order: {@code firstName} → {@code FIRST_NAME},
   * made unique with a counter where two names collide.
   */
  static List<String> constants(List<String> members) {
    List<String> out = new ArrayList<>(members.size());
    Set<String> used = new TreeSet<>();
    for (String m : members) {
      String base = constant(m);
      String name = base;
      for (int i = 2; !used.add(name); i++) {
        name = base + "_" + i;
      }
      out.add(name);
    }
    return out;
  }

  static String constant(String member) {
    StringBuilder s = new StringBuilder(member.length() + 4);
    for (int i = 0; i < member.length(); i++) {
      char ch = member.charAt(i);
      if (Character.isUpperCase(ch) && i > 0
          && (Character.isLowerCase(member.charAt(i - 1))
              || Character.isDigit(member.charAt(i - 1)))) {
        s.append('_');
      }
      s.append(Character.toUpperCase(ch));
    }
    return s.toString();
  }

  /**
   * The locals that hold members while reading: the member's name, with underscores appended
   * where it would clash with a name of the generated method or with another local.
   */
  static List<String> locals(List<String> members) {
    Set<String> used = new TreeSet<>(RESERVED);
    used.addAll(members);
    List<String> out = new ArrayList<>(members.size());
    for (String m : members) {
      String name = m;
      if (RESERVED.contains(m)) {
        do {
          name += "_";
        } while (!used.add(name));
      }
      out.add(name);
    }
    return out;
  }

  /** The default cid of a method: {@code geo.Shapes#distance}. */
  static String methodCid(String ownerBinaryName, String method) {
    return ownerBinaryName + "#" + method;
  }

  /** 8 lowercase hex digits of SHA-256 over the sorted cids, one per line. */
  static String hash(Collection<String> cids) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String cid : new TreeSet<>(cids)) {
        md.update(cid.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
      }
      return HexFormat.of().formatHex(md.digest(), 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
