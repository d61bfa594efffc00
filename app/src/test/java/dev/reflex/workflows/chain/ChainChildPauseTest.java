package dev.reflex.workflows.chain;

import static dev.reflex.workflows.chain.ChainPacks.chain;
import static dev.reflex.workflows.chain.ChainPacks.completed;
import static dev.reflex.workflows.chain.ChainPacks.gated;
import static dev.reflex.workflows.chain.ChainPacks.pack;
import static dev.reflex.workflows.chain.ChainPacks.tasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reflex.app.App;
import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionService;
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
 * A chain whose running task is a workflow that a user pauses directly: the chain learns it and
 * pauses too (StackStorm's chain moves to paused when its task is paused); resuming the chain resumes
 * the task, and the chain carries on.
 */
class ChainChildPauseTest {

    @TempDir
    Path dir;
    App app;

    @BeforeEach
    void startApp() throws Exception {
        Path packs = dir.resolve("packs");
        Path p = pack(packs, "nest");
        gated(p);
        chain(p, "inner", "  gate: {type: string, required: true}\n", """
                chain:
                  - {name: wait, ref: nest.gated, parameters: {gate: "{{ gate }}"}, on-success: then}
                  - {name: then, ref: core.noop}
                """);
        chain(p, "outer", "  gate: {type: string, required: true}\n", """
                chain:
                  - {name: sub, ref: nest.inner, parameters: {gate: "{{ gate }}"}, on-success: after}
                  - {name: after, ref: core.noop}
                """);
        app = ChainPacks.start(dir.resolve("data"), packs);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void aTaskPausedDirectlyPausesItsChainAndResumingTheChainResumesTheTask() throws Exception {
        ExecutionService engine = app.executions().executions();
        Path gate = dir.resolve("gate");
        Execution outer = engine.request("nest.outer", Map.of("gate", gate.toString()), Map.of(), false);
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.children(outer.id()).size() == 1
                && engine.children(engine.children(outer.id()).getFirst().id()).size() == 1);
        String inner = engine.children(outer.id()).getFirst().id();

        engine.pause(inner);
        Files.writeString(gate, "");
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.find(inner).orElseThrow().status() == ExecutionStatus.PAUSED);
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.find(outer.id()).orElseThrow().status()
                == ExecutionStatus.PAUSED);
        assertThat(engine.children(inner)).as("the paused task started nothing new").hasSize(1);

        engine.resume(outer.id());
        Execution done = completed(app, outer.id());
        assertThat(done.status()).as(String.valueOf(done.result())).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(tasks(done)).extracting(t -> t.get("name") + "=" + t.get("state"))
                .containsExactly("sub=succeeded", "after=succeeded");
        assertThat(tasks(engine.find(inner).orElseThrow())).extracting(t -> t.get("name")).containsExactly("wait", "then");
    }
}
