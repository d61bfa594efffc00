package dev.reflex.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link PyJson#plainCopy} is the same as the round trip through a Jackson tree it replaces, and a copy. */
class PyJsonPlainCopyTest {

    @Test
    void copiesExactlyAsTheTreeRoundTrip() {
        Map<Object, Object> inner = new LinkedHashMap<>();
        inner.put(7, "key seven");
        inner.put(null, "null key");
        inner.put("none", PyNone.NONE);
        inner.put("missing", new KeyValueLookup.Missing(null, "a.b"));
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "text");
        value.put("sb", new StringBuilder("built"));
        value.put("b", true);
        value.put("i", 3);
        value.put("l", Long.MIN_VALUE);
        value.put("small big integer", BigInteger.valueOf(42));
        value.put("big integer", BigInteger.TWO.pow(70));
        value.put("long edge", BigInteger.valueOf(Long.MAX_VALUE));
        value.put("decimal", new BigDecimal("1.50"));
        value.put("zero decimal", BigDecimal.ZERO);
        value.put("d", 2.5);
        value.put("nan", Double.NaN);
        value.put("f", 1.25f);
        value.put("short", (short) 9);
        value.put("atomic", new AtomicLong(11));
        value.put("null", null);
        value.put("inner", inner);
        value.put("list", new ArrayList<>(Arrays.asList(1, "two", null, List.of(3.5))));
        value.put("set", new LinkedHashSet<>(List.of("x", "y")));
        value.put("char", 'c');
        value.put("enum", java.time.DayOfWeek.MONDAY);

        Object copy = PyJson.plainCopy(value);

        assertThat(copy).isEqualTo(PyJson.toPlain(PyJson.toNode(value)));
        List<Object> treeKeys = new ArrayList<>(((Map<?, ?>) PyJson.toPlain(PyJson.toNode(value))).keySet());
        assertThat(new ArrayList<Object>(((Map<?, ?>) copy).keySet())).isEqualTo(treeKeys);
        assertThat(((Map<?, ?>) copy).get("i")).isInstanceOf(Long.class);
        assertThat(((Map<?, ?>) copy).get("decimal")).isEqualTo(1.5);
        assertThat(((Map<?, ?>) copy).get("big integer")).isEqualTo(BigInteger.TWO.pow(70));
    }

    @Test
    void theCopyIsIndependentOfTheInput() {
        Map<String, Object> nested = new HashMap<>(Map.of("a", 1));
        Map<String, Object> value = new HashMap<>(Map.of("nested", nested));

        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) PyJson.plainCopy(value);
        @SuppressWarnings("unchecked")
        Map<String, Object> nestedCopy = (Map<String, Object>) copy.get("nested");
        nestedCopy.put("b", 2);

        assertThat(nested).doesNotContainKey("b");
        assertThat(copy).isInstanceOf(LinkedHashMap.class);
    }

    @Test
    void plainIsExactlyWhatCopiesToAnEqualValueOfTheSameTypes() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("l", 1L);
        nested.put("d", 0.5);
        nested.put("big", BigInteger.TWO.pow(70));
        nested.put("null", null);
        nested.put("list", new ArrayList<>(Arrays.asList("a", true, null, List.of(2L))));
        List<Object> plain = List.of("s", true, 3L, 2.5, BigInteger.TWO.pow(64), nested, Map.of("k", List.of()));
        for (Object v : plain) {
            assertThat(PyJson.isPlain(v)).as(String.valueOf(v)).isTrue();
            assertThat(PyJson.plainCopy(v)).isEqualTo(v);
        }
        assertThat(PyJson.isPlain(null)).isTrue();
        Map<Object, Object> intKey = new HashMap<>();
        intKey.put(1, "x");
        List<Object> notPlain = List.of(3, 1.5f, BigInteger.ONE, BigInteger.valueOf(Long.MAX_VALUE), new BigDecimal("1.5"),
                new StringBuilder("x"), PyNone.NONE, new LinkedHashSet<>(List.of("x")), intKey,
                Map.of("deep", List.of(Map.of("n", 1))), 'c');
        for (Object v : notPlain) {
            assertThat(PyJson.isPlain(v)).as(v + " (" + v.getClass().getSimpleName() + ")").isFalse();
        }
    }
}
