package dev.reflex.triggers.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON text of plain data, as a string and as bytes. */
class SqlJsonTest {

    @Test
    void bytesAreTheUtf8OfTheText() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", "svc-1");
        body.put("severity", 3L);
        body.put("big", new BigInteger("123456789012345678901234567890"));
        body.put("ratio", 0.25);
        body.put("none", null);
        body.put("ok", true);
        body.put("text", "load is high on h\u00f4te \u6771\u4eac \ud83d\ude80 \"quoted\"\n\ttab");
        body.put("list", new ArrayList<>(List.of(1L, "two", Map.of("three", 3L))));
        String text = Sql.json(body);
        assertThat(text).startsWith("{\"service\":\"svc-1\",\"severity\":3,\"big\":123456789012345678901234567890,");
        assertThat(new String(Sql.jsonBytes(body), StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(Sql.plain(text)).isEqualTo(body);
    }

    @Test
    void readingGivesLongsBigIntegersAndTheLastOfARepeatedKey() throws Exception {
        Object v = Sql.readJson("{\"a\": 1, \"b\": 18446744073709551616, \"c\": [2.5, null], \"a\": 3}"
                .getBytes(StandardCharsets.UTF_8));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", 3L);
        expected.put("b", new BigInteger("18446744073709551616"));
        expected.put("c", Arrays.asList(2.5, null));
        assertThat(v).isEqualTo(expected);
        assertThat(((Map<?, ?>) v).get("a")).isInstanceOf(Long.class);
        assertThat(Sql.readJson(" 7 ".getBytes(StandardCharsets.UTF_8))).isEqualTo(7L);
    }

    @Test
    void aTextWithoutOneWholeValueIsAnError() {
        assertThatThrownBy(() -> Sql.readJson("{} []".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("unexpected content after the JSON value");
        assertThatThrownBy(() -> Sql.readJson("  ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("no JSON value");
        assertThatThrownBy(() -> Sql.readJson("{\"a\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> Sql.plain("[1] 2")).isInstanceOf(dev.reflex.store.StoreException.class);
    }

    @Test
    void largeDocumentsAreWrittenWhole() {
        Map<String, Object> big = new LinkedHashMap<>();
        for (int i = 0; i < 2000; i++) {
            big.put("k" + i, "v".repeat(i % 50));
        }
        byte[] bytes = Sql.jsonBytes(big);
        assertThat(Arrays.equals(bytes, Sql.json(big).getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Sql.plainMap(new String(bytes, StandardCharsets.UTF_8))).hasSize(2000);
    }
}
