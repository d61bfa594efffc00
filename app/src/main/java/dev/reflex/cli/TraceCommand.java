package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code reflex trace ID [--json]}: from a trigger instance (or any execution it caused) to everything
 * it caused: rule enforcements, executions and their children, with statuses, as an indented tree.
 */
@Command(name = "trace", description = "Show what a trigger instance caused: rule enforcements, executions and "
        + "their tasks. ID is a trigger instance id or the id of an execution it caused.",
        mixinStandardHelpOptions = true)
public final class TraceCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID")
    String id;
    @Option(names = "--json", description = "Print the trace as JSON.")
    boolean json;

    @Override
    protected int run(ApiClient client) {
        JsonNode trace = client.get("/api/v1/traces/" + ApiClient.segment(id), Map.of());
        if (json) {
            printJson(trace);
        } else {
            WorkflowOutput.trace(out(), trace);
        }
        return 0;
    }
}
