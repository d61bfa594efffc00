package dev.reflex.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A template that is one variable is answered without Jinjava when the answer cannot differ: these
 * tests render every case both ways and require the same text or the same error.
 */
class LoneVariableTest {

    private static final TemplateEngine ENGINE = new TemplateEngine();

    private static Map<String, Object> context() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("host", "web-1");
        body.put("severity", 3L);
        body.put("count", 7);
        body.put("ratio", 0.5);
        body.put("up", true);
        body.put("nothing", null);
        body.put("tags", List.of("a", "b"));
        body.put("labels", Map.of("team", "ops"));
        body.put("items", "an items key");
        body.put("_private", "underscore");
        body.put("markup", "{{ 7 * 6 }}");
        body.put("quote", "it's \"quoted\" & <b>");
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("body", body);
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("trigger", TemplateValues.view(trigger));
        ctx.put("st2kv", Map.of("system", new KeyValueLookup(k -> k.equals("slack.channel")
                ? Optional.of("#ops") : Optional.empty())));
        return ctx;
    }

    private static String both(String source) {
        Template template = ENGINE.compile(source);
        String quick = ENGINE.render(template, context());
        String slow = ENGINE.renderTheLongWay(template, context());
        assertThat(quick).as(source).isEqualTo(slow);
        assertThat(ENGINE.render(source, context())).as(source).isEqualTo(slow);
        return quick;
    }

    @Test
    void stringsAndIntegersAreAnsweredDirectlyAndAsJinjavaPrintsThem() {
        assertThat(LoneVariable.path("{{trigger.body.host}}")).containsExactly("trigger", "body", "host");
        assertThat(LoneVariable.path("{{ trigger.body.host }}")).containsExactly("trigger", "body", "host");
        assertThat(LoneVariable.render(LoneVariable.path("{{trigger.body.host}}"), context(), 100)).isEqualTo("web-1");
        assertThat(LoneVariable.render(LoneVariable.path("{{trigger.body.count}}"), context(), 100)).isEqualTo("7");
        assertThat(both("{{trigger.body.host}}")).isEqualTo("web-1");
        assertThat(both("{{ trigger.body.severity }}")).isEqualTo("3");
        assertThat(both("{{trigger.body.count}}")).isEqualTo("7");
        assertThat(both("{{trigger.body.quote}}")).isEqualTo("it's \"quoted\" & <b>");
        assertThat(both("{{trigger.body.markup}}")).isEqualTo("{{ 7 * 6 }}");
        assertThat(both("{{ st2kv.system.slack.channel }}")).isEqualTo("#ops");
    }

    @Test
    void everythingElseIsLeftToJinjavaWithTheSameResult() {
        assertThat(both("{{trigger.body.ratio}}")).isEqualTo("0.5");
        assertThat(both("{{trigger.body.up}}")).isEqualTo("True");
        assertThat(both("{{trigger.body.nothing}}")).isEqualTo("None");
        assertThat(both("{{trigger.body.tags}}")).isEqualTo("['a', 'b']");
        assertThat(both("{{trigger.body.labels}}")).isEqualTo("{'team': 'ops'}");
        assertThat(both("{{ st2kv.system.absent }}")).isEmpty();
        both("{{trigger.body.items}}");
        both("{{trigger.body._private}}");
        assertThat(LoneVariable.path("{{trigger.body.items}}")).isNull();
        assertThat(LoneVariable.path("{{trigger.body._private}}")).isNull();
        assertThat(LoneVariable.path("{{trigger.body.host}}\n")).isNull();
        assertThat(LoneVariable.path("{{trigger.body.host | upper}}")).isNull();
        assertThat(LoneVariable.path("x {{trigger.body.host}}")).isNull();
        assertThat(LoneVariable.path("{{- trigger.body.host -}}")).isNull();
        assertThat(LoneVariable.path("{{trigger['body'].host}}")).isNull();
    }

    @Test
    void anUndefinedNameFailsWithJinjavasErrorEitherWay() {
        Template template = ENGINE.compile("{{trigger.body.missing}}");
        assertThatThrownBy(() -> ENGINE.render(template, context())).isInstanceOf(TemplateException.class)
                .hasMessageContaining("missing");
        String quick = message(() -> ENGINE.render(template, context()));
        String slow = message(() -> ENGINE.renderTheLongWay(template, context()));
        assertThat(quick).isEqualTo(slow);
        assertThat(message(() -> ENGINE.render(ENGINE.compile("{{absent.name}}"), context())))
                .isEqualTo(message(() -> ENGINE.renderTheLongWay(ENGINE.compile("{{absent.name}}"), context())));
    }

    @Test
    void aPathThroughSomethingThatIsNotAMapIsLeftToJinjava() {
        Template upper = ENGINE.compile("{{trigger.body.host.upper}}");
        assertThat(message(() -> ENGINE.render(upper, context())))
                .isEqualTo(message(() -> ENGINE.renderTheLongWay(upper, context())));
        assertThat(LoneVariable.render(new String[] {"trigger", "body", "tags", "a"}, context(), 100)).isNull();
        assertThat(LoneVariable.render(new String[] {"trigger", "body", "host"}, context(), 3)).isNull();
        assertThat(Arrays.asList(LoneVariable.path("{{a}}"))).containsExactly("a");
    }

    private static String message(java.util.function.Supplier<String> render) {
        try {
            return "rendered: " + render.get();
        } catch (TemplateException e) {
            return e.getMessage();
        }
    }
}
