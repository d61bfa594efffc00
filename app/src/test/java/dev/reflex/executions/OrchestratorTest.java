package dev.reflex.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.reflex.actions.Action;
import dev.reflex.actions.ActionFormat;
import dev.reflex.actions.ActionRegistry;
import dev.reflex.actions.ResolvedParameters;
import dev.reflex.config.ReflexConfig;
import dev.reflex.config.SourceFormat;
import dev.reflex.config.StrictLoader;
import dev.reflex.runners.RunnerType;
import dev.reflex.runners.Runners;
import dev.reflex.runners.local.LocalRunnerConfig;
import dev.reflex.runners.local.LocalShellRunner;
import dev.reflex.runners.noop.NoopRunner;
import dev.reflex.store.Store;
import dev.reflex.store.Stores;
import dev.reflex.template.TemplateEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's side of orchestrated executions, with a minimal orchestrator that runs its tasks one
 * after the other: children recorded under their parent, completion signalled, cancel, pause and
 * resume handed over, and running workflows given back to their orchestrator after a restart.
 */
class OrchestratorTest {

    private static final TemplateEngine TEMPLATES = new TemplateEngine();
    @TempDir
    Path dir;
    Store store;
    ActionRegistry actions = new ActionRegistry();
    ExecutionService service;
    Sequence sequence;

    /** Runs {@code tasks} (action refs) in order; the next starts when the previous completes. */
    static final class Sequence implements Orchestrator {
        ExecutionService engine;
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public RunnerType type() {
            return RunnerType.of("sequence", "runs tasks in order", List.of());
        }

        @Override
        public void attach(ExecutionService e) {
            engine = e;
        }

        @Override
        public void start(Execution execution, Action action, ResolvedParameters parameters) {
            calls.add("start");
            next(execution.id());
        }

        @SuppressWarnings("unchecked")
        void next(String id) {
            Execution wf = engine.find(id).orElseThrow();
            if (wf.status() != ExecutionStatus.RUNNING) {
                if (wf.status() == ExecutionStatus.PAUSING) {
                    engine.transition(id, ExecutionStatus.PAUSED, null);
                }
                return;
            }
            List<String> tasks = (List<String>) wf.parameters().get("tasks");
            List<Execution> done = engine.children(id);
            if (done.size() == tasks.size()) {
                boolean ok = done.stream().allMatch(c -> c.status() == ExecutionStatus.SUCCEEDED);
                engine.finish(id, ok ? ExecutionStatus.SUCCEEDED : ExecutionStatus.FAILED,
                        Map.of("tasks", done.stream().map(Execution::id).toList()));
                return;
            }
            String ref = tasks.get(done.size());
            Map<String, Object> params = ref.endsWith("gated")
                    ? Map.of("gate", String.valueOf(wf.parameters().getOrDefault("gate", "/nonexistent/gate")))
                    : Map.of();
            engine.requestChild(id, ref, params, Map.of("chain", Map.of("name", "t" + done.size())));
        }

        @Override
        public void childCompleted(Execution child) {
            calls.add("child " + child.status().value());
            next(child.parentId());
        }

        @Override
        public void recover(Execution execution, Action action) {
            calls.add("recover " + execution.status().value());
            next(execution.id());
        }

        @Override
        public void cancel(Execution execution) {
            calls.add("cancel");
            for (Execution c : engine.children(execution.id())) {
                if (!c.status().completed()) {
                    engine.cancel(c.id(), "parent");
                }
            }
            engine.finish(execution.id(), ExecutionStatus.CANCELED, Map.of("error", "canceled"));
        }

        @Override
        public void pause(Execution execution) {
            calls.add("pause");
            if (engine.children(execution.id()).stream().allMatch(c -> c.status().completed())) {
                engine.transition(execution.id(), ExecutionStatus.PAUSED, null);
            }
        }

        @Override
        public void resume(Execution execution) {
            calls.add("resume");
            engine.transition(execution.id(), ExecutionStatus.RUNNING, null);
            next(execution.id());
        }
    }

    @BeforeEach
    void start() throws Exception {
        store = Stores.open(ReflexConfig.defaults().store(), dir, Clock.systemUTC());
        store.start();
        action("""
                name: seq
                pack: test
                runner_type: sequence
                parameters:
                  tasks: {type: array}
                  gate: {type: string}
                """);
        action("""
                name: nothing
                pack: test
                runner_type: noop
                """);
        action("""
                name: gated
                pack: test
                runner_type: local-shell-cmd
                parameters:
                  gate: {type: string, required: true}
                  cmd: {type: string, immutable: true, default: 'while [ ! -e {{gate}} ]; do sleep 0.02; done'}
                """);
        service = newService();
        service.start();
    }

    ExecutionService newService() {
        sequence = new Sequence();
        Runners runners = Runners.of(List.of(new NoopRunner(), LocalShellRunner.command(LocalRunnerConfig.defaults()),
                sequence));
        return new ExecutionService(actions, runners, new ExecutionRepository(store), new PolicyRegistry(), TEMPLATES,
                null, k -> Optional.empty(), Clock.systemUTC(), ExecutionSettings.defaults());
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

    Execution awaitStatus(String id, ExecutionStatus status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> service.find(id).orElseThrow().status() == status);
        return service.find(id).orElseThrow();
    }

    @Test
    void childrenRunInOrderUnderTheirParentAndThePArentEndsWhenTheOrchestratorSays() {
        Execution wf = service.request("test.seq", Map.of("tasks", List.of("test.nothing", "test.nothing")), Map.of(),
                false);
        Execution done = awaitStatus(wf.id(), ExecutionStatus.SUCCEEDED);
        List<Execution> children = service.children(wf.id());
        assertThat(children).hasSize(2).allMatch(c -> c.status() == ExecutionStatus.SUCCEEDED)
                .allMatch(c -> wf.id().equals(c.parentId()));
        assertThat(done.children()).containsExactlyElementsOf(children.stream().map(Execution::id).toList());
        assertThat(children.get(0).context()).containsEntry("chain", Map.of("name", "t0"))
                .extractingByKey("parent").isEqualTo(Map.of("execution_id", wf.id(), "user", "stanley", "pack", "test"));
        assertThat(sequence.calls).containsExactly("start", "child succeeded", "child succeeded");
    }

    @Test
    void cancelPauseAndResumeReachTheOrchestrator() throws Exception {
        Path gate = dir.resolve("gate");
        Execution wf = service.request("test.seq", Map.of("tasks", List.of("test.gated", "test.nothing")), Map.of(),
                false);
        await().until(() -> service.children(wf.id()).size() == 1
                && service.children(wf.id()).get(0).status() == ExecutionStatus.RUNNING);
        // not a workflow: no pause
        String child = service.children(wf.id()).get(0).id();
        assertThatThrownBy(() -> service.pause(child)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only workflows");
        assertThat(service.pause(wf.id()).status()).isEqualTo(ExecutionStatus.PAUSING);
        assertThatThrownBy(() -> service.resume(wf.id())).hasMessageContaining("must be \"paused\"");
        service.cancel(child, "test");
        awaitStatus(wf.id(), ExecutionStatus.PAUSED);
        assertThat(service.children(wf.id())).hasSize(1);
        service.resume(wf.id());
        // the canceled first task makes the sequence run its second, then fail
        Execution done = awaitStatus(wf.id(), ExecutionStatus.FAILED);
        assertThat(done.children()).hasSize(2);
        assertThat(done.log()).extracting(StatusChange::status).containsSubsequence(ExecutionStatus.RUNNING,
                ExecutionStatus.PAUSING, ExecutionStatus.PAUSED, ExecutionStatus.RESUMING, ExecutionStatus.RUNNING,
                ExecutionStatus.FAILED);

        Execution other = service.request("test.seq", Map.of("tasks", List.of("test.gated"), "gate", gate.toString()),
                Map.of(), false);
        await().until(() -> service.children(other.id()).size() == 1);
        service.cancel(other.id(), "test");
        awaitStatus(other.id(), ExecutionStatus.CANCELED);
        await().until(() -> service.children(other.id()).get(0).status() == ExecutionStatus.CANCELED);
        assertThat(sequence.calls).contains("cancel");
    }

    @Test
    void aRunningWorkflowIsGivenBackToItsOrchestratorAfterARestartAndItsRunningTaskIsAbandoned() throws Exception {
        Path gate = dir.resolve("never");
        Execution wf = service.request("test.seq", Map.of("tasks", List.of("test.nothing", "test.gated"),
                "gate", gate.toString()), Map.of(), false);
        await().until(() -> service.children(wf.id()).size() == 2
                && service.children(wf.id()).get(1).status() == ExecutionStatus.RUNNING);
        service.stop();
        // what a crash leaves: the workflow running, its task running
        ExecutionRepository repo = new ExecutionRepository(store);
        assertThat(repo.find(wf.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
        service = newService();
        service.start();
        Execution done = awaitStatus(wf.id(), ExecutionStatus.FAILED);
        assertThat(sequence.calls).containsExactly("recover running");
        assertThat(service.children(wf.id())).extracting(Execution::status)
                .containsExactly(ExecutionStatus.SUCCEEDED, ExecutionStatus.ABANDONED);
        assertThat(done.result()).containsKey("tasks");
        assertThat(Files.exists(gate)).isFalse();
    }
}
