package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.reflex.api.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every command that talks to a server: the {@code --url}/{@code --api-key} options, output
 * streams, and the rule that a {@link CliException} prints one line and exits 1.
 */
public abstract class ClientCommand implements Callable<Integer> {

    @Mixin
    protected ClientOptions server;

    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() {
        try {
            return run(server.client());
        } catch (CliException e) {
            err().println("reflex: " + e.getMessage());
            err().flush();
            return 1;
        }
    }

    /** Does the command's work; returns the exit code. */
    protected abstract int run(ApiClient client);

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints a JSON document, indented. */
    protected void printJson(JsonNode node) {
        try {
            out().println(Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node));
            out().flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CliException("cannot print JSON: " + e.getOriginalMessage());
        }
    }

    /** A field as text, or empty when missing or null. */
    protected static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
    }
}
