package io.transport.apt;

import static com.google.common.truth.Truth.assertThat;

import com.palantir.javapoet.ClassName;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void marshallerJoinsSimpleNames() {
    assertThat(Names.marshaller(ClassName.get("geo", "Point")).canonicalName())
        .isEqualTo("geo.Transport_Point");
    assertThat(Names.marshaller(ClassName.get("geo", "Outer", "Inner")).canonicalName())
        .isEqualTo("geo.Transport_Outer_Inner");
    assertThat(Names.marshaller(ClassName.get("", "Top")).canonicalName())
        .isEqualTo("Transport_Top");
  }

  @Test
  void constantsAreUpperSnakeCaseAndUnique() {
    assertThat(Names.constant("x")).isEqualTo("X");
    assertThat(Names.constant("firstName")).isEqualTo("FIRST_NAME");
    assertThat(Names.constant("x1Y")).isEqualTo("X1_Y");
    assertThat(Names.constant("URL")).isEqualTo("URL");
    assertThat(Names.constants(List.of("fooBar", "foo_bar", "FOO_BAR")))
        .containsExactly("FOO_BAR", "FOO_BAR_2", "FOO_BAR_3").inOrder();
  }

  @Test
  void localsAvoidTheGeneratedMethodsOwnNamesAndEachOther() {
    assertThat(Names.locals(List.of("x", "p", "c", "t", "name", "v", "atName")))
        .containsExactly("x", "p_", "c_", "t_", "name_", "v_", "atName_").inOrder();
    assertThat(Names.locals(List.of("name", "name_", "p", "p_", "p__")))
        .containsExactly("name__", "name_", "p___", "p_", "p__").inOrder();
  }

  @Test
  void methodCid() {
    assertThat(Names.methodCid("geo.Shapes", "distance")).isEqualTo("geo.Shapes#distance");
  }

  @Test
  void hashIsStableOrderFreeAndEightHexDigits() {
    String h = Names.hash(List.of("geo.Point", "geo.Color"));
    assertThat(h).matches("[0-9a-f]{8}");
    assertThat(Names.hash(List.of("geo.Color", "geo.Point"))).isEqualTo(h);
    assertThat(Names.hash(List.of("geo.Point"))).isNotEqualTo(h);
  }
}
