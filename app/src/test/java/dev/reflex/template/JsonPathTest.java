package dev.reflex.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonPathTest {

    private static final Object DOC = Map.of("trigger", PyJson.loads("""
            {"a": {"b": 1, "c-d": 2, "x.y": 3}, "list": [{"n": 1}, {"n": 2}, {"m": {"n": 3}}], "s": "abc", "nil": null,
             "empty": [], "num": 5}"""));

    private static Object first(String path) {
        return JsonPath.parse(path).first(DOC);
    }

    @Test
    void namesBracketsAndIndexes() {
        assertThat(first("trigger.a.b")).isEqualTo(1L);
        assertThat(first("trigger.a['c-d']")).isEqualTo(2L);
        assertThat(first("trigger.a[\"x.y\"]")).isEqualTo(3L);
        assertThat(first("trigger['a'].b")).isEqualTo(1L);
        assertThat(first("trigger.list[1].n")).isEqualTo(2L);
        assertThat(first("trigger.list[9]")).isNull();
        assertThat(first("trigger.s[1]")).isEqualTo("b");
        assertThat(first("trigger.nil")).isNull();
        assertThat(first("trigger.missing.deeper")).isNull();
        assertThat(first("trigger.s.x")).as("a name on a string matches nothing").isNull();
        assertThat(first("trigger.empty[0]")).isNull();
        assertThat(first("$.trigger.a.b")).isEqualTo(1L);
        assertThat(first("trigger . a . b")).isEqualTo(1L);
    }

    @Test
    void wildcardsSlicesUnionsAndDescendants() {
        assertThat(JsonPath.parse("trigger.list[*].n").findAll(DOC)).containsExactly(1L, 2L);
        assertThat(JsonPath.parse("trigger.list[1:].n").findAll(DOC)).containsExactly(2L);
        assertThat(JsonPath.parse("trigger.a.*").findAll(DOC)).containsExactly(1L, 2L, 3L);
        assertThat(JsonPath.parse("trigger.a.b,missing,b").findAll(DOC)).containsExactly(1L, 1L);
        assertThat(JsonPath.parse("trigger.list..n").findAll(DOC)).containsExactly(1L, 2L, 3L);
        assertThat(JsonPath.parse("trigger.s[*]").findAll(DOC)).containsExactly("abc");
        assertThat(first("trigger..n")).isEqualTo(1L);
    }

    @Test
    void stackStormSyntaxLimitsAreKept() {
        assertThatThrownBy(() -> JsonPath.parse("trigger.X-Custom-Header")).hasMessageContaining("unexpected '-'");
        assertThatThrownBy(() -> JsonPath.parse("trigger.0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonPath.parse("trigger['open")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> JsonPath.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(JsonPath.parse("trigger.a.b").isSimple()).isTrue();
        assertThat(JsonPath.parse("trigger.a[0]").isSimple()).isFalse();
    }

    @Test
    void anIndexOnANumberRaisesLikeJsonpathRw() {
        assertThatThrownBy(() -> first("trigger.num[0]")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no len()");
    }

    @Test
    void theDatastoreIsReadThroughSystem() {
        Map<String, Object> root = Map.of("system", new KeyValueLookup(k -> k.equals("k") ? Optional.of("v") : Optional.empty()));
        assertThat(JsonPath.parse("system.k").first(root)).isEqualTo("v");
        assertThat(JsonPath.parse("system.nope").first(root)).isNull();
    }
}
