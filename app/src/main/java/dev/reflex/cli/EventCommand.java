package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reflex event …}: Sensu events (the current incident per client and check). */
@Command(name = "event", description = "List, show, resolve and delete Sensu events.", mixinStandardHelpOptions = true,
        subcommands = {EventCommand.ListEvents.class, EventCommand.Get.class, EventCommand.Resolve.class,
                EventCommand.Delete.class})
public final class EventCommand extends GroupCommand {


    static String path(String client, String check) {
        return "/sensu/events/" + ApiClient.segment(client) + "/" + ApiClient.segment(check);
    }

    /** {@code reflex event list [--client C] [--check K] [--json]}. */
    @Command(name = "list", description = "List events.", mixinStandardHelpOptions = true)
    static final class ListEvents extends ClientCommand {
        @Option(names = "--client", paramLabel = "CLIENT", description = "Only this client's events.")
        String clientName;
        @Option(names = "--check", paramLabel = "CHECK", description = "Only this check's events.")
        String check;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            JsonNode all = client.get(clientName == null ? "/sensu/events"
                    : "/sensu/events/" + ApiClient.segment(clientName), Map.of());
            List<JsonNode> events = new ArrayList<>();
            for (JsonNode e : all) {
                if (check == null || check.equals(e.path("check").path("name").asText())) {
                    events.add(e);
                }
            }
            if (json) {
                printJson(dev.reflex.api.Json.mapper().valueToTree(events));
            } else {
                SensuViews.events(this, events);
            }
            return 0;
        }
    }

    /** {@code reflex event get CLIENT CHECK [--json]}. */
    @Command(name = "get", description = "Show one event.", mixinStandardHelpOptions = true)
    static final class Get extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CLIENT")
        String clientName;
        @Parameters(index = "1", paramLabel = "CHECK")
        String check;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            JsonNode e = client.get(path(clientName, check), Map.of());
            if (json) {
                printJson(e);
            } else {
                SensuViews.events(this, List.of(e));
            }
            return 0;
        }
    }

    /** {@code reflex event resolve CLIENT CHECK}. */
    @Command(name = "resolve", description = "Resolve an event (an OK result with force_resolve).",
            mixinStandardHelpOptions = true)
    static final class Resolve extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CLIENT")
        String clientName;
        @Parameters(index = "1", paramLabel = "CHECK")
        String check;

        @Override
        protected int run(ApiClient client) {
            client.post("/sensu/resolve", Map.of("client", clientName, "check", check));
            out().println("Event " + clientName + "/" + check + " resolved.");
            out().flush();
            return 0;
        }
    }

    /** {@code reflex event delete CLIENT CHECK}. */
    @Command(name = "delete", description = "Delete an event (Sensu resolves it).", mixinStandardHelpOptions = true)
    static final class Delete extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CLIENT")
        String clientName;
        @Parameters(index = "1", paramLabel = "CHECK")
        String check;

        @Override
        protected int run(ApiClient client) {
            client.delete(path(clientName, check));
            out().println("Event " + clientName + "/" + check + " deleted.");
            out().flush();
            return 0;
        }
    }
}
