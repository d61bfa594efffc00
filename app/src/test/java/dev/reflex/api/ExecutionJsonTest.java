package dev.reflex.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reflex.actions.Action;
import dev.reflex.actions.ResolvedParameters;
import dev.reflex.executions.Execution;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The streaming writer of execution views writes the very bytes {@code Json.mapper()} writes. */
class ExecutionJsonTest {

    record Point(int x, String label) {
    }

    @Test
    void writesWhatTheMapperWritesForEveryKindOfValue() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "quote \" backslash \\ newline \n tab \t control \u0001 é 漢 \uD83D\uDE00 </script>");
        m.put("int", 42);
        m.put("long", 1L << 53);
        m.put("double", 0.1);
        m.put("whole double", 3.0);
        m.put("nan", Double.NaN);
        m.put("infinity", Double.NEGATIVE_INFINITY);
        m.put("float", 1.5f);
        m.put("decimal", new BigDecimal("1.10"));
        m.put("big", new BigInteger("123456789012345678901234567890"));
        m.put("short", (short) 7);
        m.put("true", true);
        m.put("null", null);
        m.put("empty map", Map.of());
        m.put("empty list", List.of());
        m.put("list", Arrays.asList(1, "two", null, List.of(3.5, Map.of("k", "v"))));
        m.put("set", new LinkedHashSet<>(List.of("a", "b")));
        Map<Object, Object> numberKeys = new TreeMap<>();
        numberKeys.put(2, "two");
        numberKeys.put(1, "one");
        m.put("number keys", numberKeys);
        Map<Object, Object> mixedKeys = new LinkedHashMap<>();
        mixedKeys.put("s", 1);
        mixedKeys.put(3L, List.of());
        mixedKeys.put(java.time.DayOfWeek.MONDAY, "enum");
        mixedKeys.put(true, "boolean");
        m.put("mixed keys", mixedKeys);
        m.put("time", Instant.parse("2026-11-21T19:00:00.123456Z"));
        m.put("record", new Point(1, "p"));
        m.put("array", new int[] {1, 2});
        m.put("chars", new ArrayList<>(List.of('c')));
        assertThat(new String(ExecutionJson.write(m), UTF_8)).isEqualTo(Json.mapper().writeValueAsString(m));
        assertThat(ExecutionJson.write(m)).as("what Javalin's ctx.json sent").isEqualTo(
                Json.mapper().writeValueAsString(m).getBytes(UTF_8));
        assertThat(ExecutionJson.write(null)).isEqualTo("null".getBytes(UTF_8));
        Map<Object, Object> nullKey = new java.util.HashMap<>();
        nullKey.put(null, 1);
        assertThatThrownBy(() -> Json.mapper().writeValueAsString(nullKey)).hasMessageContaining("Null key");
        assertThatThrownBy(() -> ExecutionJson.write(nullKey)).hasMessageContaining("Null key");
    }

    @Test
    void writesAnExecutionViewAsTheJavalinPathDid() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("cmd", "echo \"hi\"");
        params.put("timeout", 60);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("user", "ops");
        context.put("rule", Map.of("ref", "examples.r", "id", "r1"));
        Execution e = Execution.requested("5f0a", "core.local", "local-shell-cmd",
                new ResolvedParameters(params, Map.of("cmd", "echo \"hi\""), Map.of("timeout", 60), List.of(), Set.of()),
                context, null,
                Instant.parse("2026-11-21T19:00:00.5Z"));
        Instant now = Instant.parse("2026-11-21T19:00:01.75Z");
        Map<String, Object> minimal = ExecutionViews.withActionView(e, Optional.empty(), now);
        assertThat(ExecutionJson.write(minimal)).isEqualTo(Json.mapper().writeValueAsString(minimal).getBytes(UTF_8));
        Action action = new Action("core", "local", "local-shell-cmd", "Runs a command", true, "", List.of(),
                Map.of(), List.of(Map.of("name", "t", "value", 1)), Map.of(), "", Optional.empty());
        Map<String, Object> full = ExecutionViews.withActionView(e,
                Optional.of(new ActionViewCache().view(action)), now);
        assertThat(ExecutionJson.write(full)).isEqualTo(Json.mapper().writeValueAsString(full).getBytes(UTF_8));
    }
}
