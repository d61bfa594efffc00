package dev.reflex.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link JsonValues#writeTree} writes exactly what the generator's object mapper writes, for any value. */
class JsonValuesWriteTreeTest {

    private static String streamed(ObjectMapper mapper, Object value) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = mapper.createGenerator(out)) {
            JsonValues.writeTree(g, value);
        }
        return out.toString();
    }

    @Test
    void everyKindOfValueIsWrittenAsTheMapperWritesIt() throws Exception {
        Map<Object, Object> intKeys = new TreeMap<>();
        intKeys.put(2, "two");
        intKeys.put(1, List.of("one"));
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("s", "quote \" backslash \\ newline \n tab \t unicode \u00e9 \u2028 control \u0001");
        tree.put("l", Long.MIN_VALUE);
        tree.put("i", 7);
        tree.put("short", (short) 3);
        tree.put("d", 0.1);
        tree.put("whole double", 2.0);
        tree.put("nan", Double.NaN);
        tree.put("infinity", Double.NEGATIVE_INFINITY);
        tree.put("f", 1.25f);
        tree.put("big", BigInteger.TWO.pow(80));
        tree.put("decimal", new BigDecimal("1E+3"));
        tree.put("b", false);
        tree.put("null", null);
        tree.put("empty map", Map.of());
        tree.put("empty list", List.of());
        tree.put("list", new ArrayList<>(Arrays.asList(1L, null, "x", List.of(Map.of("k", 1)))));
        tree.put("int keys", intKeys);
        tree.put("set", new LinkedHashSet<>(List.of("a", "b")));
        tree.put("array", new int[] {1, 2});
        tree.put("char", 'c');
        tree.put("tree", new ObjectMapper().readTree("{\"n\": [1, 2.5, null]}"));
        for (ObjectMapper mapper : List.of(new ObjectMapper(), JsonMapper.builder().build(),
                dev.reflex.api.Json.mapper(), JsonValues.mapper())) {
            assertThat(streamed(mapper, tree)).isEqualTo(mapper.writeValueAsString(tree));
            for (Object v : tree.values()) {
                assertThat(streamed(mapper, v)).as(String.valueOf(v)).isEqualTo(mapper.writeValueAsString(v));
            }
            assertThat(streamed(mapper, null)).isEqualTo("null");
        }
        Map<String, Object> withTime = Map.of("at", Instant.ofEpochSecond(1_700_000_000L, 123_000_000));
        assertThat(streamed(dev.reflex.api.Json.mapper(), withTime))
                .as("a value the mapper has a module for").isEqualTo(dev.reflex.api.Json.mapper().writeValueAsString(withTime));
    }
}
