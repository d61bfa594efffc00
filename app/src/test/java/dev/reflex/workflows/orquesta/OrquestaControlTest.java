package dev.reflex.workflows.orquesta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Graph workflows paused, resumed and cancelled while a task runs, and carried on after a restart in
 * the middle of a workflow.
 */
class OrquestaControlTest extends OrquestaFixture {

    static String taskName(Execution c) {
        return String.valueOf(((Map<?, ?>) c.context().get("orquesta")).get("task_name"));
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
