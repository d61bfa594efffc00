package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reflex silence …}: Sensu silence entries. */
@Command(name = "silence", description = "Add, list and clear silence entries.", mixinStandardHelpOptions = true,
        subcommands = {SilenceCommand.Add.class, SilenceCommand.ListSilences.class, SilenceCommand.Clear.class})
public final class SilenceCommand extends GroupCommand {


    /** {@code reflex silence add [--subscription S] [--check K] [--expire SECONDS] …}. */
    @Command(name = "add", description = "Silence a subscription, a check, or both.", mixinStandardHelpOptions = true)
    static final class Add extends ClientCommand {
        @Option(names = "--subscription", paramLabel = "SUB", description = "A subscription, such as client:web-01.")
        String subscription;
        @Option(names = "--check", paramLabel = "CHECK", description = "A check name.")
        String check;
        @Option(names = "--expire", paramLabel = "SECONDS", description = "Delete the entry after this many seconds.")
        Long expire;
        @Option(names = "--begin", paramLabel = "EPOCH", description = "When the entry starts to apply (epoch seconds).")
        Long begin;
        @Option(names = "--reason", paramLabel = "TEXT", description = "Why.")
        String reason;
        @Option(names = "--creator", paramLabel = "NAME", description = "Who.")
        String creator;
        @Option(names = "--expire-on-resolve", description = "Delete the entry when the event resolves.")
        boolean expireOnResolve;

        @Override
        protected int run(ApiClient client) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("subscription", subscription);
            body.put("check", check);
            body.put("expire", expire);
            body.put("begin", begin);
            body.put("reason", reason);
            body.put("creator", creator);
            body.put("expire_on_resolve", expireOnResolve);
            body.values().removeIf(v -> v == null);
            client.post("/sensu/silenced", body);
            out().println("Silenced " + (subscription == null ? "*" : subscription) + ":" + (check == null ? "*" : check) + ".");
            out().flush();
            return 0;
        }
    }

    /** {@code reflex silence list [--json]}. */
    @Command(name = "list", description = "List silence entries.", mixinStandardHelpOptions = true)
    static final class ListSilences extends ClientCommand {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            JsonNode list = client.get("/sensu/silenced", Map.of());
            if (json) {
                printJson(list);
                return 0;
            }
            Table t = new Table("id", "reason", "creator", "expire", "expire_on_resolve");
            for (JsonNode s : list) {
                t.row(text(s, "id"), text(s, "reason"), text(s, "creator"), text(s, "expire"), text(s, "expire_on_resolve"));
            }
            t.print(out());
            return 0;
        }
    }

    /** {@code reflex silence clear ID} or {@code --subscription S --check K}. */
    @Command(name = "clear", description = "Delete a silence entry.", mixinStandardHelpOptions = true)
    static final class Clear extends ClientCommand {
        @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "ID")
        String id;
        @Option(names = "--subscription", paramLabel = "SUB")
        String subscription;
        @Option(names = "--check", paramLabel = "CHECK")
        String check;

        @Override
        protected int run(ApiClient client) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("subscription", subscription);
            body.put("check", check);
            body.values().removeIf(v -> v == null);
            client.post("/sensu/silenced/clear", body);
            out().println("Silence entry cleared.");
            out().flush();
            return 0;
        }
    }
}
