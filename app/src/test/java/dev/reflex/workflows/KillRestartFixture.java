package dev.reflex.workflows;

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
import java.util.function.Function;

/**
 * The crash scenario the workflow runners share: a real server runs a workflow whose tasks append
 * their names to a log file, is killed with SIGKILL once the third task has started, and a second
 * server on the same data directory finishes the work.
 */
public final class KillRestartFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KillRestartFixture() {
    }

    /** The body of a successful HTTP response, as JSON. */
    public static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
        return JSON.readTree(r.body());
    }

    /**
     * Starts a server on {@code data} with {@code packs}, requests {@code action} with the parameter
     * {@code log}, and kills the server with SIGKILL once the log shows {@code t3}; returns the
     * execution's id.
     */
    public static String runUntilThirdTaskThenKill(Path data, Path packs, String action, Path log) throws Exception {
        try (ReflexProcess first = ReflexProcess.start(data, "--packs", packs.toString())) {
            Http http = Http.local(first.port());
            String id = json(http.post("/api/v1/executions", "{\"action\": \"" + action + "\", \"parameters\": {\"log\": \""
                    + log + "\"}}")).get("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(log) && Files.readString(log).contains("t3"));
            first.kill();
            return id;
        }
    }

    /** Starts the second server on the same data directory and packs. */
    public static ReflexProcess restart(Path data, Path packs) throws Exception {
        return ReflexProcess.start(data, "--packs", packs.toString());
    }

    /** Waits until execution {@code id} has succeeded and returns it. */
    public static JsonNode succeeded(Http http, String id) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                json(http.get("/api/v1/executions/" + id)).get("status").asText().equals("succeeded"));
        return json(http.get("/api/v1/executions/" + id));
    }

    /** The children of {@code parent} as {@code name=status}, the name read from each child's context. */
    public static List<String> children(Http http, JsonNode parent, Function<JsonNode, String> name) throws Exception {
        List<String> children = new ArrayList<>();
        for (JsonNode child : parent.get("children")) {
            JsonNode c = json(http.get("/api/v1/executions/" + child.asText()));
            children.add(name.apply(c.get("context")) + "=" + c.get("status").asText());
        }
        return children;
    }
}
