package dev.reflex.runners.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PythonStrTest {

    @ParameterizedTest
    @CsvSource({
        "1.0, 1.0", "0.1, 0.1", "1e16, 1e+16", "1e-5, 1e-05", "0.0001, 0.0001",
        "123456789012345678.0, 1.2345678901234568e+17", "1.5e300, 1.5e+300", "-2.5, -2.5",
        "0.3333333333333333, 0.3333333333333333", "100.0, 100.0", "1e15, 1000000000000000.0", "12345.678, 12345.678",
    })
    void floatsLikePythonRepr(double value, String expected) {
        assertThat(PythonStr.floatRepr(value)).isEqualTo(expected);
    }

    @Test
    void containersLikePythonStr() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("k", "v");
        List<Object> list = Arrays.asList("a", 1, true, null, 1.5, inner);
        assertThat(PythonStr.str(list)).isEqualTo("['a', 1, True, None, 1.5, {'k': 'v'}]");
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", List.of(1, 2));
        map.put("b", "it's");
        assertThat(PythonStr.str(map)).isEqualTo("{'a': [1, 2], 'b': \"it's\"}");
    }

    @Test
    void stringsAndEscapes() {
        assertThat(PythonStr.str("plain")).isEqualTo("plain");
        assertThat(PythonStr.repr("tab\there")).isEqualTo("'tab\\there'");
        assertThat(PythonStr.repr("q\"uote's")).isEqualTo("'q\"uote\\'s'");
        assertThat(PythonStr.repr("\u0001\u007f\u0085é")).isEqualTo("'\\x01\\x7f\\x85é'");
        assertThat(PythonStr.str(true)).isEqualTo("True");
        assertThat(PythonStr.str(null)).isEqualTo("None");
    }
}
