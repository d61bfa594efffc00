package dev.reflex.workflows.orquesta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reflex.config.ConfigProblem;
import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionStatus;
import dev.reflex.workflows.WorkflowStates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Graph workflows on a real engine and store: transitions, publish and output, parallel branches and
 * joins, with-items concurrency, the action's parameter defaults, fail and noop, and located errors
 * in workflow files.
 */
class OrquestaRunnerTest extends OrquestaFixture {

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
}
