package dev.reflex.runners.shell;

import dev.reflex.actions.ParameterSpec;
import dev.reflex.actions.ParameterType;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected strings are what StackStorm's argument building produces for the same input. */
class ScriptArgumentsTest {

    @Test
    void positionalOnlyInPositionOrder() {
        List<ParameterSpec> specs = List.of(
                ParameterSpec.of("args", ParameterType.STRING).atPosition(2),
                ParameterSpec.of("search", ParameterType.STRING).atPosition(0),
                ParameterSpec.of("criteria", ParameterType.STRING).atPosition(1));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("search", "state");
        params.put("criteria", "D");
        params.put("args", "pidlist");
        assertThat(ScriptArguments.build(params, specs, "--")).isEqualTo("state D pidlist");
    }

    @Test
    void missingPositionalsBecomeEmptyWords() {
        List<ParameterSpec> specs = List.of(
                ParameterSpec.of("search", ParameterType.STRING).atPosition(0),
                ParameterSpec.of("criteria", ParameterType.STRING).atPosition(1),
                ParameterSpec.of("args", ParameterType.STRING).atPosition(2));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("search", "name");
        params.put("criteria", null);
        assertThat(ScriptArguments.build(params, specs, "--")).isEqualTo("name '' ''");
    }

    @Test
    void namedThenPositionalWithEveryTypeFormattedAsStackStormDoes() {
        List<ParameterSpec> specs = List.of(
                ParameterSpec.of("b", ParameterType.BOOLEAN).atPosition(1),
                ParameterSpec.of("l", ParameterType.ARRAY).atPosition(0),
                ParameterSpec.of("o", ParameterType.OBJECT).atPosition(2),
                ParameterSpec.of("i", ParameterType.INTEGER).atPosition(3),
                ParameterSpec.of("n", ParameterType.NUMBER).atPosition(4),
                ParameterSpec.of("u", ParameterType.UNSPECIFIED).atPosition(5));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("flag", true);
        params.put("off", false);
        params.put("none", null);
        params.put("empty", "");
        params.put("msg", "it's a test; rm -rf /");
        params.put("num", 5);
        params.put("fl", 1.5);
        params.put("lst", List.of("a", "b"));
        params.put("obj", Map.of("k", 1));
        params.put("b", true);
        params.put("l", List.of(1, "x"));
        params.put("o", Map.of("a", List.of(1, 2)));
        params.put("i", 0);
        params.put("n", 0);
        params.put("u", "x y");
        assertThat(ScriptArguments.build(params, specs, "--")).isEqualTo(
                "--flag --msg='it'\"'\"'s a test; rm -rf /' --num=5 --fl=1.5"
                        + " --lst='['\"'\"'a'\"'\"', '\"'\"'b'\"'\"']' --obj='{'\"'\"'k'\"'\"': 1}'"
                        + " 1,x 1 '{\"a\":[1,2]}' '' 0 'x y'");
    }

    @Test
    void kwargOpIsThePrefix() {
        assertThat(ScriptArguments.build(Map.of("name", "x"), List.of(), "-")).isEqualTo("-name=x");
        assertThat(ScriptArguments.build(Map.of(), List.of(), "--")).isEmpty();
    }
}
