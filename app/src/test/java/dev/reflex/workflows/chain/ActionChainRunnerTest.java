package dev.reflex.workflows.chain;

import static dev.reflex.workflows.chain.ChainPacks.chain;
import static dev.reflex.workflows.chain.ChainPacks.completed;
import static dev.reflex.workflows.chain.ChainPacks.gated;
import static dev.reflex.workflows.chain.ChainPacks.pack;
import static dev.reflex.workflows.chain.ChainPacks.result;
import static dev.reflex.workflows.chain.ChainPacks.start;
import static dev.reflex.workflows.chain.ChainPacks.tasks;
import static dev.reflex.workflows.chain.ChainPacks.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reflex.app.App;
import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionService;
import dev.reflex.executions.ExecutionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chain semantics on a whole Reflex: the start task, the rendering context (parameters, earlier
 * results, vars, published values, {@code __results}, {@code st2kv.system}, {@code action_context}),
 * casting of rendered strings to the callee's types, the legacy {@code params} key, the status of
 * the last task, runtime errors that do not follow {@code on-failure}, the result's shape, and
 * pause, resume and cancel.
 */
class ActionChainRunnerTest {

    @TempDir
    static Path dir;
    static App app;
    static ExecutionService engine;

    @BeforeAll
    static void startApp() throws Exception {
        Path packs = dir.resolve("packs");
        Path p = pack(packs, "chains");
        write(p, "actions/typed.yaml", """
                name: typed
                runner_type: local-shell-cmd
                parameters:
                  n: {type: integer, required: true}
                  flag: {type: boolean}
                  obj: {type: object}
                  label: {type: string}
                  cmd: {type: string, immutable: true, default: "echo {{ n + 1 }} {{ flag }} {{ obj.k }} {{ label }}"}
                """);
        write(p, "actions/fail.yaml", """
                name: fail
                runner_type: local-shell-cmd
                parameters:
                  cmd: {type: string, immutable: true, default: "echo boom >&2; exit 3"}
                """);
        gated(p);
        chain(p, "semantics", """
                  greeting: {type: string, default: hello}
                  count: {type: integer, default: 41}
                """, """
                vars:
                  base: "{{ count }}"
                  domain: "{{ st2kv.system.domain }}"
                chain:
                  - name: third
                    ref: core.local
                    parameters:
                      cmd: "echo {{ __results.first.stdout }}/{{ second.stdout }}/{{ domain }}/{{ said }}"
                  - name: first
                    ref: core.local
                    params:
                      cmd: "echo {{ greeting }} from {{ action_context.parent.execution_id }}"
                    publish:
                      said: "{{ first.stdout }}"
                      nested:
                        list: ["{{ base }}", 7]
                    on-success: second
                  - name: second
                    ref: chains.typed
                    parameters:
                      n: "{{ base }}"
                      flag: "{{ 1 == 1 }}"
                      obj: '{"k": "{{ greeting }}"}'
                      label: "{{ 1 + 2 }} + 3"
                    on-success: third
                """);
        chain(p, "failover", "", """
                chain:
                  - name: handler
                    ref: core.local
                    parameters:
                      cmd: "echo handled {{ start.stderr }}"
                  - name: start
                    ref: chains.fail
                    on-success: never
                    on-failure: handler
                  - name: never
                    ref: core.local
                    parameters: {cmd: "echo never"}
                default: start
                """);
        chain(p, "unknown_ref", "", """
                chain:
                  - name: first
                    ref: core.local
                    parameters: {cmd: "echo one"}
                    on-success: missing
                  - name: missing
                    ref: nope.nothing
                    on-failure: handler
                  - name: handler
                    ref: core.local
                    parameters: {cmd: "echo handler"}
                default: first
                """);
        chain(p, "bad_template", "", """
                chain:
                  - name: first
                    ref: core.local
                    parameters: {cmd: "echo {{ nosuch.value }}"}
                    on-failure: handler
                  - name: handler
                    ref: core.local
                    parameters: {cmd: "echo handler"}
                default: first
                """);
        chain(p, "bad_cast", "", """
                chain:
                  - name: first
                    ref: chains.typed
                    parameters: {n: "not a number", flag: false, obj: {k: v}, label: x}
                    on-failure: handler
                  - name: handler
                    ref: core.local
                    parameters: {cmd: "echo handler"}
                default: first
                """);
        chain(p, "gates", "  gate: {type: string, required: true}\n", """
                chain:
                  - name: wait
                    ref: chains.gated
                    parameters: {gate: "{{ gate }}"}
                    on-success: after
                  - name: after
                    ref: core.local
                    parameters: {cmd: "echo after"}
                """);
        write(p, "actions/broken.yaml", "name: broken\nrunner_type: action-chain\nentry_point: chains/broken.yaml\n");
        write(p, "actions/chains/broken.yaml", """
                chain:
                  - name: a
                    ref: core.local
                    parameters: {cmd: "echo a"}
                    on-sucess: b
                """);
        write(p, "actions/json.yaml", "name: json\nrunner_type: action-chain\nentry_point: chains/json.json\n");
        write(p, "actions/chains/json.json", """
                {"chain": [{"name": "only", "ref": "core.local", "parameters": {"cmd": "echo from json"}}]}
                """);
        app = start(dir.resolve("data"), packs);
        engine = app.executions().executions();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    static Execution run(String ref, Map<String, Object> parameters) {
        return completed(app, engine.request(ref, parameters, Map.of(), false).id());
    }

    @Test
    @SuppressWarnings("unchecked")
    void renderingContextPublishVarsAndCasting() {
        app.store().keyValues().put("domain", "example.org", false, null);
        Execution done = run("chains.semantics", Map.of());
        assertThat(done.status()).as(String.valueOf(done.result())).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(tasks(done)).extracting(t -> t.get("name")).as("starts at the first task no transition names")
                .containsExactly("first", "second", "third");
        assertThat(result(done, "first")).containsEntry("stdout", "hello from " + done.id());
        assertThat(result(done, "second")).as("'41' cast to 42-1, 'True' to a boolean, JSON text to an object")
                .containsEntry("stdout", "42 True hello 3 + 3");
        assertThat(result(done, "third")).containsEntry("stdout",
                "hello from " + done.id() + "/42 True hello 3 + 3/example.org/hello from " + done.id());
        Map<String, Object> published = (Map<String, Object>) done.result().get("published");
        assertThat(published).containsEntry("base", "41").containsEntry("domain", "example.org")
                .containsEntry("said", "hello from " + done.id())
                .containsEntry("nested", Map.of("list", List.of("41", 7L)));
        Execution second = engine.find((String) tasks(done).get(1).get("execution_id")).orElseThrow();
        assertThat(second.parameters()).containsEntry("n", 41L).containsEntry("flag", true)
                .containsEntry("obj", Map.of("k", "hello")).containsEntry("label", "3 + 3");
        assertThat(second.parentId()).isEqualTo(done.id());
        assertThat(second.context()).containsEntry("chain", Map.of("name", "second"));
        assertThat(tasks(done).getFirst()).containsOnlyKeys("id", "name", "execution_id", "workflow", "created_at",
                "updated_at", "state", "result").containsEntry("id", "first").containsEntry("state", "succeeded");
        assertThat(done.children()).hasSize(3);
    }

    @Test
    void aFailedTaskWhoseOnFailureHandlerSucceedsLeavesTheChainSucceeded() {
        Execution done = run("chains.failover", Map.of());
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(tasks(done)).extracting(t -> t.get("name") + ":" + t.get("state"))
                .containsExactly("start:failed", "handler:succeeded");
        assertThat(result(done, "handler")).containsEntry("stdout", "handled boom");
        assertThat(done.result()).doesNotContainKeys("error", "published");
    }

    @Test
    void anUnknownActionFailsTheChainWithoutFollowingOnFailure() {
        Execution done = run("chains.unknown_ref", Map.of());
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(tasks(done)).extracting(t -> t.get("name")).containsExactly("first");
        assertThat((String) done.result().get("error")).contains("Task \"missing\"")
                .contains("Action \"nope.nothing\" cannot be found.");
        assertThat(done.children()).hasSize(1);
    }

    @Test
    void aTemplateThatDoesNotRenderFailsTheChainWithoutFollowingOnFailure() {
        Execution done = run("chains.bad_template", Map.of());
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(tasks(done)).isEmpty();
        assertThat((String) done.result().get("error")).contains("Task \"first\"").contains("parameter \"cmd\"")
                .contains("nosuch");
        assertThat(done.children()).isEmpty();
    }

    @Test
    void aValueTheCalleeCannotCastFailsTheChainWithoutFollowingOnFailure() {
        Execution done = run("chains.bad_cast", Map.of());
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat((String) done.result().get("error")).contains("Task \"first\"").contains("not a number");
        assertThat(done.children()).isEmpty();
    }

    @Test
    void aBrokenChainFileFailsTheChainWithTheLocatedProblem() {
        Execution done = run("chains.broken", Map.of());
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat((String) done.result().get("error")).contains("broken.yaml:5:")
                .contains("on-sucess");
        assertThat(done.children()).isEmpty();
    }

    @Test
    void aChainFileMayBeJson() {
        Execution done = run("chains.json", Map.of());
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result(done, "only")).containsEntry("stdout", "from json");
    }

    @Test
    void pauseWaitsForTheRunningTaskAndResumeCarriesOn() throws Exception {
        Path gate = dir.resolve("gate-pause");
        Execution wf = engine.request("chains.gates", Map.of("gate", gate.toString()), Map.of(), false);
        await().until(() -> engine.children(wf.id()).size() == 1
                && engine.children(wf.id()).getFirst().status() == ExecutionStatus.RUNNING);
        assertThat(engine.pause(wf.id()).status()).isEqualTo(ExecutionStatus.PAUSING);
        Files.writeString(gate, "open");
        await().until(() -> engine.find(wf.id()).orElseThrow().status() == ExecutionStatus.PAUSED);
        assertThat(engine.children(wf.id())).as("no new task while paused").hasSize(1);
        assertThat(tasks(engine.find(wf.id()).orElseThrow())).as("the interim result shows the task")
                .extracting(t -> t.get("name")).containsExactly("wait");
        engine.resume(wf.id());
        Execution done = completed(app, wf.id());
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(tasks(done)).extracting(t -> t.get("name")).containsExactly("wait", "after");
    }

    @Test
    void cancelCancelsTheRunningTaskAndStartsNoOther() {
        Execution wf = engine.request("chains.gates", Map.of("gate", dir.resolve("never").toString()), Map.of(), false);
        await().until(() -> engine.children(wf.id()).size() == 1
                && engine.children(wf.id()).getFirst().status() == ExecutionStatus.RUNNING);
        engine.cancel(wf.id(), "test");
        Execution done = completed(app, wf.id());
        assertThat(done.status()).isEqualTo(ExecutionStatus.CANCELED);
        assertThat(engine.children(wf.id())).extracting(Execution::status).containsExactly(ExecutionStatus.CANCELED);
        assertThat(tasks(done)).extracting(t -> t.get("state")).containsExactly("canceled");
    }
}
