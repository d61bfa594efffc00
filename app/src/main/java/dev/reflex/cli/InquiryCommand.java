package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.template.PyJson;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reflex inquiry list|get|respond}: the questions {@code core.ask} executions wait on. */
@Command(name = "inquiry", description = "List, inspect and respond to inquiries (core.ask).",
        mixinStandardHelpOptions = true, subcommands = {InquiryCommand.ListInquiries.class, InquiryCommand.Get.class,
        InquiryCommand.Respond.class})
public final class InquiryCommand extends GroupCommand {

    private static String path(String id) {
        return "/api/v1/inquiries/" + ApiClient.segment(id);
    }

    /** {@code reflex inquiry list [--json]}: the inquiries waiting for a response. */
    @Command(name = "list", description = "List the inquiries waiting for a response.", mixinStandardHelpOptions = true)
    static final class ListInquiries extends ClientCommand {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            JsonNode list = client.get("/api/v1/inquiries", Map.of());
            if (json) {
                printJson(list);
                return 0;
            }
            Table t = new Table("id", "roles", "users", "route", "ttl", "expires_at");
            for (JsonNode q : list) {
                t.row(text(q, "id"), join(q.get("roles")), join(q.get("users")), text(q, "route"), text(q, "ttl"),
                        text(q, "expires_at"));
            }
            t.print(out());
            return 0;
        }
    }

    private static String join(JsonNode list) {
        StringBuilder b = new StringBuilder();
        if (list != null) {
            list.forEach(v -> b.append(b.isEmpty() ? "" : ", ").append(v.asText()));
        }
        return b.toString();
    }

    /** {@code reflex inquiry get ID [--json]}. */
    @Command(name = "get", description = "Show one inquiry: its question (schema), who may answer, its status.",
            mixinStandardHelpOptions = true)
    static final class Get extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            JsonNode q = client.get(path(id), Map.of());
            if (json) {
                printJson(q);
                return 0;
            }
            for (String f : new String[] {"id", "status", "parent", "route", "ttl", "expires_at"}) {
                out().println(f + ": " + text(q, f));
            }
            out().println("roles: " + join(q.get("roles")));
            out().println("users: " + join(q.get("users")));
            ExecutionOutput.block(out(), "schema", q.get("schema"));
            if (q.hasNonNull("response")) {
                ExecutionOutput.block(out(), "response", q.get("response"));
                out().println("responded_by: " + text(q, "responded_by"));
            }
            out().flush();
            return 0;
        }
    }

    /** {@code reflex inquiry respond ID -r JSON}: answers an inquiry. */
    @Command(name = "respond", description = "Respond to an inquiry with a JSON object that conforms to its schema.",
            mixinStandardHelpOptions = true)
    static final class Respond extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Option(names = {"-r", "--response"}, paramLabel = "JSON", required = true,
                description = "The response, a JSON object such as '{\"continue\": true}'.")
        String response;

        @Override
        protected int run(ApiClient client) {
            Object value;
            try {
                value = PyJson.loads(response);
            } catch (IllegalArgumentException e) {
                throw new CliException("the response is " + e.getMessage());
            }
            if (!(value instanceof Map<?, ?>)) {
                throw new CliException("the response must be a JSON object, such as '{\"continue\": true}'");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("response", value);
            JsonNode answered = client.put(path(id), body);
            out().println("Response accepted for inquiry " + id + ".");
            ExecutionOutput.block(out(), "response", answered.get("response"));
            out().flush();
            return 0;
        }
    }
}
