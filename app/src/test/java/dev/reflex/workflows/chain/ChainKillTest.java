package dev.reflex.workflows.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reflex.testkit.Http;
import dev.reflex.testkit.ReflexProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    @TempDir
    Path packs;

    static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
        return JSON.readTree(r.body());
    }

    @Test
    void aChainKilledInTheMiddleCompletesAfterTheRestartWithEachTaskRunOnce() throws Exception {
        Path pack = ChainPacks.pack(packs, "crash");
        ChainPacks.write(pack, "actions/five.yaml", """
                name: five
                runner_type: action-chain
                entry_point: chains/five.yaml
                parameters:
                  log: {type: string, required: true}
                """);
        ChainPacks.write(pack, "actions/chains/five.yaml", """
                chain:
                  - {name: t1, ref: core.local, parameters: {cmd: "echo t1 >> {{ log }}"}, on-success: t2}
                  - {name: t2, ref: core.local, parameters: {cmd: "echo t2 >> {{ log }}"}, on-success: t3}
                  - name: t3
                    ref: core.local
                    parameters:
                      cmd: "echo t3 >> {{ log }}; while [ ! -e {{ log }}.stop ]; do sleep 0.05; done"
                    on-failure: t4
                  - {name: t4, ref: core.local, parameters: {cmd: "echo t4 >> {{ log }}"}, on-success: t5}
                  - {name: t5, ref: core.local, parameters: {cmd: "echo t5 >> {{ log }}"}}
                """);
        Path log = data.resolve("log");
        String id;
        try (ReflexProcess first = ReflexProcess.start(data, "--packs", packs.toString())) {
            Http http = Http.local(first.port());
            id = json(http.post("/api/v1/executions", "{\"action\": \"crash.five\", \"parameters\": {\"log\": \""
                    + log + "\"}}")).get("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(log) && Files.readString(log).contains("t3"));
            first.kill();
        }
        assertThat(Files.readAllLines(log)).containsExactly("t1", "t2", "t3");
        try (ReflexProcess second = ReflexProcess.start(data, "--packs", packs.toString())) {
            Http http = Http.local(second.port());
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    json(http.get("/api/v1/executions/" + id)).get("status").asText().equals("succeeded"));
            JsonNode done = json(http.get("/api/v1/executions/" + id));
            List<String> tasks = new ArrayList<>();
            for (JsonNode t : done.get("result").get("tasks")) {
                tasks.add(t.get("name").asText() + "=" + t.get("state").asText());
            }
            assertThat(tasks).containsExactly("t1=succeeded", "t2=succeeded", "t3=abandoned", "t4=succeeded",
                    "t5=succeeded");
            assertThat(Files.readAllLines(log)).as("each task ran once").containsExactly("t1", "t2", "t3", "t4", "t5");
            List<String> children = new ArrayList<>();
            for (JsonNode child : done.get("children")) {
                JsonNode c = json(http.get("/api/v1/executions/" + child.asText()));
                children.add(c.get("context").get("chain").get("name").asText() + "=" + c.get("status").asText());
            }
            assertThat(children).containsExactly("t1=succeeded", "t2=succeeded", "t3=abandoned", "t4=succeeded",
                    "t5=succeeded");
        } finally {
            // the killed server's shell of t3 outlives it: let it end
            Files.writeString(data.resolve("log.stop"), "");
        }
    }
}
