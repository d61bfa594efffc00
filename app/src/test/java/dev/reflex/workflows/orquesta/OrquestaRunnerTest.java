package dev.reflex.workflows.orquesta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reflex.actions.ActionFormat;
import dev.reflex.actions.ActionRegistry;
import dev.reflex.config.ConfigProblem;
import dev.reflex.config.ReflexConfig;
import dev.reflex.config.SourceFormat;
import dev.reflex.config.StrictLoader;
import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionRepository;
import dev.reflex.executions.ExecutionService;
import dev.reflex.executions.ExecutionSettings;
import dev.reflex.executions.ExecutionStatus;
import dev.reflex.executions.PolicyRegistry;
import dev.reflex.runners.Runners;
import dev.reflex.runners.local.LocalRunnerConfig;
import dev.reflex.runners.local.LocalShellRunner;
import dev.reflex.runners.noop.NoopRunner;
import dev.reflex.store.Store;
import dev.reflex.store.Stores;
import dev.reflex.template.TemplateEngine;
import dev.reflex.testkit.MutableClock;
import dev.reflex.workflows.WorkflowStates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graph workflows on a real engine and store: transitions, publish and output, parallel branches and
 * joins, with-items concurrency, retries and delays on the clock, fail and noop, located errors in
 * workflow files, pause, resume and cancel, and a restart in the middle of a workflow.
 */
class OrquestaRunnerTest {

    private static final TemplateEngine TEMPLATES = new TemplateEngine();
    @TempDir
    Path dir;
    Store store;
    ActionRegistry actions = new ActionRegistry();
    ExecutionService service;
    OrquestaRunner runner;
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void start() throws Exception {
        store = Stores.open(ReflexConfig.defaults().store(), dir, clock);
        store.start();
        action("nothing.yaml", """
                name: nothing
                pack: test
                runner_type: noop
                """);
        action("sh.yaml", """
                name: sh
                pack: test
                runner_type: local-shell-cmd
                """);
        service = newService();
        service.start();
    }

    ExecutionService newService() {
        runner = new OrquestaRunner(new WorkflowStates(store, clock), clock, k -> Optional.of("kv-" + k));
        Runners runners = Runners.of(List.of(new NoopRunner(), LocalShellRunner.command(LocalRunnerConfig.defaults()),
                runner));
        return new ExecutionService(actions, runners, new ExecutionRepository(store), new PolicyRegistry(), TEMPLATES,
                null, k -> Optional.empty(), clock, ExecutionSettings.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        service.stop();
        store.stop();
    }

    void action(String file, String yaml) {
        actions.put(StrictLoader.load(file, yaml, SourceFormat.YAML,
                new ActionFormat(TEMPLATES).inPack("test", Optional.of(dir), file)).single());
    }

    /** Writes a workflow file and its action {@code test.NAME}, with free-form parameters. */
    void workflow(String name, String yaml, String... params) throws Exception {
        Files.writeString(dir.resolve(name + ".wf.yaml"), yaml);
        StringBuilder p = new StringBuilder();
        for (String param : params) {
            p.append("  ").append(param).append(": {}\n");
        }
        action(name + ".yaml", "name: " + name + "\npack: test\nrunner_type: orquesta\nentry_point: " + name
                + ".wf.yaml\n" + (params.length == 0 ? "" : "parameters:\n" + p));
    }

    Execution run(String name, Map<String, Object> params, ExecutionStatus expected) {
        Execution wf = service.request("test." + name, params, Map.of(), false);
        return awaitStatus(wf.id(), expected);
    }

    Execution awaitStatus(String id, ExecutionStatus status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> service.find(id).orElseThrow().status() == status);
        return service.find(id).orElseThrow();
    }

    List<String> taskNames(String id) {
        return service.children(id).stream()
                .map(c -> String.valueOf(((Map<?, ?>) c.context().get("orquesta")).get("task_name"))).toList();
    }

    @Test
    void transitionsPublishIntoTheContextAndTheOutputIsRendered() throws Exception {
        workflow("seq", """
                version: 1.0
                input:
                  - who
                  - greeting: hello
                vars:
                  - count: 1
                tasks:
                  first:
                    action: test.sh
                    input:
                      cmd: echo "{{ ctx().greeting }} {{ ctx('who') }}"
                    next:
                      - when: "{{ succeeded() and result().stdout == 'hello world' }}"
                        publish:
                          - said: "{{ result().stdout }}"
                          - count: "{{ ctx().count + 1 }}"
                        do: second
                      - when: "{{ failed() }}"
                        do: fail
                  second:
                    action: test.nothing
                    next:
                      - publish:
                          - last: "{{ task('first').status }}"
                          - key: "{{ st2kv('system.k1') }}"
                output:
                  - said: "{{ ctx().said }}"
                  - count: "{{ ctx().count }}"
                  - last: "{{ ctx().last }}"
                  - key: "{{ ctx().key }}"
                  - me: "{{ ctx().st2.action_execution_id }}"
                """, "who");
        Execution done = run("seq", Map.of("who", "world"), ExecutionStatus.SUCCEEDED);
        assertThat(done.result()).isEqualTo(Map.of("output", Map.of("said", "hello world", "count", 2L,
                "last", "succeeded", "key", "kv-k1", "me", done.id())));
        assertThat(taskNames(done.id())).containsExactlyInAnyOrder("first", "second");
        assertThat(service.children(done.id()).get(0).context()).containsKey("parent")
                .extractingByKey("orquesta").isEqualTo(Map.of("task_name", "first", "task_id", "first", "task_run", 1L,
                        "attempt", 0L));
        // the state row is deleted once the workflow has finished: after its final status, not before
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(new WorkflowStates(store, clock).load(done.id())).isEmpty());
    }

    @Test
    void parallelBranchesJoinWhenAllOrNHaveArrived() throws Exception {
        Path gate = dir.resolve("gate");
        workflow("par", """
                version: 1.0
                input: [gate]
                tasks:
                  a:
                    action: test.nothing
                    next: [{do: [b, c, d]}]
                  b:
                    action: test.nothing
                    next: [{do: all_joined}, {do: two_joined}]
                  c:
                    action: test.nothing
                    next: [{do: [all_joined, two_joined]}]
                  d:
                    action: test.sh
                    input: {cmd: "while [ ! -e {{ ctx().gate }} ]; do sleep 0.02; done; exit 3"}
                    next:
                      - when: "{{ failed() }}"
                        do: all_joined, two_joined
                  all_joined:
                    join: all
                    action: test.nothing
                  two_joined:
                    join: 2
                    action: test.nothing
                """, "gate");
        Execution wf = service.request("test.par", Map.of("gate", gate.toString()), Map.of(), false);
        // b and c have arrived: two_joined runs while d still holds all_joined back
        await().until(() -> taskNames(wf.id()).contains("two_joined"));
        assertThat(taskNames(wf.id())).doesNotContain("all_joined");
        Files.writeString(gate, "");
        Execution done = awaitStatus(wf.id(), ExecutionStatus.SUCCEEDED);
        assertThat(taskNames(done.id())).containsExactlyInAnyOrder("a", "b", "c", "d", "all_joined", "two_joined");
    }

    static String taskName(Execution c) {
        return String.valueOf(((Map<?, ?>) c.context().get("orquesta")).get("task_name"));
    }

    @Test
    void withItemsRunsEachItemWithAtMostConcurrencyAtOnce() throws Exception {
        workflow("items", """
                version: 1.0
                input: [hosts, gates]
                tasks:
                  each:
                    with:
                      items: host in {{ ctx().hosts }}
                      concurrency: 2
                    action: test.sh
                    input:
                      cmd: "while [ ! -e {{ ctx().gates }}-{{ item('host') }} ]; do sleep 0.02; done; echo {{ item() }}"
                    next:
                      - publish: [{seen: "{{ result() | map(attribute='stdout') | list }}"}]
                output:
                  - seen: "{{ ctx().seen }}"
                """, "hosts", "gates");
        List<String> hosts = List.of("h1", "h2", "h3", "h4", "h5");
        Execution wf = service.request("test.items", Map.of("hosts", hosts, "gates", dir.resolve("gate").toString()),
                Map.of(), false);
        for (int i = 0; i < hosts.size(); i++) {
            int expected = Math.min(i + 2, hosts.size());
            int done = i;
            // items start in order; exactly two are live until one ends, never a third
            await().until(() -> service.children(wf.id()).size() == expected && service.children(wf.id()).stream()
                    .filter(c -> c.status().completed()).count() == done && service.children(wf.id()).stream()
                    .filter(c -> c.status() == ExecutionStatus.RUNNING).count() == Math.min(2, hosts.size() - done));
            assertThat(service.children(wf.id())).hasSize(expected);
            Files.writeString(dir.resolve("gate-" + hosts.get(i)), "");
        }
        Execution done = awaitStatus(wf.id(), ExecutionStatus.SUCCEEDED);
        assertThat(done.result()).isEqualTo(Map.of("output", Map.of("seen", hosts)));
        assertThat(service.children(wf.id())).hasSize(5)
                .extracting(c -> (Object) ((Map<?, ?>) c.context().get("orquesta")).get("item_id"))
                .containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void retryRunsAgainAfterItsDelayOnTheClockAndThenFollowsTheFailurePath() throws Exception {
        workflow("retry", """
                version: 1.0
                tasks:
                  flaky:
                    action: test.sh
                    input: {cmd: "exit 1"}
                    retry:
                      when: "{{ failed() }}"
                      count: 2
                      delay: 60
                output:
                  - never: "{{ ctx().nothing }}"
                """);
        Execution wf = service.request("test.retry", Map.of(), Map.of(), false);
        await().until(() -> service.children(wf.id()).size() == 1 && service.children(wf.id()).get(0).status().completed());
        await().until(() -> runner.waitingOnDeadlines() == 1);
        assertThat(service.children(wf.id())).hasSize(1);
        clock.advance(Duration.ofSeconds(61));
        await().until(() -> service.children(wf.id()).size() == 2 && service.children(wf.id()).get(1).status().completed());
        await().until(() -> runner.waitingOnDeadlines() == 1);
        clock.advance(Duration.ofSeconds(61));
        Execution done = awaitStatus(wf.id(), ExecutionStatus.FAILED);
        assertThat(service.children(done.id())).hasSize(3).allMatch(c -> c.status() == ExecutionStatus.FAILED);
        assertThat(service.children(done.id())).extracting(c -> (Object) ((Map<?, ?>) c.context().get("orquesta")).get("attempt"))
                .containsExactlyInAnyOrder(0L, 1L, 2L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) done.result().get("errors");
        assertThat(errors).first().satisfies(e -> {
            assertThat(e).containsEntry("task_id", "flaky").containsEntry("message", "Execution failed. See result for details.");
            assertThat(e.get("result")).asString().contains("return_code");
        });
        assertThat(errors.get(1).get("message")).asString().contains("output 'never'");
    }

    @Test
    void aPollLoopWaitsOnADelayTaskUntilItsConditionHoldsOrItsTriesRunOut() throws Exception {
        Path flag = dir.resolve("green");
        workflow("poll", """
                version: 1.0
                input: [flag]
                vars:
                  - tries: 0
                tasks:
                  start:
                    next: [{do: check}]
                  check:
                    action: test.sh
                    input: {cmd: "test -e {{ ctx().flag }}"}
                    next:
                      - when: "{{ succeeded() }}"
                        do: done
                      - when: "{{ failed() and ctx().tries < 5 }}"
                        publish: [{tries: "{{ ctx().tries + 1 }}"}]
                        do: wait
                      - when: "{{ failed() and ctx().tries >= 5 }}"
                        do: fail
                  wait:
                    delay: 30
                    next: [{do: check}]
                  done:
                    action: test.nothing
                output:
                  - tries: "{{ ctx().tries }}"
                """, "flag");
        Execution wf = service.request("test.poll", Map.of("flag", flag.toString()), Map.of(), false);
        await().until(() -> service.children(wf.id()).size() == 1 && service.children(wf.id()).get(0).status().completed());
        await().atMost(Duration.ofSeconds(2)).failFast(() -> service.find(wf.id()).orElseThrow().status().completed())
                .until(() -> runner.waitingOnDeadlines() == 1);
        for (int i = 1; i <= 2; i++) {
            int checks = i;
            await().until(() -> runner.waitingOnDeadlines() == 1 && service.children(wf.id()).size() == checks);
            clock.advance(Duration.ofSeconds(31));
        }
        await().until(() -> runner.waitingOnDeadlines() == 1 && service.children(wf.id()).size() == 3);
        Files.writeString(flag, "");
        clock.advance(Duration.ofSeconds(31));
        Execution done = awaitStatus(wf.id(), ExecutionStatus.SUCCEEDED);
        assertThat(done.result()).isEqualTo(Map.of("output", Map.of("tries", 3L)));
        assertThat(taskNames(done.id())).containsExactlyInAnyOrder("check", "check", "check", "check", "done");
    }

    @Test
    void aDelayReachedFromATaskWithoutAnActionWaitsOnTheClock() throws Exception {
        workflow("pause", """
                version: 1.0
                input: [seconds]
                tasks:
                  start:
                    next: [{do: wait}]
                  wait:
                    delay: "{{ ctx().seconds }}"
                    next: [{do: after}]
                  after:
                    action: test.nothing
                """, "seconds");
        Execution wf = service.request("test.pause", Map.of("seconds", 30), Map.of(), false);
        // before the fix the delay counted from time zero and 'after' ran at once
        await().failFast(() -> !service.children(wf.id()).isEmpty()).until(() -> runner.waitingOnDeadlines() == 1);
        assertThat(service.children(wf.id())).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        Execution done = awaitStatus(wf.id(), ExecutionStatus.SUCCEEDED);
        assertThat(taskNames(done.id())).containsExactly("after");
    }

    @Test
    void itemOfTheOneVariableIsTheWholeItemEvenWhenItHasAKeyOfThatName() throws Exception {
        workflow("rows", """
                version: 1.0
                input: [rows]
                tasks:
                  each:
                    with: {items: "row in {{ ctx().rows }}"}
                    action: test.sh
                    input: {cmd: "echo {{ item('row').name }}-{{ item('row').row }}"}
                    next:
                      - publish: [{seen: "{{ result() | map(attribute='stdout') | list }}"}]
                output:
                  - seen: "{{ ctx().seen }}"
                """, "rows");
        Execution done = run("rows", Map.of("rows", List.of(Map.of("row", 1, "name", "a"), Map.of("row", 2, "name", "b"))),
                ExecutionStatus.SUCCEEDED);
        assertThat(done.result()).isEqualTo(Map.of("output", Map.of("seen", List.of("a-1", "b-2"))));
    }

    @Test
    void theActionsParameterDefaultsReachTheWorkflowInput() throws Exception {
        Files.writeString(dir.resolve("defaults.wf.yaml"), """
                version: 1.0
                input:
                  - seconds
                  - name: from-the-workflow
                  - unset: from-the-workflow
                tasks:
                  only:
                    action: test.nothing
                output:
                  - seconds: "{{ ctx().seconds }}"
                  - name: "{{ ctx().name }}"
                  - unset: "{{ ctx().unset }}"
                """);
        action("defaults.yaml", """
                name: defaults
                pack: test
                runner_type: orquesta
                entry_point: defaults.wf.yaml
                parameters:
                  seconds: {type: integer, default: 600}
                  name: {type: string, default: from-the-action}
                  unset: {type: string}
                """);
        Execution done = run("defaults", Map.of(), ExecutionStatus.SUCCEEDED);
        assertThat(done.result()).isEqualTo(Map.of("output", Map.of("seconds", 600L, "name", "from-the-action",
                "unset", "from-the-workflow")));
    }

    @Test
    void everyConditionIsDecidedBeforeAnyTransitionPublishes() throws Exception {
        workflow("decide", """
                version: 1.0
                vars:
                  - n: 0
                tasks:
                  step:
                    action: test.nothing
                    next:
                      - when: "{{ ctx().n == 0 }}"
                        publish: [{n: 1}]
                        do: first
                      - when: "{{ ctx().n == 1 }}"
                        do: second
                  first:
                    action: test.nothing
                  second:
                    action: test.nothing
                output:
                  - n: "{{ ctx().n }}"
                """);
        Execution done = run("decide", Map.of(), ExecutionStatus.SUCCEEDED);
        assertThat(taskNames(done.id())).containsExactlyInAnyOrder("step", "first");
        assertThat(done.result()).isEqualTo(Map.of("output", Map.of("n", 1L)));
    }

    @Test
    void noopRemediatesAFailureAndFailFailsTheWorkflow() throws Exception {
        workflow("remedy", """
                version: 1.0
                tasks:
                  bad:
                    action: test.sh
                    input: {cmd: "exit 2"}
                    next:
                      - when: "{{ failed() }}"
                        do: noop
                """);
        run("remedy", Map.of(), ExecutionStatus.SUCCEEDED);
        workflow("failing", """
                version: 1.0
                tasks:
                  good:
                    action: test.nothing
                    next:
                      - do: [fail]
                """);
        Execution failed = run("failing", Map.of(), ExecutionStatus.FAILED);
        assertThat(failed.result()).containsKey("errors").containsEntry("output", null);
    }

    @Test
    void aBadWorkflowFileFailsTheExecutionWithEveryProblemLocated() throws Exception {
        workflow("bad", """
                version: 1.0
                tasks:
                  one:
                    action: test.nothing
                    input:
                      x: <% ctx().y %>
                    colour: blue
                    next:
                      - when: "{{ succeeded( }}"
                        do: [two, nowhere]
                  two:
                    action: test.nothing
                """);
        Execution done = run("bad", Map.of(), ExecutionStatus.FAILED);
        assertThat(done.result().get("errors")).asString()
                .contains("bad.wf.yaml:6:10", "YAQL expressions (<% %>) are not supported; use Jinja")
                .contains("bad.wf.yaml:7:5", "colour")
                .contains("bad.wf.yaml:9:15", "bad expression")
                .contains("bad.wf.yaml:10:13", "unknown task 'nowhere'");
        assertThat(service.children(done.id())).isEmpty();
        List<ConfigProblem> problems = runner.load(dir.resolve("bad.wf.yaml")).problems();
        assertThat(problems).hasSize(4);
    }

    @Test
    void pauseWaitsForTheRunningTaskResumeCarriesOnAndCancelCascades() throws Exception {
        Path gate = dir.resolve("gate");
        workflow("slow", """
                version: 1.0
                input: [gate]
                tasks:
                  wait_gate:
                    action: test.sh
                    input: {cmd: "while [ ! -e {{ ctx().gate }} ]; do sleep 0.02; done"}
                    next: [{do: after}]
                  after:
                    action: test.nothing
                """, "gate");
        Execution wf = service.request("test.slow", Map.of("gate", gate.toString()), Map.of(), false);
        await().until(() -> service.children(wf.id()).size() == 1
                && service.children(wf.id()).getFirst().status() == ExecutionStatus.RUNNING);
        service.pause(wf.id());
        assertThat(service.find(wf.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.PAUSING);
        Files.writeString(gate, "");
        awaitStatus(wf.id(), ExecutionStatus.PAUSED);
        assertThat(service.children(wf.id())).hasSize(1);
        service.resume(wf.id());
        awaitStatus(wf.id(), ExecutionStatus.SUCCEEDED);
        assertThat(taskNames(wf.id())).containsExactlyInAnyOrder("wait_gate", "after");

        Path never = dir.resolve("never");
        Execution other = service.request("test.slow", Map.of("gate", never.toString()), Map.of(), false);
        await().until(() -> service.children(other.id()).size() == 1
                && service.children(other.id()).getFirst().status() == ExecutionStatus.RUNNING);
        service.cancel(other.id(), "test");
        Execution canceled = awaitStatus(other.id(), ExecutionStatus.CANCELED);
        assertThat(service.children(canceled.id())).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(ExecutionStatus.CANCELED));
    }

    @Test
    void afterARestartTheInterruptedTaskFollowsItsFailurePathAndNoCompletedTaskRunsAgain() throws Exception {
        Path log = dir.resolve("log");
        workflow("five", """
                version: 1.0
                input: [log]
                tasks:
                  t1:
                    action: test.sh
                    input: {cmd: "echo t1 >> {{ ctx().log }}"}
                    next: [{do: t2}]
                  t2:
                    action: test.sh
                    input: {cmd: "echo t2 >> {{ ctx().log }}"}
                    next: [{do: t3}]
                  t3:
                    action: test.sh
                    input: {cmd: "echo t3 >> {{ ctx().log }}; while true; do sleep 0.02; done"}
                    next:
                      - when: "{{ succeeded() }}"
                        do: t4
                      - when: "{{ failed() }}"
                        publish: [{t3: "{{ task('t3').status }}"}]
                        do: t4
                  t4:
                    action: test.sh
                    input: {cmd: "echo t4 >> {{ ctx().log }}"}
                    next: [{do: t5}]
                  t5:
                    action: test.sh
                    input: {cmd: "echo t5 >> {{ ctx().log }}"}
                output:
                  - t3: "{{ ctx().t3 }}"
                """, "log");
        Execution wf = service.request("test.five", Map.of("log", log.toString()), Map.of(), false);
        await().until(() -> Files.exists(log) && Files.readString(log).contains("t3"));
        service.stop();
        service = newService();
        service.start();
        Execution done = awaitStatus(wf.id(), ExecutionStatus.SUCCEEDED);
        assertThat(Files.readAllLines(log)).containsExactly("t1", "t2", "t3", "t4", "t5");
        assertThat(done.result()).isEqualTo(Map.of("output", Map.of("t3", "failed")));
        Map<String, ExecutionStatus> byTask = new java.util.TreeMap<>();
        service.children(wf.id()).forEach(c -> byTask.put(taskName(c), c.status()));
        assertThat(byTask).containsExactly(Map.entry("t1", ExecutionStatus.SUCCEEDED),
                Map.entry("t2", ExecutionStatus.SUCCEEDED), Map.entry("t3", ExecutionStatus.ABANDONED),
                Map.entry("t4", ExecutionStatus.SUCCEEDED), Map.entry("t5", ExecutionStatus.SUCCEEDED));
        assertThat(service.children(wf.id())).hasSize(5);
    }
}
