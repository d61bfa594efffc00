package dev.reflex.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.reflex.actions.Action;
import dev.reflex.actions.ActionFormat;
import dev.reflex.actions.ActionRegistry;
import dev.reflex.actions.ParameterException;
import dev.reflex.config.ReflexConfig;
import dev.reflex.config.SourceFormat;
import dev.reflex.config.StrictLoader;
import dev.reflex.runners.Runners;
import dev.reflex.runners.local.LocalRunnerConfig;
import dev.reflex.runners.local.LocalShellRunner;
import dev.reflex.runners.noop.NoopRunner;
import dev.reflex.store.Store;
import dev.reflex.store.Stores;
import dev.reflex.template.TemplateEngine;
import dev.reflex.triggers.Trigger;
import dev.reflex.triggers.TriggerEmitter;
import dev.reflex.triggers.TriggerInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on a real SQLite store: triggers emitted on completion, secrets, policies, recovery. */
class ExecutionServiceTest {

    private static final TemplateEngine TEMPLATES = new TemplateEngine();
    @TempDir
    Path dir;
    Store store;
    ActionRegistry actions;
    PolicyRegistry policies;
    ExecutionService service;
    final List<TriggerInstance> emitted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        store = Stores.open(ReflexConfig.defaults().store(), dir, Clock.systemUTC());
        store.start();
        actions = new ActionRegistry();
        policies = new PolicyRegistry();
        action("""
                name: gated
                pack: test
                runner_type: local-shell-cmd
                parameters:
                  host: {type: string, default: a}
                  token: {type: string, secret: true, default: s3cr3t}
                  gate: {type: string, required: true}
                  cmd: {type: string, immutable: true, default: 'while [ ! -e {{gate}} ]; do sleep 0.02; done; echo {{host}}'}
                notify:
                  on-complete: {message: "done on {{action_parameters.host}}", routes: [chat]}
                  on-failure: {message: "failed", routes: [pager]}
                """);
        action("""
                name: flaky
                pack: test
                runner_type: local-shell-cmd
                parameters:
                  cmd: {type: string, default: 'exit 3'}
                """);
        action("""
                name: snake
                pack: test
                runner_type: python-script
                entry_point: snake.py
                parameters:
                  x: {type: integer}
                """);
        action("""
                name: nothing
                pack: test
                runner_type: noop
                """);
        service = newService();
        service.start();
    }

    ExecutionService newService() {
        TriggerEmitter emitter = (trigger, payload, tag) -> {
            TriggerInstance ti = TriggerInstance.pending("ti", Trigger.of(trigger, Map.of()), payload, Instant.now());
            emitted.add(ti);
            return ti;
        };
        Runners runners = Runners.of(List.of(new NoopRunner(), LocalShellRunner.command(LocalRunnerConfig.defaults())));
        return new ExecutionService(actions, runners, new ExecutionRepository(store), policies, TEMPLATES, emitter,
                k -> Optional.empty(), Clock.systemUTC(), ExecutionSettings.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        service.stop();
        store.stop();
    }

    void action(String yaml) {
        Action a = StrictLoader.load("test.yaml", yaml, SourceFormat.YAML, new ActionFormat(TEMPLATES).fromApi()).single();
        actions.put(a);
    }

    void policy(String yaml) {
        policies.put(StrictLoader.load("policy.yaml", yaml, SourceFormat.YAML, PolicyFormat.of(null)).single());
    }

    Execution awaitStatus(String id, ExecutionStatus status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> service.find(id).orElseThrow().status() == status);
        return service.find(id).orElseThrow();
    }

    Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void completionEmitsTheActionTriggerAndNotificationsWithSecretsMasked() throws Exception {
        Path gate = Files.createFile(dir.resolve("open"));
        Execution e = service.request("test.gated", params("gate", gate.toString(), "host", "web-01"), Map.of(), true);
        Execution done = awaitStatus(e.id(), ExecutionStatus.SUCCEEDED);
        assertThat(done.result()).containsEntry("stdout", "web-01");
        await().until(() -> emitted.size() >= 2);
        TriggerInstance action = emitted.stream().filter(t -> t.trigger().type().equals("core.st2.generic.actiontrigger"))
                .findFirst().orElseThrow();
        assertThat(action.payload()).containsEntry("execution_id", e.id()).containsEntry("status", "succeeded")
                .containsEntry("action_ref", "test.gated").containsEntry("action_name", "gated")
                .containsEntry("runner_ref", "local-shell-cmd").containsKeys("start_timestamp", "result");
        assertThat(action.payload().toString()).doesNotContain("s3cr3t");
        TriggerInstance notify = emitted.stream().filter(t -> t.trigger().type().equals("core.st2.generic.notifytrigger"))
                .findFirst().orElseThrow();
        assertThat(notify.payload()).containsEntry("route", "chat").containsEntry("channel", "chat")
                .containsEntry("message", "done on web-01");
        assertThat(emitted).noneMatch(t -> "pager".equals(t.payload().get("route")));
        assertThat(done.maskedParameters()).doesNotContainValue("s3cr3t");
    }

    @Test
    void concurrencyPolicyDelaysThenRunsInOrderOrCancels() throws Exception {
        policy("""
                name: gated.concurrency
                pack: test
                resource_ref: test.gated
                policy_type: action.concurrency.attr
                parameters: {threshold: 1, action: delay, attributes: [host]}
                """);
        Path gate = dir.resolve("gate");
        Execution first = service.request("test.gated", params("gate", gate.toString()), Map.of(), true);
        awaitStatus(first.id(), ExecutionStatus.RUNNING);
        Execution second = service.request("test.gated", params("gate", gate.toString()), Map.of(), true);
        Execution otherHost = service.request("test.gated", params("gate", gate.toString(), "host", "b"), Map.of(), true);
        awaitStatus(second.id(), ExecutionStatus.DELAYED);
        awaitStatus(otherHost.id(), ExecutionStatus.RUNNING);
        Files.createFile(gate);
        Execution done = awaitStatus(second.id(), ExecutionStatus.SUCCEEDED);
        assertThat(done.log()).extracting(StatusChange::status).containsExactly(ExecutionStatus.REQUESTED,
                ExecutionStatus.DELAYED, ExecutionStatus.SCHEDULED, ExecutionStatus.RUNNING, ExecutionStatus.SUCCEEDED);

        policy("""
                name: gated.concurrency
                pack: test
                resource_ref: test.gated
                policy_type: action.concurrency
                parameters: {threshold: 0, action: cancel}
                """);
        Execution canceled = awaitStatus(service.request("test.gated", params("gate", gate.toString()), Map.of(), true)
                .id(), ExecutionStatus.CANCELED);
        assertThat(canceled.result().get("error").toString()).contains("test.gated.concurrency");
    }

    @Test
    void retryPolicyRequestsAgainUntilTheCount() {
        policy("""
                name: flaky.retry
                pack: test
                resource_ref: test.flaky
                policy_type: action.retry
                parameters: {retry_on: failure, max_retry_count: 2, delay: 0}
                """);
        Execution first = service.request("test.flaky", Map.of(), Map.of(), true);
        awaitStatus(first.id(), ExecutionStatus.FAILED);
        await().atMost(Duration.ofSeconds(20)).until(() -> service.list(new ExecutionQuery("test.flaky", ExecutionStatus.FAILED,
                null, null, null, null, null, 10, 0)).size() == 3);
        List<Execution> all = service.list(new ExecutionQuery("test.flaky", null, null, null, null, null, null, 10, 0));
        assertThat(all).hasSize(3);
        assertThat(all.get(0).context().toString()).contains("retry_count=2").contains("applied_policy=test.flaky.retry");
    }

    @Test
    void aNoopExecutionIsStoredWhenItsRequestReturnsAndLogsEveryStatusInOrder() {
        ExecutionRepository repo = new ExecutionRepository(store);
        for (int i = 0; i < 20; i++) {
            Execution e = service.request("test.nothing", Map.of(), Map.of(), true);
            assertThat(repo.find(e.id())).as("stored before request returns").isPresent();
            awaitStatus(e.id(), ExecutionStatus.SUCCEEDED);
            Execution stored = repo.find(e.id()).orElseThrow();
            assertThat(stored.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(stored.log()).extracting(StatusChange::status).containsExactly(ExecutionStatus.REQUESTED,
                    ExecutionStatus.SCHEDULED, ExecutionStatus.RUNNING, ExecutionStatus.SUCCEEDED);
            assertThat(stored.log()).extracting(StatusChange::timestamp).isSorted();
        }
    }

    @Test
    void parametersGivenNoValuesFollowTheActionAsReloadedAndTemplatesSeeEachContext() {
        action("""
                name: plain
                pack: test
                runner_type: noop
                parameters:
                  size: {type: integer, default: 1}
                """);
        assertThat(service.request("test.plain", Map.of(), Map.of(), true).parameters()).isEmpty();
        assertThat(awaitStatus(service.request("test.plain", Map.of(), Map.of(), true).id(), ExecutionStatus.SUCCEEDED)
                .parameters()).isEmpty();
        action("""
                name: plain
                pack: test
                runner_type: noop
                parameters:
                  size: {type: integer, default: 1}
                  who: {type: string, default: '{{action_context.user}}'}
                """);
        assertThat(service.request("test.plain", Map.of(), Map.of("user", "ann"), true).parameters())
                .containsEntry("who", "ann");
        assertThat(service.request("test.plain", Map.of(), Map.of("user", "bob"), true).parameters())
                .containsEntry("who", "bob");
        action("""
                name: plain
                pack: test
                runner_type: noop
                parameters:
                  size: {type: integer, required: true}
                """);
        assertThatThrownBy(() -> service.request("test.plain", Map.of(), Map.of(), true))
                .isInstanceOf(ParameterException.class).hasMessageContaining("'size' is a required property");
    }

    @Test
    void anActionWhoseRunnerIsMissingFailsAtRunTimeSayingSo() {
        Execution e = service.request("test.snake", params("x", "3"), Map.of(), true);
        assertThat(e.parameters()).containsEntry("x", 3L);
        Execution done = awaitStatus(e.id(), ExecutionStatus.FAILED);
        assertThat(done.result().get("error").toString()).contains("Runner \"python-script\" is not available")
                .contains("runner not available");
    }

    @Test
    void disabledAndInvalidRequestsAreRefusedAndNothingIsRecorded() {
        actions.put(actions.find("test.nothing").orElseThrow().withEnabled(false));
        assertThatThrownBy(() -> service.request("test.nothing", Map.of(), Map.of(), true))
                .hasMessage("Unable to execute. Action \"test.nothing\" is disabled.");
        assertThatThrownBy(() -> service.request("test.gated", params("gate", "/x", "cmd", "id"), Map.of(), true))
                .isInstanceOf(ParameterException.class).hasMessageContaining("['cmd']");
        assertThat(service.list(ExecutionQuery.latest(10))).isEmpty();
    }

    @Test
    void afterACrashRunningExecutionsAreAbandonedAndRequestedOnesRun() throws Exception {
        ExecutionRepository repo = new ExecutionRepository(store);
        Instant now = Instant.now();
        dev.reflex.actions.ResolvedParameters none = new dev.reflex.actions.ResolvedParameters(Map.of(), Map.of(), Map.of(),
                List.of(), java.util.Set.of());
        Execution running = Execution.requested("000000000000000000000001", "test.nothing", "noop", none,
                Map.of("user", "stanley"), null, now).moveTo(ExecutionStatus.SCHEDULED, now)
                .moveTo(ExecutionStatus.RUNNING, now);
        Execution waiting = Execution.requested("000000000000000000000002", "test.nothing", "noop", none,
                Map.of("user", "stanley"), null, now);
        repo.insert(running);
        repo.insert(waiting);
        ExecutionService restarted = newService();
        restarted.start();
        try {
            Execution abandoned = restarted.find(running.id()).orElseThrow();
            assertThat(abandoned.status()).isEqualTo(ExecutionStatus.ABANDONED);
            assertThat(abandoned.result().get("error").toString()).contains("stopped before it completed");
            await().until(() -> emitted.stream().anyMatch(t -> running.id().equals(t.payload().get("execution_id"))
                    && "abandoned".equals(t.payload().get("status"))));
            await().atMost(Duration.ofSeconds(10)).until(() -> restarted.find(waiting.id()).orElseThrow().status()
                    == ExecutionStatus.SUCCEEDED);
        } finally {
            restarted.stop();
        }
    }
}
