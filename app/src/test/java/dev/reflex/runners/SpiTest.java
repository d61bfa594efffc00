package dev.reflex.runners;

import dev.reflex.actions.ParameterSpec;
import dev.reflex.actions.ParameterType;
import dev.reflex.runners.noop.NoopRunner;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small types of the runner SPI: cancellation, outcomes, requests, parameter reading, the registry. */
class SpiTest {

    @Test
    void cancellationRunsEachActionOnceAndLateRegistrationsAtOnce() {
        Cancellation cancellation = new Cancellation();
        List<String> ran = new ArrayList<>();
        cancellation.onCancel(() -> ran.add("a"));
        Cancellation.Registration removed = cancellation.onCancel(() -> ran.add("removed"));
        removed.close();
        assertThat(cancellation.isCancelled()).isFalse();
        cancellation.cancel("by test");
        cancellation.cancel("again");
        cancellation.onCancel(() -> ran.add("late"));
        assertThat(ran).containsExactly("a", "late");
        assertThat(cancellation.reason()).contains("by test");
    }

    @Test
    void outcomesNameStackStormStatusesAndKeepNulls() {
        Map<String, Object> result = new HashMap<>();
        result.put("stdout", null);
        assertThat(new RunOutcome.Succeeded(result).status()).isEqualTo("succeeded");
        assertThat(new RunOutcome.Failed(result).status()).isEqualTo("failed");
        assertThat(new RunOutcome.TimedOut(result).status()).isEqualTo("timeout");
        assertThat(new RunOutcome.Canceled(result).status()).isEqualTo("canceled");
        RunOutcome outcome = new RunOutcome.Succeeded(result);
        result.put("later", 1);
        assertThat(outcome.result()).containsOnlyKeys("stdout");
        assertThatThrownBy(() -> outcome.result().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void requestsNeverPrintParameterValues() {
        RunRequest request = RunRequest.of("e1", "linux.check").withRunnerParameters(Map.of("password", "hunter2"))
                .withActionParameters(Map.of("token", "abc123"));
        assertThat(request.toString()).contains("password", "token").doesNotContain("hunter2", "abc123");
        assertThat(request.pack()).isEqualTo("linux");
        assertThat(ParameterSpec.of("pw", ParameterType.STRING).asSecret().withDefault("s3cret").toString()).doesNotContain("s3cret");
    }

    @Test
    void parameterValuesCastLenientlyAndApplyDefaults() {
        RunnerType type = RunnerType.of("t", "test", List.of(
                ParameterSpec.of("timeout", ParameterType.INTEGER).withDefault(60),
                ParameterSpec.of("sudo", ParameterType.BOOLEAN).withDefault(false),
                ParameterSpec.of("env", ParameterType.OBJECT),
                ParameterSpec.of("hosts", ParameterType.ARRAY),
                ParameterSpec.of("password", ParameterType.STRING).asSecret()));
        ParameterValues defaults = new ParameterValues(type, RunRequest.of("e", "a.b"));
        assertThat(defaults.integer("timeout")).contains(60L);
        assertThat(defaults.bool("sudo")).isFalse();
        assertThat(defaults.object("env")).isEmpty();
        Map<String, Object> given = new HashMap<>();
        given.put("timeout", "5");
        given.put("sudo", "True");
        given.put("env", "{\"A\": 1}");
        given.put("hosts", "a, b");
        given.put("password", null);
        ParameterValues values = new ParameterValues(type, RunRequest.of("e", "a.b").withRunnerParameters(given));
        assertThat(values.integer("timeout")).contains(5L);
        assertThat(values.bool("sudo")).isTrue();
        assertThat(values.object("env")).containsEntry("A", 1);
        assertThat(values.array("hosts")).containsExactly("a", "b");
        assertThat(values.string("password")).isEmpty();
        ParameterValues bad = new ParameterValues(type, RunRequest.of("e", "a.b").withRunnerParameters(Map.of("timeout", "soon")));
        assertThatThrownBy(() -> bad.integer("timeout")).hasMessage("runner parameter \"timeout\" must be a number");
    }

    @Test
    void secretReferencesResolveThroughTheLookupAndNameOnlyTheKey() {
        assertThat(Secrets.resolve("plain", name -> java.util.Optional.empty())).isEqualTo("plain");
        assertThat(Secrets.resolve("kv:db", name -> java.util.Optional.of("v-" + name))).isEqualTo("v-db");
        assertThatThrownBy(() -> Secrets.resolve("kv:nope", name -> java.util.Optional.empty()))
                .hasMessage("secret reference \"kv:nope\" names no key-value entry");
    }

    @Test
    void registryFindsRunnersByNameAndRefusesDuplicates() {
        Runners runners = Runners.of(List.of(new NoopRunner()));
        assertThat(runners.find("noop")).isPresent();
        assertThat(runners.find("nope")).isEmpty();
        assertThat(runners.types()).extracting(RunnerType::name).containsExactly("noop");
        assertThatThrownBy(() -> Runners.of(List.of(new NoopRunner(), new NoopRunner())))
                .hasMessage("two runners are named noop");
    }

    @Test
    void jsonParsingFollowsStackStorm() {
        assertThat(Json.parseOrKeep("42")).isEqualTo(42);
        assertThat(Json.parseOrKeep("\"x\"")).isEqualTo("x");
        assertThat(Json.parseOrKeep("null")).isNull();
        assertThat(Json.parseOrKeep("1 2")).isEqualTo("1 2");
        assertThat(Json.parseOrKeep("")).isEqualTo("");
        assertThat(Json.parseOrKeep("{\"a\": [1, true]}")).isEqualTo(Map.of("a", List.of(1, true)));
    }
}
