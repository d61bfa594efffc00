package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reflex action list [--pack P] | get REF}. */
@Command(name = "action", description = "List and show actions.", mixinStandardHelpOptions = true,
        subcommands = {ActionCommand.ListActions.class, ActionCommand.Get.class})
public final class ActionCommand extends GroupCommand {


    /** {@code reflex action list [--pack P] [--json]}: ref, pack, description (st2's columns). */
    @Command(name = "list", description = "List actions.", mixinStandardHelpOptions = true)
    static final class ListActions extends ClientCommand {
        @Option(names = {"-p", "--pack"}, paramLabel = "PACK", description = "Only the actions of this pack.")
        String pack;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("pack", pack);
            JsonNode list = client.get("/api/v1/actions", q);
            if (json) {
                printJson(list);
                return 0;
            }
            Table t = new Table("ref", "pack", "description");
            list.forEach(a -> t.row(text(a, "ref"), text(a, "pack"), text(a, "description")));
            t.print(out());
            return 0;
        }
    }

    /** {@code reflex action get REF [--json]}. */
    @Command(name = "get", description = "Show one action.", mixinStandardHelpOptions = true)
    static final class Get extends ClientCommand {
        @Parameters(index = "0", paramLabel = "REF")
        String ref;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            JsonNode a = client.get("/api/v1/actions/" + ApiClient.segment(ref), Map.of());
            if (json) {
                printJson(a);
                return 0;
            }
            Table t = new Table("property", "value");
            for (String f : new String[] {"id", "uid", "ref", "pack", "name", "description", "enabled", "entry_point",
                    "runner_type", "parameters", "notify", "tags"}) {
                t.row(f, text(a, f));
            }
            t.print(out());
            return 0;
        }
    }
}
