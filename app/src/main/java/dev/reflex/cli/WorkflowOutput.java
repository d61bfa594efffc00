package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the CLI shows workflows and traces: a workflow's tasks as an indented tree (id, status, task,
 * action, start, duration and a one-line result summary), each task's result with {@code --detail},
 * and a trace from a trigger instance down to every execution it caused.
 */
final class WorkflowOutput {

    private static final int SUMMARY = 50;

    private WorkflowOutput() {
    }

    /**
     * Prints the tasks of a workflow as a tree.
     *
     * @param rootId      the workflow's execution id
     * @param descendants its descendants, each after its parent (as {@code children?depth=-1} lists them)
     * @param detail      whether to print each task's result after the table
     */
    static void tasks(PrintWriter out, String rootId, List<JsonNode> descendants, boolean detail) {
        Map<String, Integer> depth = new HashMap<>();
        depth.put(rootId, 0);
        Table t = new Table(70, "id", "status", "task", "action", "start_timestamp", "duration", "summary");
        for (JsonNode e : descendants) {
            int d = depth.getOrDefault(e.path("parent").asText(""), 0) + 1;
            depth.put(e.path("id").asText(), d);
            t.row("  ".repeat(d - 1) + (d > 1 ? "+ " : "") + e.path("id").asText(), e.path("status").asText(),
                    task(e), e.at("/action/ref").asText(""), e.path("start_timestamp").asText(""), duration(e),
                    summary(e.get("result")));
        }
        out.println("tasks:");
        t.print(out);
        if (detail) {
            for (JsonNode e : descendants) {
                out.println();
                String name = task(e);
                out.println("task " + (name.isEmpty() ? "" : name + " ") + "(" + e.path("id").asText() + ", "
                        + e.at("/action/ref").asText("") + "): " + e.path("status").asText());
                ExecutionOutput.block(out, "result", e.get("result"));
            }
        }
        out.flush();
    }

    /** The workflow task an execution runs, from its context, or empty. */
    static String task(JsonNode e) {
        for (String p : List.of("/context/chain/name", "/context/orquesta/task_name", "/context/task/name", "/task")) {
            JsonNode n = e.at(p);
            if (n.isValueNode() && !n.isNull()) {
                return n.asText();
            }
        }
        return "";
    }

    /** How long it ran ({@code 1.25s}), or since when it runs ({@code 3.0s+}). */
    static String duration(JsonNode e) {
        try {
            Instant start = Instant.parse(e.path("start_timestamp").asText());
            String endText = e.path("end_timestamp").asText("");
            boolean running = endText.isEmpty() || e.path("end_timestamp").isNull();
            Instant end = running ? Instant.now() : Instant.parse(endText);
            double s = Math.max(0, Duration.between(start, end).toMillis()) / 1000.0;
            return String.format(java.util.Locale.ROOT, "%.2fs%s", s, running ? "+" : "");
        } catch (DateTimeParseException ex) {
            return "";
        }
    }

    /** A one-line summary of a result: its error, else the first line of stdout, else its keys. */
    static String summary(JsonNode result) {
        if (result == null || !result.isObject() || result.isEmpty()) {
            return "";
        }
        String s;
        if (result.hasNonNull("error")) {
            s = "error: " + result.get("error").asText();
        } else if (result.hasNonNull("stdout") && !result.get("stdout").asText().isBlank()) {
            s = result.get("stdout").asText().strip().lines().findFirst().orElse("");
        } else if (result.has("response")) {
            s = "response: " + result.get("response");
        } else {
            List<String> keys = new ArrayList<>();
            result.fieldNames().forEachRemaining(keys::add);
            s = "{" + String.join(", ", keys) + "}";
        }
        return s.length() > SUMMARY ? s.substring(0, SUMMARY - 1) + "…" : s;
    }

    /** Prints a trace ({@code GET /api/v1/traces/{id}}) as an indented tree. */
    static void trace(PrintWriter out, JsonNode trace) {
        JsonNode ti = trace.get("trigger_instance");
        String indent = "";
        if (ti != null && !ti.isNull()) {
            out.println("trigger instance " + ti.path("id").asText() + " " + ti.path("trigger").asText() + " ("
                    + ti.path("status").asText() + ", " + ti.path("occurrence_time").asText() + ")");
            indent = "  ";
        }
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode e : trace.path("executions")) {
            byId.put(e.path("id").asText(), e);
        }
        List<String> shown = new ArrayList<>();
        for (JsonNode enf : trace.path("rule_enforcements")) {
            String exec = enf.path("execution_id").asText("");
            out.println(indent + "rule " + enf.path("rule").asText() + ": enforcement " + enf.path("id").asText() + " "
                    + enf.path("status").asText() + (enf.hasNonNull("failure_reason")
                    ? " (" + enf.path("failure_reason").asText() + ")" : ""));
            JsonNode e = byId.get(exec);
            if (e != null) {
                execution(out, indent + "  ", e);
                shown.add(exec);
            }
        }
        for (JsonNode e : trace.path("executions")) {
            if (!shown.contains(e.path("id").asText())) {
                execution(out, indent, e);
            }
        }
        if (trace.path("truncated").asBoolean(false)) {
            out.println("(trace truncated: too many executions)");
        }
        out.flush();
    }

    private static void execution(PrintWriter out, String indent, JsonNode e) {
        String task = task(e);
        out.println(indent + "execution " + e.path("id").asText() + " " + (task.isEmpty() ? "" : "[" + task + "] ")
                + e.path("action").asText() + ": " + e.path("status").asText() + " (" + duration(e) + ")");
        for (JsonNode c : e.path("children")) {
            execution(out, indent + "  ", c);
        }
    }
}
