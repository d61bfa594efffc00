package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * How the CLI shows executions, as {@code st2} does: the listing table ({@code id | action.ref |
 * context.user | status | start_timestamp | end_timestamp}, status with its elapsed time) and the
 * detail view of {@code get} and {@code run} ({@code id action.ref context.user parameters status
 * start_timestamp end_timestamp result}, values in YAML).
 */
final class ExecutionOutput {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    static final List<String> COMPLETED = List.of("succeeded", "failed", "timeout", "canceled", "abandoned");

    private ExecutionOutput() {
    }

    /** Prints the listing table. */
    static void table(PrintWriter out, Iterable<JsonNode> executions) {
        Table t = new Table("id", "action.ref", "context.user", "status", "start_timestamp", "end_timestamp");
        for (JsonNode e : executions) {
            t.row(ClientCommand.text(e, "id"), e.at("/action/ref").asText(""), e.at("/context/user").asText(""),
                    status(e), ClientCommand.text(e, "start_timestamp"), ClientCommand.text(e, "end_timestamp"));
        }
        t.print(out);
    }

    /** {@code succeeded (5s elapsed)}, as st2 shows a status. */
    static String status(JsonNode e) {
        String status = ClientCommand.text(e, "status");
        try {
            Instant start = Instant.parse(ClientCommand.text(e, "start_timestamp"));
            String endText = ClientCommand.text(e, "end_timestamp");
            Instant end = endText.isEmpty() ? Instant.now() : Instant.parse(endText);
            return status + " (" + Math.max(0, Duration.between(start, end).toSeconds()) + "s elapsed)";
        } catch (DateTimeParseException ex) {
            return status;
        }
    }

    /** Prints the detail view. */
    static void detail(PrintWriter out, JsonNode e) {
        out.println("id: " + ClientCommand.text(e, "id"));
        out.println("action.ref: " + e.at("/action/ref").asText(""));
        out.println("context.user: " + e.at("/context/user").asText(""));
        block(out, "parameters", e.get("parameters"));
        out.println("status: " + status(e));
        out.println("start_timestamp: " + ClientCommand.text(e, "start_timestamp"));
        out.println("end_timestamp: " + ClientCommand.text(e, "end_timestamp"));
        block(out, "result", e.get("result"));
        out.flush();
    }

    static void block(PrintWriter out, String name, JsonNode value) {
        if (value == null || value.isNull() || value.isEmpty() && value.isContainerNode()) {
            out.println(name + ": {}");
            return;
        }
        try {
            String yaml = YAML.writeValueAsString(value).stripTrailing();
            out.println(name + ":");
            for (String line : yaml.split("\n")) {
                out.println("  " + line);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            out.println(name + ": " + value);
        }
    }

    /** Whether the execution's status is a failure for exit codes (failed, timeout, canceled, abandoned). */
    static boolean failed(JsonNode e) {
        return List.of("failed", "timeout", "canceled", "abandoned").contains(ClientCommand.text(e, "status"));
    }

    /** Waits until the execution completes, reading it every {@code pollMillis}; returns the last state. */
    static JsonNode await(ApiClient client, String id, long pollMillis) {
        long wait = Math.min(50, pollMillis);
        while (true) {
            JsonNode e = client.get("/api/v1/executions/" + ApiClient.segment(id), java.util.Map.of());
            if (COMPLETED.contains(ClientCommand.text(e, "status"))) {
                return e;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted while waiting for execution " + id);
            }
            wait = Math.min(pollMillis, wait * 2);
        }
    }
}
