package dev.reflex.workflows.chain;

import static dev.reflex.workflows.chain.ChainPacks.chain;
import static dev.reflex.workflows.chain.ChainPacks.completed;
import static dev.reflex.workflows.chain.ChainPacks.pack;
import static dev.reflex.workflows.chain.ChainPacks.tasks;
import static dev.reflex.workflows.chain.ChainPacks.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reflex.app.App;
import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain whose server stops in the middle of a task and starts again on the same store: the chain
 * carries on from its saved progress, no completed task runs again, and the task the stop abandoned
 * follows its {@code on-failure}.
 */
class ChainRecoveryTest {

    @TempDir
    Path dir;
    Path packs;
    App app;

    @BeforeEach
    void packs() throws Exception {
        packs = dir.resolve("packs");
        Path p = pack(packs, "recovery");
        write(p, "actions/record.yaml", """
                name: record
                runner_type: local-shell-cmd
                parameters:
                  file: {type: string, required: true}
                  cmd: {type: string, immutable: true, default: "echo {{ action_context.chain.name }} >> {{ file }}"}
                """);
        write(p, "actions/gated.yaml", """
                name: gated
                runner_type: local-shell-cmd
                parameters:
                  file: {type: string, required: true}
                  gate: {type: string, required: true}
                  cmd:
                    type: string
                    immutable: true
                    default: "echo {{ action_context.chain.name }} >> {{ file }}; while [ ! -e {{ gate }} ]; do sleep 0.02; done"
                """);
        chain(p, "five", "  file: {type: string, required: true}\n  gate: {type: string, required: true}\n", """
                chain:
                  - {name: r1, ref: recovery.record, parameters: {file: "{{ file }}"}, on-success: r2}
                  - name: r2
                    ref: recovery.record
                    parameters: {file: "{{ file }}"}
                    publish: {seen: "{{ r2.return_code }}"}
                    on-success: r3
                  - name: r3
                    ref: recovery.gated
                    parameters: {file: "{{ file }}", gate: "{{ gate }}"}
                    on-success: r4
                    on-failure: r3_abandoned
                  - {name: r3_abandoned, ref: recovery.record, parameters: {file: "{{ file }}"}, on-success: r4}
                  - {name: r4, ref: recovery.record, parameters: {file: "{{ file }}-{{ seen }}"}}
                """);
        app = start();
    }

    App start() throws Exception {
        return ChainPacks.start(dir.resolve("data"), packs);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void aChainStoppedMidTaskCarriesOnAfterARestartAndNoCompletedTaskRunsTwice() throws Exception {
        Path runs = dir.resolve("runs");
        Path gate = dir.resolve("gate-never");
        Execution wf = app.executions().executions().request("recovery.five",
                Map.of("file", runs.toString(), "gate", gate.toString()), Map.of(), false);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(runs)
                && Files.readAllLines(runs).contains("r3"));
        app.close();
        assertThat(Files.readAllLines(runs)).containsExactly("r1", "r2", "r3");

        app = start();
        Execution done = completed(app, wf.id());
        assertThat(done.status()).as(String.valueOf(done.result())).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(tasks(done)).extracting(t -> t.get("name") + ":" + t.get("state")).containsExactly(
                "r1:succeeded", "r2:succeeded", "r3:abandoned", "r3_abandoned:succeeded", "r4:succeeded");
        assertThat(Files.readAllLines(runs)).as("each task ran once").containsExactly("r1", "r2", "r3", "r3_abandoned");
        assertThat(Files.readAllLines(Path.of(runs + "-0"))).as("published before the stop, used after it")
                .containsExactly("r4");
        assertThat(app.executions().executions().children(wf.id())).hasSize(5);
        assertThat(gate).doesNotExist();
    }
}
