package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reflex client …}: the Sensu clients (agents and proxy clients) the server knows. */
@Command(name = "client", description = "List, show and delete monitored clients.", mixinStandardHelpOptions = true,
        subcommands = {MonitoredClientCommand.ListClients.class, MonitoredClientCommand.Get.class,
                MonitoredClientCommand.Delete.class})
public final class MonitoredClientCommand extends GroupCommand {


    private static void table(ClientCommand c, Iterable<JsonNode> clients) {
        Table t = new Table("name", "address", "subscriptions", "version", "timestamp");
        for (JsonNode n : clients) {
            t.row(ClientCommand.text(n, "name"), ClientCommand.text(n, "address"),
                    String.join(", ", dev.reflex.api.Json.mapper().convertValue(n.path("subscriptions"), String[].class)),
                    ClientCommand.text(n, "version"), SensuViews.time(n.get("timestamp")));
        }
        t.print(c.out());
    }

    /** {@code reflex client list [--json]}. */
    @Command(name = "list", description = "List clients.", mixinStandardHelpOptions = true)
    static final class ListClients extends ClientCommand {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            JsonNode list = client.get("/sensu/clients", Map.of());
            if (json) {
                printJson(list);
            } else {
                table(this, list);
            }
            return 0;
        }
    }

    /** {@code reflex client get NAME [--json]}. */
    @Command(name = "get", description = "Show one client and its check histories.", mixinStandardHelpOptions = true)
    static final class Get extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            JsonNode c = client.get("/sensu/clients/" + ApiClient.segment(name), Map.of());
            if (json) {
                printJson(c);
                return 0;
            }
            table(this, java.util.List.of(c));
            JsonNode history = client.get("/sensu/clients/" + ApiClient.segment(name) + "/history", Map.of());
            Table t = new Table("check", "last_status", "history", "last_execution");
            for (JsonNode h : history) {
                t.row(text(h, "check"), text(h, "last_status"), h.path("history").toString(),
                        SensuViews.time(h.get("last_execution")));
            }
            t.print(out());
            return 0;
        }
    }

    /** {@code reflex client delete NAME}. */
    @Command(name = "delete", description = "Resolve a client's events and delete it.", mixinStandardHelpOptions = true)
    static final class Delete extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        protected int run(ApiClient client) {
            client.delete("/sensu/clients/" + ApiClient.segment(name));
            out().println("Client \"" + name + "\" has been deleted.");
            out().flush();
            return 0;
        }
    }
}
