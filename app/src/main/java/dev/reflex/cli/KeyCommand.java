package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reflex key …}: the key-value datastore. */
@Command(name = "key", description = "Read and write the key-value datastore (st2kv.system).",
        mixinStandardHelpOptions = true,
        subcommands = {KeyCommand.Set.class, KeyCommand.Get.class, KeyCommand.ListKeys.class, KeyCommand.Delete.class})
public final class KeyCommand extends GroupCommand {


    private static String path(String name) {
        return "/api/v1/keys/" + ApiClient.segment(name);
    }

    private static void table(ClientCommand c, Iterable<JsonNode> items) {
        Table t = new Table("name", "value", "secret", "expire_timestamp");
        for (JsonNode kv : items) {
            t.row(ClientCommand.text(kv, "name"), ClientCommand.text(kv, "value"), ClientCommand.text(kv, "secret"),
                    ClientCommand.text(kv, "expire_timestamp"));
        }
        t.print(c.out());
    }

    /** {@code reflex key set NAME VALUE [--secret] [--ttl SECONDS]}. */
    @Command(name = "set", description = "Create or replace a key.", mixinStandardHelpOptions = true)
    static final class Set extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", paramLabel = "VALUE")
        String value;
        @Option(names = "--secret", description = "Encrypt the value at rest and mask it in every output.")
        boolean secret;
        @Option(names = "--ttl", paramLabel = "SECONDS", description = "Delete the key after this many seconds.")
        Long ttl;
        @Option(names = "--json", description = "Print the stored key as JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("value", value);
            body.put("secret", secret);
            if (ttl != null) {
                body.put("ttl", ttl);
            }
            JsonNode stored = client.put(path(name), body);
            if (json) {
                printJson(stored);
            } else {
                table(this, java.util.List.of(stored));
            }
            return 0;
        }
    }

    /** {@code reflex key get NAME [--decrypt] [--json]}. */
    @Command(name = "get", description = "Show one key.", mixinStandardHelpOptions = true)
    static final class Get extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = {"-d", "--decrypt"}, description = "Show a secret's value (needs an admin API key).")
        boolean decrypt;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            JsonNode kv = client.get(path(name), decrypt ? Map.of("decrypt", "true") : Map.of());
            if (json) {
                printJson(kv);
            } else {
                table(this, java.util.List.of(kv));
            }
            return 0;
        }
    }

    /** {@code reflex key list [--prefix P] [--decrypt] [--json]}. */
    @Command(name = "list", description = "List keys.", mixinStandardHelpOptions = true)
    static final class ListKeys extends ClientCommand {
        @Option(names = "--prefix", paramLabel = "PREFIX", description = "Only keys whose name starts with PREFIX.")
        String prefix;
        @Option(names = {"-d", "--decrypt"}, description = "Show secrets' values (needs an admin API key).")
        boolean decrypt;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("prefix", prefix);
            q.put("decrypt", decrypt ? "true" : null);
            JsonNode list = client.get("/api/v1/keys", q);
            if (json) {
                printJson(list);
            } else {
                table(this, list);
            }
            return 0;
        }
    }

    /** {@code reflex key delete NAME}. */
    @Command(name = "delete", description = "Delete a key.", mixinStandardHelpOptions = true)
    static final class Delete extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        protected int run(ApiClient client) {
            client.delete(path(name));
            out().println("Resource with id \"" + name + "\" has been successfully deleted.");
            out().flush();
            return 0;
        }
    }
}
