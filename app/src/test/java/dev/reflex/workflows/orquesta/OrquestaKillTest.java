package dev.reflex.workflows.orquesta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.testkit.Http;
import dev.reflex.testkit.ReflexProcess;
import dev.reflex.workflows.KillRestartFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server killed with SIGKILL while the third task of a five-task graph workflow runs: after a
 * restart on the same data directory the workflow completes, every task ran exactly once (each
 * appends a line to a file), and the interrupted task, abandoned, followed its failure transition.
 */
class OrquestaKillTest {

    @TempDir
    Path data;
    @TempDir
    Path packs;

    @Test
    void aWorkflowKilledInTheMiddleCompletesAfterTheRestartWithEachTaskRunOnce() throws Exception {
        Path pack = packs.resolve("crash");
        Files.createDirectories(pack.resolve("actions"));
        Files.writeString(pack.resolve("pack.yaml"), "ref: crash\nname: crash\ndescription: kill test\nversion: 1.0.0\n"
                + "author: reflex\n");
        Files.writeString(pack.resolve("actions/sh.yaml"), "name: sh\npack: crash\nrunner_type: local-shell-cmd\n");
        Files.writeString(pack.resolve("actions/five.yaml"), """
                name: five
                pack: crash
                runner_type: orquesta
                entry_point: five.wf.yaml
                parameters:
                  log: {type: string, required: true}
                """);
        StringBuilder wf = new StringBuilder("version: 1.0\ninput: [log]\ntasks:\n");
        for (int i = 1; i <= 5; i++) {
            String cmd = "echo t" + i + " >> {{ ctx().log }}" + (i == 3 ? "; while [ -e {{ ctx().log }} ] && [ ! -e {{ ctx().log }}.stop ]; do sleep 0.05; done" : "");
            wf.append("  t").append(i).append(":\n    action: crash.sh\n    input: {cmd: \"").append(cmd).append("\"}\n");
            if (i == 3) {
                wf.append("    next:\n      - when: \"{{ succeeded() }}\"\n        do: t4\n")
                        .append("      - when: \"{{ failed() }}\"\n        publish: [{t3: \"{{ task('t3').status }}\"}]\n")
                        .append("        do: t4\n");
            } else if (i < 5) {
                wf.append("    next: [{do: t").append(i + 1).append("}]\n");
            }
        }
        wf.append("output:\n  - t3: \"{{ ctx().t3 | default('not failed') }}\"\n");
        Files.writeString(pack.resolve("actions/five.wf.yaml"), wf.toString());
        Path log = data.resolve("log");
        String id = KillRestartFixture.runUntilThirdTaskThenKill(data, packs, "crash.five", log);
        try (ReflexProcess second = KillRestartFixture.restart(data, packs)) {
            Http http = Http.local(second.port());
            JsonNode done = KillRestartFixture.succeeded(http, id);
            assertThat(done.get("result").toString()).isEqualTo("{\"output\":{\"t3\":\"failed\"}}");
            assertThat(Files.readAllLines(log)).containsExactly("t1", "t2", "t3", "t4", "t5");
            assertThat(KillRestartFixture.children(http, done, context -> context.get("orquesta").get("task_name").asText()))
                    .containsExactlyInAnyOrder("t1=succeeded", "t2=succeeded", "t3=abandoned", "t4=succeeded", "t5=succeeded");
        } finally {
            // the killed server's shell of t3 outlives it: let it end (it also ends once the temporary
            // directory, and so the log, is deleted, should it miss the stop file)
            Files.writeString(data.resolve("log.stop"), "");
        }
    }
}
