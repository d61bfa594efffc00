package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reflex check …}: Sensu check definitions and check requests. */
@Command(name = "check", description = "List check definitions and request check runs.", mixinStandardHelpOptions = true,
        subcommands = {CheckCommand.ListChecks.class, CheckCommand.Request.class})
public final class CheckCommand extends GroupCommand {


    /** {@code reflex check list [--json]}. */
    @Command(name = "list", description = "List check definitions.", mixinStandardHelpOptions = true)
    static final class ListChecks extends ClientCommand {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            JsonNode list = client.get("/sensu/checks", Map.of());
            if (json) {
                printJson(list);
                return 0;
            }
            Table t = new Table("name", "command", "subscribers", "interval", "cron");
            for (JsonNode c : list) {
                t.row(text(c, "name"), text(c, "command"), c.path("subscribers").toString(), text(c, "interval"),
                        text(c, "cron"));
            }
            t.print(out());
            return 0;
        }
    }

    /** {@code reflex check request NAME [--subscriber S]… [--reason R]}. */
    @Command(name = "request", description = "Publish a check request to its subscribers now.",
            mixinStandardHelpOptions = true)
    static final class Request extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CHECK")
        String check;
        @Option(names = "--subscriber", paramLabel = "SUBSCRIPTION", description = "Publish to these subscriptions instead.")
        List<String> subscribers;
        @Option(names = "--reason", paramLabel = "TEXT", description = "Why the check is requested.")
        String reason;

        @Override
        protected int run(ApiClient client) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("check", check);
            if (subscribers != null) {
                body.put("subscribers", subscribers);
            }
            if (reason != null) {
                body.put("reason", reason);
            }
            JsonNode r = client.post("/sensu/request", body);
            out().println("Check \"" + check + "\" requested (issued " + SensuViews.time(r.get("issued")) + ").");
            out().flush();
            return 0;
        }
    }
}
