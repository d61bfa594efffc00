package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.config.LoadResult;
import dev.reflex.config.StrictLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reflex rule …}: rules on a server, and {@code reflex rule test} offline. */
@Command(name = "rule", description = "List, show, create, change and test rules.", mixinStandardHelpOptions = true,
        subcommands = {RuleCommand.ListRules.class, RuleCommand.Get.class, RuleCommand.Create.class, RuleCommand.Update.class,
            RuleCommand.Enable.class, RuleCommand.Disable.class, RuleCommand.Delete.class, RuleTestCommand.class})
public final class RuleCommand extends GroupCommand {


    static String path(String ref) {
        return "/api/v1/rules/" + ApiClient.segment(ref);
    }

    static void table(ClientCommand c, Iterable<JsonNode> rules) {
        Table t = new Table("ref", "pack", "description", "enabled");
        for (JsonNode r : rules) {
            t.row(ClientCommand.text(r, "ref"), ClientCommand.text(r, "pack"), ClientCommand.text(r, "description"),
                    ClientCommand.text(r, "enabled"));
        }
        t.print(c.out());
    }

    static void detail(ClientCommand c, JsonNode r) {
        Table t = new Table(80, "property", "value");
        for (String f : List.of("id", "ref", "pack", "name", "description", "enabled", "type", "trigger", "criteria", "action",
                "tags", "source")) {
            if (r.has(f)) {
                t.row(f, ClientCommand.text(r, f));
            }
        }
        t.print(c.out());
    }

    /** Reads a rule file (YAML or JSON) through the strict loader, so that syntax errors name file:line:col. */
    static Object readFile(Path file) {
        LoadResult<Object> r = StrictLoader.load(file, root -> root.isPresent() ? root.plain() : null);
        if (r.hasErrors()) {
            throw new CliException(String.join(System.lineSeparator(), r.problems().stream().map(Object::toString).toList()));
        }
        if (r.values().isEmpty()) {
            throw new CliException(file + ": the file is empty; expected a rule");
        }
        return r.values().getFirst();
    }

    /** {@code reflex rule list [--pack P] [--json]}. */
    @Command(name = "list", description = "List rules.", mixinStandardHelpOptions = true)
    static final class ListRules extends ClientCommand {
        @Option(names = {"-p", "--pack"}, paramLabel = "PACK", description = "Only the rules of this pack.")
        String pack;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("pack", pack);
            JsonNode list = client.get("/api/v1/rules", q);
            if (json) {
                printJson(list);
            } else {
                table(this, list);
            }
            return 0;
        }
    }

    /** {@code reflex rule get REF [--json]}. */
    @Command(name = "get", description = "Show one rule.", mixinStandardHelpOptions = true)
    static final class Get extends ClientCommand {
        @Parameters(index = "0", paramLabel = "REF")
        String ref;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            JsonNode r = client.get(path(ref), Map.of());
            if (json) {
                printJson(r);
            } else {
                detail(this, r);
            }
            return 0;
        }
    }

    /** {@code reflex rule create FILE}. */
    @Command(name = "create", description = "Create a rule from a YAML or JSON file.", mixinStandardHelpOptions = true)
    static final class Create extends ClientCommand {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Override
        protected int run(ApiClient client) {
            detail(this, client.post("/api/v1/rules", readFile(file)));
            return 0;
        }
    }

    /** {@code reflex rule update REF FILE}. */
    @Command(name = "update", description = "Replace a rule with the definition in a YAML or JSON file.",
            mixinStandardHelpOptions = true)
    static final class Update extends ClientCommand {
        @Parameters(index = "0", paramLabel = "REF")
        String ref;
        @Parameters(index = "1", paramLabel = "FILE")
        Path file;

        @Override
        protected int run(ApiClient client) {
            detail(this, client.put(path(ref), readFile(file)));
            return 0;
        }
    }

    /** Sets {@code enabled} on a rule by reading it and putting it back. */
    static int setEnabled(ClientCommand c, ApiClient client, String ref, boolean on) {
        JsonNode r = client.get(path(ref), Map.of());
        ((com.fasterxml.jackson.databind.node.ObjectNode) r).put("enabled", on);
        ((com.fasterxml.jackson.databind.node.ObjectNode) r).remove("source");
        detail(c, client.put(path(ref), r));
        return 0;
    }

    /** {@code reflex rule enable REF}. */
    @Command(name = "enable", description = "Enable a rule.", mixinStandardHelpOptions = true)
    static final class Enable extends ClientCommand {
        @Parameters(index = "0", paramLabel = "REF")
        String ref;

        @Override
        protected int run(ApiClient client) {
            return setEnabled(this, client, ref, true);
        }
    }

    /** {@code reflex rule disable REF}. */
    @Command(name = "disable", description = "Disable a rule.", mixinStandardHelpOptions = true)
    static final class Disable extends ClientCommand {
        @Parameters(index = "0", paramLabel = "REF")
        String ref;

        @Override
        protected int run(ApiClient client) {
            return setEnabled(this, client, ref, false);
        }
    }

    /** {@code reflex rule delete REF}. */
    @Command(name = "delete", description = "Delete a rule.", mixinStandardHelpOptions = true)
    static final class Delete extends ClientCommand {
        @Parameters(index = "0", paramLabel = "REF")
        String ref;

        @Override
        protected int run(ApiClient client) {
            client.delete(path(ref));
            out().println("Resource with id \"" + ref + "\" has been successfully deleted.");
            out().flush();
            return 0;
        }
    }
}
