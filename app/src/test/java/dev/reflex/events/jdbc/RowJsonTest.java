package dev.reflex.events.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rows' JSON is the text Jackson's own mapper writes for the same values, streamed or not. */
class RowJsonTest {

    private static final JsonMapper MAPPER = new JsonMapper();

    @Test
    void plainValuesAreWrittenAsTheMapperWritesThem() throws Exception {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", "check_disk \"/\" \u00e9\n");
        check.put("status", 2);
        check.put("issued", 1_700_000_000L);
        check.put("duration", 0.25d);
        check.put("ratio", 1.5f);
        check.put("exact", new BigDecimal("12.500"));
        check.put("handle", false);
        check.put("source", null);
        check.put("subscribers", List.of("linux", "roundrobin:web"));
        check.put("history", Arrays.asList(0, null, 2));
        check.put("nested", Map.of("a", Map.of("b", List.of(Map.of("c", true)))));
        check.put("empty", Map.of());
        for (Object value : List.of(check, List.of(check, "x"), "text", 42L, Map.of("k", List.of()))) {
            assertThat(RowJson.write(value)).isEqualTo(MAPPER.writeValueAsString(value));
        }
    }

    @Test
    void valuesThatAreNotPlainDataGoToTheMapper() throws Exception {
        Map<Object, Object> numberKeys = new LinkedHashMap<>();
        numberKeys.put(1, "one");
        numberKeys.put("two", 2);
        Map<String, Object> withSet = new LinkedHashMap<>();
        withSet.put("tags", new LinkedHashSet<>(List.of("b", "a")));
        withSet.put("keys", numberKeys);
        withSet.put("array", new int[] {1, 2});
        assertThat(RowJson.write(withSet)).isEqualTo(MAPPER.writeValueAsString(withSet))
                .isEqualTo("{\"tags\":[\"b\",\"a\"],\"keys\":{\"1\":\"one\",\"two\":2},\"array\":[1,2]}");
    }
}
