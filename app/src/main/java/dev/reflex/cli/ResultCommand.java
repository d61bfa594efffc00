package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reflex result list [--client C] [--json]}: the latest check result of every client/check pair. */
@Command(name = "result", description = "List the latest check results.", mixinStandardHelpOptions = true,
        subcommands = {ResultCommand.ListResults.class})
public final class ResultCommand extends GroupCommand {


    /** {@code reflex result list}. */
    @Command(name = "list", description = "List results.", mixinStandardHelpOptions = true)
    static final class ListResults extends ClientCommand {
        @Option(names = "--client", paramLabel = "CLIENT", description = "Only this client's results.")
        String clientName;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            JsonNode list = client.get(clientName == null ? "/sensu/results"
                    : "/sensu/results/" + ApiClient.segment(clientName), Map.of());
            if (json) {
                printJson(list);
            } else {
                SensuViews.results(this, list);
            }
            return 0;
        }
    }
}
