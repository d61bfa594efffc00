package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code reflex run REF k=v… [-a]}: runs an action, waits for it and prints the execution as
 * {@code st2 run} does; exits 1 when the execution failed, timed out, was canceled or abandoned.
 */
@Command(name = "run", description = "Run an action and print its execution (st2 run).", mixinStandardHelpOptions = true)
public final class RunCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "REF", description = "The action, such as core.local.")
    String ref;
    @Parameters(index = "1..*", paramLabel = "NAME=VALUE", description = "Parameters.")
    List<String> parameters = new ArrayList<>();
    @Option(names = {"-a", "--async"}, description = "Do not wait; print the execution id.")
    boolean async;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    protected int run(ApiClient client) {
        JsonNode action = client.get("/api/v1/actions/" + ApiClient.segment(ref), Map.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", ref);
        body.put("parameters", RunParameters.parse(parameters, action));
        JsonNode created = client.post("/api/v1/executions", body);
        return show(this, client, created, async, json);
    }

    /** Prints a new execution, after waiting for it unless {@code async}; returns the exit code. */
    static int show(ClientCommand c, ApiClient client, JsonNode created, boolean async, boolean json) {
        String id = text(created, "id");
        if (async) {
            if (json) {
                c.printJson(created);
            } else {
                c.out().println("To get the results, execute:\n reflex execution get " + id);
                c.out().flush();
            }
            return 0;
        }
        JsonNode done = ExecutionOutput.await(client, id, 500);
        if (json) {
            c.printJson(done);
        } else {
            ExecutionOutput.detail(c.out(), done);
        }
        return ExecutionOutput.failed(done) ? 1 : 0;
    }
}
