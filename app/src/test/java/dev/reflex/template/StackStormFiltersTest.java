package dev.reflex.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StackStormFiltersTest {

    private static final TemplateEngine ENGINE = TemplateEngineTest.ENGINE;

    private static String render(String template, Object value) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("v", TemplateValues.view(value));
        return ENGINE.render(template, ctx);
    }

    @Test
    void jsonFilters() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("b", List.of(1L, 2.5, true));
        v.put("a", null);
        v.put("é", "x\"y");
        assertThat(render("{{ v | to_json_string }}", v)).isEqualTo("{\"b\": [1,2.5,true],\"a\": null,\"\\u00e9\": \"x\\\"y\"}");
        assertThat(render("{{ v | to_json_string(sort_keys=True) }}", v)).startsWith("{\"a\": null,\"b\"");
        assertThat(render("{{ v | to_json_string(2) }}", Map.of("k", List.of(1L)))).isEqualTo("{\n  \"k\": [\n    1\n  ]\n}");
        assertThat(render("{{ v | to_complex }}", v)).isEqualTo("{\"b\": [1, 2.5, true], \"a\": null, \"\\u00e9\": \"x\\\"y\"}");
        assertThat(render("{{ v | json_escape }}", "say \"hi\"\n")).isEqualTo("say \\\"hi\\\"\\n");
        assertThat(render("{{ (v | from_json_string).a }}", "{\"a\": [1, 2]}")).isEqualTo("[1, 2]");
        assertThat(render("{{ (v | from_yaml_string).a }}", "a: 1\n")).isEqualTo("1");
        assertThat(render("{{ v | to_yaml_string }}", Map.of("a", 1L))).isEqualTo("a: 1\n");
        assertThat(render("{{ v | jsonpath_query('a[*].b') }}", Fixture.json("{\"a\": [{\"b\": 1}, {\"b\": 2}]}")))
                .isEqualTo("[1, 2]");
        assertThat(render("{{ v | jsonpath_query('zz') }}", Map.of("a", 1L))).isEqualTo("None");
        assertThatThrownBy(() -> render("{{ v | from_json_string }}", "not json")).hasMessageContaining("not valid JSON");
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            v | regex_match('b')                      | abc        | False
            v | regex_match('a')                      | abc        | True
            v | regex_match('A', ignorecase=True)     | abc        | True
            v | regex_search('b')                     | abc        | True
            v | regex_replace('b+', 'X')              | abbc       | aXc
            v | regex_replace('(?P<first>a)(b)', '\\\\2\\\\g<first>') | abc | bac
            v | regex_substring('(\\\\d+)', 1)           | a1b22      | 22
            v | regex_substring('[a-z]+')             | 12ab34cd   | ab
            v | version_compare('1.2.4')              | 1.2.3      | -1
            v | version_more_than('1.0.0')            | 1.2.3      | True
            v | version_less_than('1.0.0')            | 1.2.3      | False
            v | version_equal('1.2.3+build')          | 1.2.3      | True
            v | version_match('>=1.2.0')              | 1.2.3      | True
            v | version_match('<1.2.3')               | 1.2.3-rc.1 | True
            v | version_bump_major                    | 1.2.3-rc.1 | 2.0.0
            v | version_bump_minor                    | 1.2.3      | 1.3.0
            v | version_bump_patch                    | 1.2.3      | 1.2.4
            v | version_strip_patch                   | 1.2.3      | 1.2
            v | basename                              | /a/b/c.txt | c.txt
            v | dirname                               | /a/b/c.txt | /a/b
            v | use_none                              | x          | x
            """)
    void stringFilters(String var, String filter, String input, String expected) {
        assertThat(render("{{ " + var + " | " + filter + " }}", input)).isEqualTo(expected);
    }

    @Test
    void humanTimeAndUseNone() {
        assertThat(render("{{ v | to_human_time_from_seconds }}", 3725L)).isEqualTo("1h2m5s");
        assertThat(render("{{ v | to_human_time_from_seconds }}", 0L)).isEqualTo("0s");
        assertThat(render("{{ v | to_human_time_from_seconds }}", 59L)).isEqualTo("59s");
        assertThat(render("{{ v | to_human_time_from_seconds }}", 90061.4)).isEqualTo("1d1h1m1s");
        assertThat(render("{{ v | to_human_time_from_seconds }}", 0.5)).isEqualTo("0.5\u03BCs");
        assertThat(render("{{ v | use_none }}", null)).isEqualTo(StackStormFilters.NONE_MAGIC_VALUE);
        assertThatThrownBy(() -> render("{{ v | version_bump_major }}", "1.2")).hasMessageContaining("is not valid SemVer string");
    }

    /** A tiny JSON helper local to this test. */
    static final class Fixture {
        static Object json(String text) {
            return PyJson.loads(text);
        }
    }
}
