package dev.reflex.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reference section 8 J, and the expression language's semantics and limits. */
class EvalExpressionTest {

    private static final TestClock CLOCK = TestClock.atEpochSecond(1_700_000_000L); // Tue 2023-11-14 22:13:20 UTC

    private static Object eval(String expression, Object value) {
        return EvalExpression.compile(expression).evaluate(value, CLOCK, ZoneOffset.UTC);
    }

    private static boolean test(String expression, Object value) {
        try {
            return EvalExpression.compile(expression).test(value, CLOCK, ZoneOffset.UTC);
        } catch (EvalException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "occurrences {0}: {1}")
    @CsvSource({"1, false", "3, true", "4, false", "120, true"})
    void sensuSpecOccurrencesExpression(long occurrences, boolean matches) {
        AttributeMatcher matcher = new AttributeMatcher(CLOCK, ZoneOffset.UTC);
        Map<String, Object> event = Fixtures.map("occurrences", occurrences);
        assertThat(matcher.matches(event, Map.of("occurrences", "eval: value == 3 || value % 60 == 0"))).isEqualTo(matches);
    }

    @Test
    void sensuSpecTokenInsideTheExpression() {
        AttributeMatcher matcher = new AttributeMatcher(CLOCK, ZoneOffset.UTC);
        Map<String, Object> event = Fixtures.map("occurrences", 3L, "check", Fixtures.map("name", "x"));
        assertThat(matcher.matches(event, Map.of("occurrences", "eval: value == :::check.occurrences:::"))).isFalse();
        assertThat(matcher.matches(event, Map.of("occurrences", "eval: value == :::check.occurrences|3:::"))).isTrue();
    }

    @Test
    void rubyArithmetic() {
        assertThat(eval("7 / 2", null)).isEqualTo(3L);
        assertThat(eval("-7 / 2", null)).isEqualTo(-4L);
        assertThat(eval("-7 % 3", null)).isEqualTo(2L);
        assertThat(eval("7.0 / 2", null)).isEqualTo(3.5);
        assertThat(eval("2 ** 10", null)).isEqualTo(1024L);
        assertThat(eval("-2 ** 2", null)).isEqualTo(-4L);
        assertThat(eval("1 + 2 * 3 - 4 % 3", null)).isEqualTo(6L);
        assertThat(eval("'a' + 'b' * 3", null)).isEqualTo("abbb");
        assertThat(test("1 / 0", null)).isFalse();
    }

    @Test
    void rubyTruthinessAndOperandValuedLogic() {
        assertThat(eval("0 && 'yes'", null)).isEqualTo("yes");
        assertThat(eval("nil || 'fallback'", null)).isEqualTo("fallback");
        assertThat(eval("!nil", null)).isEqualTo(true);
        assertThat(eval("not false and true", null)).isEqualTo(true);
        assertThat(eval("value ? 'set' : 'unset'", null)).isEqualTo("unset");
        assertThat(test("value", 0L)).isTrue();
        assertThat(test("value", false)).isFalse();
    }

    @Test
    void comparisonsAndEquality() {
        assertThat(test("value == 1.0", 1L)).isTrue();
        assertThat(test("value == '1'", 1L)).isFalse();
        assertThat(test("'abc' < 'abd'", null)).isTrue();
        assertThat(test("value > 1", "2")).as("comparing a string with a number is an error").isFalse();
        assertThat(test("value != 1 && value % 60 != 0", 61L)).isTrue();
    }

    @Test
    void stringsRegexesAndCollections() {
        assertThat(eval("value =~ /err(or)?/i", "An ERROR here")).isEqualTo(3L);
        assertThat(eval("value =~ /nope/", "text")).isNull();
        assertThat(test("value !~ /^prod/", "staging")).isTrue();
        assertThat(test("value.include?('web')", List.of("db", "web"))).isTrue();
        assertThat(test("value.include?('eb')", "webserver")).isTrue();
        assertThat(eval("value.length", "héllo")).isEqualTo(5L);
        assertThat(eval("value.size", List.of(1L, 2L))).isEqualTo(2L);
        assertThat(eval("value[:name]", Map.of("name", "disk"))).isEqualTo("disk");
        assertThat(eval("value['name'].upcase", Map.of("name", "disk"))).isEqualTo("DISK");
        assertThat(eval("value[-1]", List.of(1L, 2L, 3L))).isEqualTo(3L);
        assertThat(eval("'12abc'.to_i + '3.5'.to_f", null)).isEqualTo(15.5);
        assertThat(test("value.start_with?('prod', 'stag')", "staging-1")).isTrue();
        assertThat(test("value.between?(9, 17)", 17L)).isTrue();
        assertThat(test("[1,2,3].include?(value)", 2.0)).isTrue();
    }

    @Test
    void timeFromTheInjectedClock() {
        // The documented nine_to_fiver filter
        String nineToFive = "[1,2,3,4,5].include?(Time.at(value).wday) && Time.at(value).hour.between?(9,17)";
        assertThat(test(nineToFive, 1_700_000_000L)).as("Tuesday 22:13").isFalse();
        assertThat(test(nineToFive, 1_699_966_800L)).as("Tuesday 13:00").isTrue();
        assertThat(test(nineToFive, 1_699_707_600L)).as("Saturday 13:00").isFalse();
        assertThat(eval("Time.now.to_i", null)).isEqualTo(1_700_000_000L);
        assertThat(test("Time.now.to_i - value < 60", 1_699_999_990L)).isTrue();
    }

    @Test
    void onlyTheLanguageIsReachable() {
        for (String hostile : List.of("system('rm -rf /')", "`id`", "File.read('/etc/passwd')", "value.send(:exit)",
                "Kernel.exit", "value.instance_eval('1')", "\"#{1+1}\"", "$stdout", "loop { }", "exit")) {
            assertThatThrownBy(() -> EvalExpression.compile(hostile).evaluate(1L, CLOCK, ZoneOffset.UTC))
                    .as(hostile).isInstanceOf(EvalException.class);
        }
    }

    @Test
    void workIsBounded() {
        assertThatThrownBy(() -> EvalExpression.compile("(".repeat(200) + "1" + ")".repeat(200)))
                .isInstanceOf(EvalException.class);
        assertThatThrownBy(() -> EvalExpression.compile("1+".repeat(3000) + "1")).isInstanceOf(EvalException.class);
        assertThat(test("'a' * 100000000", null)).isFalse();
        assertThat(test("value =~ /(a+)+$/", "a".repeat(40) + "!")).as("catastrophic backtracking is cut short").isFalse();
        assertThat(test("2 ** 100", null)).as("overflow is an error, not a wrong answer").isFalse();
    }

    @Test
    void syntaxErrorsAreReported() {
        for (String bad : List.of("", "value ==", "1 == 2 == 3", "value.", "(1", "'open", "/open", "value @ 1")) {
            assertThatThrownBy(() -> EvalExpression.compile(bad)).as(bad).isInstanceOf(EvalException.class);
        }
    }
}
