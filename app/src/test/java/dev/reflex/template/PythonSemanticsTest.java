package dev.reflex.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Python's repr, json.dumps/loads and re as StackStorm relies on them. */
class PythonSemanticsTest {

    @ParameterizedTest(name = "repr({0}) = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            1.0        | 1.0
            0.1        | 0.1
            1.5e-05    | 1.5e-05
            0.0001     | 0.0001
            1e16       | 1e+16
            123456789012345.6 | 123456789012345.6
            1e15       | 1000000000000000.0
            -2.5       | -2.5
            1.7976931348623157e308 | 1.7976931348623157e+308
            """)
    void floats(double d, String expected) {
        assertThat(PyRepr.floatRepr(d)).isEqualTo(expected);
    }

    @Test
    void reprOfStringsAndContainers() {
        assertThat(PyRepr.repr("abc")).isEqualTo("'abc'");
        assertThat(PyRepr.repr("it's")).isEqualTo("\"it's\"");
        assertThat(PyRepr.repr("it's \"q\"")).isEqualTo("'it\\'s \"q\"'");
        assertThat(PyRepr.repr("a\nb\t\u0001é\u200b")).isEqualTo("'a\\nb\\t\\x01é\\u200b'");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", Arrays.asList(1L, null, true, 2.0));
        m.put("b", new BigInteger("123456789012345678901234567890"));
        assertThat(PyRepr.repr(m)).isEqualTo("{'a': [1, None, True, 2.0], 'b': 123456789012345678901234567890}");
        assertThat(PyRepr.str("plain")).isEqualTo("plain");
        assertThat(PyRepr.str(PyNone.NONE)).isEqualTo("None");
    }

    @Test
    void jsonDumpsLikePython() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", List.of());
        m.put("a", Map.of());
        m.put("n", Double.NaN);
        m.put("s", "ü\u2028");
        assertThat(PyJson.dumps(m)).isEqualTo("{\"z\": [], \"a\": {}, \"n\": NaN, \"s\": \"\\u00fc\\u2028\"}");
        assertThat(PyJson.dumps(m, -1, true, ",", ":", false)).isEqualTo("{\"a\":{},\"n\":NaN,\"s\":\"ü\u2028\",\"z\":[]}");
        assertThat(PyJson.dumps(Map.of("k", List.of(1L, 2L)), 4, false, ",", ": ", true)).isEqualTo("{\n    \"k\": [\n        1,\n        2\n    ]\n}");
    }

    @Test
    void jsonLoadsIsStrict() {
        assertThat(PyJson.loads(" 3 ")).isEqualTo(3L);
        assertThat(PyJson.loads("3.0")).isEqualTo(3.0);
        assertThat(PyJson.loads("\"x\"")).isEqualTo("x");
        assertThat(PyJson.loads("null")).isNull();
        assertThat(PyJson.loads("18446744073709551616")).isEqualTo(new BigInteger("18446744073709551616"));
        Object sentinel = new Object();
        assertThat(PyJson.loadsOr("check_load", sentinel)).isSameAs(sentinel);
        assertThat(PyJson.loadsOr("NaN", sentinel)).isSameAs(sentinel);
        assertThat(PyJson.loadsOr("1 2", sentinel)).isSameAs(sentinel);
        assertThat(PyJson.loadsOr("", sentinel)).isSameAs(sentinel);
        assertThatThrownBy(() -> PyJson.loads("{'a': 1}")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            (?P<host>\\w+)-(?P=host)  | (?<host>\\w+)-\\k<host>
            a\\Z                      | a\\z
            a{                        | a\\{
            a{,3}                     | a{0,3}
            a{2,}                     | a{2,}
            {}                        | \\{\\}
            [[a]                      | [\\[a]
            [a&&b]                    | [a&\\&b]
            []a]                      | [\\]a]
            [^]a]                     | [^\\]a]
            a(?#comment)b             | ab
            """)
    void regexTranslation(String python, String java) {
        assertThat(PyRegex.translate(python, new HashMap<>())).isEqualTo(java);
    }

    @Test
    void regexMatchingFollowsPython() {
        assertThat(PyRegex.compile("CRIT", 0).matchesAtStart("x CRIT")).isFalse();
        assertThat(PyRegex.compile("CRIT", 0).find("x CRIT")).isTrue();
        assertThat(PyRegex.compile("\\d+", 0).find("٣")).as("\\d is Unicode in Python 3").isTrue();
        assertThat(PyRegex.compile("a.b", 0).find("a\rb")).as("only \\n ends a line").isTrue();
        assertThat(PyRegex.compile("a.b", 0).find("a\nb")).isFalse();
        assertThat(PyRegex.compile("a.b", PyRegex.DOTALL).find("a\nb")).isTrue();
        assertThat(PyRegex.compile("ÉTÉ", PyRegex.IGNORECASE).find("été")).isTrue();
        assertThat(PyRegex.compile("(?P<my_name>b)", 0).replaceAll("abc", "[\\g<my_name>]")).isEqualTo("a[b]c");
        assertThat(PyRegex.compile("b", 0).replaceAll("abc", "$0\\n")).isEqualTo("a$0\nc");
        assertThatThrownBy(() -> PyRegex.compile("(unclosed", 0)).isInstanceOf(PatternSyntaxException.class);
    }
}
