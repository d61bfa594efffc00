package dev.reflex.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values rendered into shell commands stay data: each {@code {{ }}} output is escaped for its place. */
class ShellCommandRenderingTest {

    private static final TemplateEngine ENGINE = new TemplateEngine();
    private static final Map<String, Object> TRIGGER = Map.of("trigger",
            TemplateValues.view(Map.of("x", "x; touch /tmp/pwned", "word", "web-01", "q", "it's \"$(id)\" `id`")));

    @Test
    void bareExpressionsAreQuotedAsShlexQuotes() {
        assertThat(ENGINE.renderShellCommand("echo {{trigger.x}}", TRIGGER)).isEqualTo("echo 'x; touch /tmp/pwned'");
        assertThat(ENGINE.renderShellCommand("ping -c1 {{ trigger.word }}", TRIGGER)).isEqualTo("ping -c1 web-01");
        assertThat(ENGINE.renderShellCommand("echo {{trigger.q}}", TRIGGER))
                .isEqualTo("echo 'it'\"'\"'s \"$(id)\" `id`'");
    }

    @Test
    void insideDoubleQuotesTheShellSpecialCharactersAreEscaped() {
        assertThat(ENGINE.renderShellCommand("echo \"{{trigger.q}}\"", TRIGGER))
                .isEqualTo("echo \"it's \\\"\\$(id)\\\" \\`id\\`\"");
        assertThat(ENGINE.renderShellCommand("echo \"a {{trigger.x}} b\"", TRIGGER))
                .isEqualTo("echo \"a x; touch /tmp/pwned b\"");
    }

    @Test
    void insideSingleQuotesQuotesAreClosedAndReopened() {
        assertThat(ENGINE.renderShellCommand("echo '{{trigger.q}}'", TRIGGER))
                .isEqualTo("echo 'it'\\''s \"$(id)\" `id`'");
    }

    @Test
    void quotingStateFollowsLinesAndEarlierExpressions() {
        String source = "echo \"{{trigger.word}}\" {{trigger.x}}\necho '{{ trigger.x }}' {{trigger.x}}";
        assertThat(ENGINE.renderShellCommand(source, TRIGGER)).isEqualTo(
                "echo \"web-01\" 'x; touch /tmp/pwned'\necho 'x; touch /tmp/pwned' 'x; touch /tmp/pwned'");
    }

    @Test
    void safeMarksTrustedTextAndLiteralTextIsUntouched() {
        assertThat(ENGINE.renderShellCommand("{{trigger.x | safe}} && ls | wc -l", TRIGGER))
                .isEqualTo("x; touch /tmp/pwned && ls | wc -l");
        assertThat(ENGINE.renderShellCommand("ls -l /tmp; echo ok", TRIGGER)).isEqualTo("ls -l /tmp; echo ok");
    }

    @Test
    void loopsAndFiltersAreQuotedPerOutput() {
        Map<String, Object> ctx = Map.of("hosts", TemplateValues.view(List.of("a b", "c")));
        assertThat(ENGINE.renderShellCommand("{% for h in hosts %}ping {{ h | upper }};{% endfor %}", ctx))
                .isEqualTo("ping 'A B';ping C;");
    }

    @Test
    void plainRenderingIsUnchanged() {
        assertThat(ENGINE.render("echo {{trigger.x}}", TRIGGER)).isEqualTo("echo x; touch /tmp/pwned");
    }
}
