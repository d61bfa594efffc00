package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reflex pack …}: the packs a server has loaded. */
@Command(name = "pack", description = "Packs loaded by the server.", mixinStandardHelpOptions = true,
        subcommands = {PackCommand.ListPacks.class})
public final class PackCommand extends GroupCommand {


    /** {@code reflex pack list [--json]}. */
    @Command(name = "list", description = "List the loaded packs.", mixinStandardHelpOptions = true)
    static final class ListPacks extends ClientCommand {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            JsonNode packs = client.get("/api/v1/packs", Map.of());
            if (json) {
                printJson(packs);
                return 0;
            }
            Table t = new Table(50, "ref", "name", "version", "description", "origin");
            for (JsonNode p : packs) {
                t.row(text(p, "ref"), text(p, "name"), text(p, "version"), text(p, "description"),
                        "builtin".equals(text(p, "origin")) ? "builtin" : text(p, "path"));
            }
            t.print(out());
            return 0;
        }
    }
}
