package dev.reflex.workflows.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.testkit.Http;
import dev.reflex.testkit.ReflexProcess;
import dev.reflex.workflows.KillRestartFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server killed with SIGKILL while the third task of a five-task action-chain runs: after a
 * restart on the same data directory the chain completes, every task ran exactly once (each appends
 * its name to a file), and the interrupted task, abandoned, followed its {@code on-failure} (the only
 * way on to the fourth task).
 */
class ChainKillTest {

    @TempDir
    Path data;
    @TempDir
    Path packs;

    @Test
    void aChainKilledInTheMiddleCompletesAfterTheRestartWithEachTaskRunOnce() throws Exception {
        Path pack = ChainPacks.pack(packs, "crash");
        ChainPacks.chain(pack, "five", "  log: {type: string, required: true}\n", """
                chain:
                  - {name: t1, ref: core.local, parameters: {cmd: "echo t1 >> {{ log }}"}, on-success: t2}
                  - {name: t2, ref: core.local, parameters: {cmd: "echo t2 >> {{ log }}"}, on-success: t3}
                  - name: t3
                    ref: core.local
                    parameters:
                      cmd: "echo t3 >> {{ log }}; while [ -e {{ log }} ] && [ ! -e {{ log }}.stop ]; do sleep 0.05; done"
                    on-failure: t4
                  - {name: t4, ref: core.local, parameters: {cmd: "echo t4 >> {{ log }}"}, on-success: t5}
                  - {name: t5, ref: core.local, parameters: {cmd: "echo t5 >> {{ log }}"}}
                """);
        Path log = data.resolve("log");
        String id = KillRestartFixture.runUntilThirdTaskThenKill(data, packs, "crash.five", log);
        assertThat(Files.readAllLines(log)).containsExactly("t1", "t2", "t3");
        try (ReflexProcess second = KillRestartFixture.restart(data, packs)) {
            Http http = Http.local(second.port());
            JsonNode done = KillRestartFixture.succeeded(http, id);
            List<String> tasks = new ArrayList<>();
            for (JsonNode t : done.get("result").get("tasks")) {
                tasks.add(t.get("name").asText() + "=" + t.get("state").asText());
            }
            assertThat(tasks).containsExactly("t1=succeeded", "t2=succeeded", "t3=abandoned", "t4=succeeded",
                    "t5=succeeded");
            assertThat(Files.readAllLines(log)).as("each task ran once").containsExactly("t1", "t2", "t3", "t4", "t5");
            assertThat(KillRestartFixture.children(http, done, context -> context.get("chain").get("name").asText()))
                    .containsExactly("t1=succeeded", "t2=succeeded", "t3=abandoned", "t4=succeeded", "t5=succeeded");
        } finally {
            // the killed server's shell of t3 outlives it: let it end (it also ends once the temporary
            // directory, and so the log, is deleted, should it miss the stop file)
            Files.writeString(data.resolve("log.stop"), "");
        }
    }
}
