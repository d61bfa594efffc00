package dev.reflex.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplateEngineTest {

    static final TemplateEngine ENGINE = new TemplateEngine();

    private static Map<String, Object> context() {
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("name", "web-01");
        trigger.put("n", 3L);
        trigger.put("f", 1.5);
        trigger.put("b", true);
        trigger.put("nil", null);
        trigger.put("list", new ArrayList<>(List.of(1L, "a", true)));
        trigger.put("m", new LinkedHashMap<>(Map.of("k", "v")));
        trigger.put("q", "it's");
        trigger.put("evil", "{{ 7 * 7 }}");
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("trigger", TemplateValues.view(trigger));
        ctx.put("st2kv", Map.of("system", new KeyValueLookup(k -> switch (k) {
            case "host" -> Optional.of("db1");
            case "slack.token" -> Optional.of("xoxb");
            default -> Optional.empty();
        })));
        return ctx;
    }

    private static String render(String template) {
        return ENGINE.render(template, context());
    }

    @Test
    void valuesPrintAsPythonPrintsThem() {
        assertThat(render("{{ trigger.name }}")).isEqualTo("web-01");
        assertThat(render("{{ trigger.b }}")).isEqualTo("True");
        assertThat(render("{{ trigger.nil }}")).isEqualTo("None");
        assertThat(render("{{ trigger.list }}")).isEqualTo("[1, 'a', True]");
        assertThat(render("{{ trigger.m }}")).isEqualTo("{'k': 'v'}");
        assertThat(render("{{ trigger.f * 2 }}")).isEqualTo("3.0");
        assertThat(render("{{ 1e20 }}")).isEqualTo("1e+20");
        assertThat(render("{{ trigger }}")).isEqualTo("{'name': 'web-01', 'n': 3, 'f': 1.5, 'b': True, 'nil': None, "
                + "'list': [1, 'a', True], 'm': {'k': 'v'}, 'q': \"it's\", 'evil': '{{ 7 * 7 }}'}");
    }

    @Test
    void undefinedVariablesAreErrorsButDefaultAndIsDefinedWork() {
        assertThatThrownBy(() -> render("{{ trigger.missing }}")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("'trigger.missing' is undefined");
        assertThatThrownBy(() -> render("{{ nope }}")).isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> render("{{ trigger.missing | upper }}")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("undefined");
        assertThatThrownBy(() -> render("{{ trigger.missing | to_complex }}")).isInstanceOf(TemplateException.class);
        assertThat(render("{{ trigger.missing | default('d') }}")).isEqualTo("d");
        assertThat(render("{{ trigger.missing is defined }}")).isEqualTo("False");
        assertThat(render("{{ trigger.name is defined }}")).isEqualTo("True");
    }

    @Test
    void aNullValueIsDefinedAndIsNone() {
        assertThat(render("{{ trigger.nil is none }}")).isEqualTo("True");
        assertThat(render("{{ trigger.n is none }}")).isEqualTo("False");
        assertThat(render("{{ trigger.nil | default('d') }}")).as("default applies to undefined only").isEqualTo("None");
        assertThat(render("{% if trigger.nil %}y{% else %}n{% endif %}")).isEqualTo("n");
        assertThat(render("{{ None }}")).isEqualTo("None");
    }

    @Test
    void renderedTextIsNeverRenderedAgain() {
        assertThat(render("{{ trigger.evil }}")).isEqualTo("{{ 7 * 7 }}");
    }

    @Test
    void blocksTrimTheirLineAndTheFinalNewlineIsDropped() {
        assertThat(render("{% if trigger.b %}\n  yes\n{% endif %}\n")).isEqualTo("  yes\n");
        assertThat(render("line {{ trigger.n }}\n")).isEqualTo("line 3");
        assertThat(ENGINE.render(ENGINE.compile("plain\n"), Map.of())).isEqualTo("plain");
        assertThat(render("{% for k in trigger.m %}{{ k }}={{ trigger.m[k] }}{% endfor %}")).isEqualTo("k=v");
    }

    @Test
    void datastoreKeysAreLookedUpLazilyAndMissingOnesRenderEmpty() {
        List<String> asked = new ArrayList<>();
        KeyValueLookup kv = new KeyValueLookup(k -> {
            asked.add(k);
            return k.equals("a") ? Optional.of("1") : Optional.empty();
        });
        Map<String, Object> ctx = Map.of("st2kv", Map.of("system", kv));
        assertThat(ENGINE.render("{{ st2kv.system.a }}{{ st2kv.system.a }}", ctx)).isEqualTo("11");
        assertThat(asked).containsExactly("a");
        assertThat(render("[{{ st2kv.system.nope }}]")).isEqualTo("[]");
        assertThat(render("{{ st2kv.system.host }}")).isEqualTo("db1");
        assertThat(render("{{ st2kv.system.slack.token }}")).isEqualTo("xoxb");
        assertThatThrownBy(() -> render("{{ st2kv.system.nope | decrypt_kv }}"))
                .hasMessageContaining("Referenced datastore item \"st2kv.system.nope\" doesn't exist or it contains an empty string");
        assertThat(render("{{ st2kv.system.host | decrypt_kv }}")).isEqualTo("db1");
    }

    @Test
    void compileReportsSyntaxErrorsAndUnknownFilters() {
        assertThat(ENGINE.problems("{{ trigger.name")).containsExactly("Unclosed token");
        assertThat(ENGINE.problems("{% if x %}")).singleElement().asString().contains("Missing end tag");
        assertThat(ENGINE.problems("{{ a + }}")).singleElement().asString().contains("syntax error");
        assertThat(ENGINE.problems("{% if x %}{{ a + }}{% endif %}")).as("also inside untaken branches").hasSize(1);
        assertThat(ENGINE.problems("{{ x | nosuchfilter }}")).containsExactly("No filter named 'nosuchfilter'");
        assertThat(ENGINE.problems("{{ x is nosuchtest }}")).containsExactly("No test named 'nosuchtest'");
        assertThat(ENGINE.problems("{{ '|nofilter' }}")).as("filters inside strings are text").isEmpty();
        assertThat(ENGINE.problems("{% for k, v in trigger.m.items() %}{{ k }}{% endfor %}")).isEmpty();
        assertThat(ENGINE.problems("{{ x | to_json_string | regex_replace('a', 'b') | default('') }}")).isEmpty();
        assertThatThrownBy(() -> ENGINE.compile("{{ x")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("Unclosed token").hasMessageContaining("in template: {{ x");
        assertThat(ENGINE.compile("no markup").literal()).isTrue();
    }

    @Test
    void renderingAnUnclosedExpressionFailsInsteadOfEchoingIt() {
        assertThatThrownBy(() -> render("x {{ trigger.name")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("Unclosed token");
    }

    @Test
    void extraFiltersCanBeAddedSuchAsShellQuoting() {
        TemplateEngine withQuote = new TemplateEngine(Map.of("shell_quote",
                (v, args, kwargs) -> "'" + PyRepr.str(TemplateValues.unwrap(v)).replace("'", "'\\''") + "'"));
        assertThat(withQuote.render("echo {{ trigger.q | shell_quote }}", context())).isEqualTo("echo 'it'\\''s'");
        assertThat(ENGINE.problems("{{ x | shell_quote }}")).isNotEmpty();
        assertThat(withQuote.filterNames()).contains("shell_quote", "to_json_string", "upper");
    }
    @Test
    void aCompiledTemplateRendersTheSameEveryTimeAndKeepsNothingFromOneRenderToTheNext() {
        Template t = ENGINE.compile("{% set total = trigger.n * 2 %}{% for x in trigger.list %}{{ x }};{% endfor %}"
                + "{{ total }} {{ trigger.name | upper }}\n");
        Template usesUnset = ENGINE.compile("{{ total }}");
        for (int i = 0; i < 3; i++) {
            assertThat(ENGINE.render(t, context())).isEqualTo("1;a;True;6 WEB-01");
            assertThatThrownBy(() -> ENGINE.render(usesUnset, context())).isInstanceOf(TemplateException.class)
                    .hasMessageContaining("total");
        }
        assertThat(ENGINE.compile("{{ trigger.name }}")).isEqualTo(new Template("{{ trigger.name }}", false));
    }

    @Test
    void templatesRenderConcurrentlyWithTheirOwnContexts() throws Exception {
        Template t = ENGINE.compile("{% if trigger.n > 1 %}{{ trigger.name }}-{{ trigger.n }}{% endif %}");
        List<Thread> threads = new ArrayList<>();
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int thread = 0; thread < 8; thread++) {
            int id = thread;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 200; i++) {
                    Map<String, Object> ctx = Map.of("trigger", TemplateValues.view(Map.of("name", "h" + id, "n", (long) i + 2)));
                    String expected = "h" + id + "-" + (i + 2);
                    String compiled = ENGINE.render(t, ctx);
                    String text = ENGINE.render("{{ trigger.name }}-{{ trigger.n }}", ctx);
                    if (!compiled.equals(expected) || !text.equals(expected)) {
                        wrong.add(compiled + " / " + text + " instead of " + expected);
                    }
                }
            }));
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(wrong).isEmpty();
    }
}
