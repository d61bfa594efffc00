package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The read-mostly trigger commands: {@code reflex trigger list}, {@code reflex triggertype list},
 * {@code reflex trigger-instance list|get|re-emit} and {@code reflex rule-enforcement list}, with
 * st2's table columns and {@code --json}.
 */
public final class TriggerCommands {

    private TriggerCommands() {
    }

    /** {@code reflex trigger …}. */
    @Command(name = "trigger", description = "Triggers used by rules.", mixinStandardHelpOptions = true,
            subcommands = TriggerCommands.TriggerList.class)
    public static final class Triggers extends GroupCommand {
    }

    /** {@code reflex trigger list [--type T] [--json]}. */
    @Command(name = "list", description = "List the triggers rules use.", mixinStandardHelpOptions = true)
    static final class TriggerList extends ClientCommand {
        @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "Only triggers of this trigger type.")
        String type;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("type", type);
            JsonNode list = client.get("/api/v1/triggers", q);
            if (json) {
                printJson(list);
                return 0;
            }
            Table t = new Table("ref", "type", "parameters");
            list.forEach(n -> t.row(text(n, "ref"), text(n, "type"), text(n, "parameters")));
            t.print(out());
            return 0;
        }
    }

    /** {@code reflex triggertype …}. */
    @Command(name = "triggertype", description = "Trigger types.", mixinStandardHelpOptions = true,
            subcommands = TriggerCommands.TypeList.class)
    public static final class TriggerTypes extends GroupCommand {
    }

    /** {@code reflex triggertype list [--pack P] [--json]}. */
    @Command(name = "list", description = "List trigger types.", mixinStandardHelpOptions = true)
    static final class TypeList extends ClientCommand {
        @Option(names = {"-p", "--pack"}, paramLabel = "PACK", description = "Only the types of this pack.")
        String pack;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("pack", pack);
            JsonNode list = client.get("/api/v1/triggertypes", q);
            if (json) {
                printJson(list);
                return 0;
            }
            Table t = new Table("ref", "pack", "description");
            list.forEach(n -> t.row(text(n, "ref"), text(n, "pack"), text(n, "description")));
            t.print(out());
            return 0;
        }
    }

    /** {@code reflex trigger-instance …}. */
    @Command(name = "trigger-instance", description = "Trigger instances: list, show, emit again.",
            mixinStandardHelpOptions = true,
            subcommands = {TriggerCommands.InstanceList.class, TriggerCommands.InstanceGet.class,
                TriggerCommands.ReEmit.class})
    public static final class TriggerInstances extends GroupCommand {
    }

    static void instances(ClientCommand c, Iterable<JsonNode> list) {
        Table t = new Table("id", "trigger", "occurrence_time", "status");
        list.forEach(n -> t.row(ClientCommand.text(n, "id"), ClientCommand.text(n, "trigger"),
                ClientCommand.text(n, "occurrence_time"), ClientCommand.text(n, "status")));
        t.print(c.out());
    }

    /** {@code reflex trigger-instance list [--trigger R] [--status S] [--since T] [--until T] [-n N] [--offset N] [--json]}. */
    @Command(name = "list", description = "List trigger instances, newest first.", mixinStandardHelpOptions = true)
    static final class InstanceList extends ClientCommand {
        @Option(names = "--trigger", paramLabel = "REF", description = "Only instances of this trigger or trigger type.")
        String trigger;
        @Option(names = "--status", paramLabel = "STATUS", description = "pending, processing, processed or processing_failed.")
        String status;
        @Option(names = "--since", paramLabel = "TIME", description = "Occurred at or after (ISO-8601).")
        String since;
        @Option(names = "--until", paramLabel = "TIME", description = "Occurred at or before (ISO-8601).")
        String until;
        @Option(names = {"-n", "--last"}, paramLabel = "N", description = "How many (default ${DEFAULT-VALUE}).",
                defaultValue = "50")
        int limit;
        @Option(names = "--offset", paramLabel = "N", description = "Skip this many.", defaultValue = "0")
        int offset;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("trigger", trigger);
            q.put("status", status);
            q.put("timestamp_gt", since);
            q.put("timestamp_lt", until);
            q.put("limit", Integer.toString(limit));
            q.put("offset", Integer.toString(offset));
            JsonNode list = client.get("/api/v1/triggerinstances", q);
            if (json) {
                printJson(list);
            } else {
                instances(this, list);
            }
            return 0;
        }
    }

    /** {@code reflex trigger-instance get ID [--json]}. */
    @Command(name = "get", description = "Show one trigger instance.", mixinStandardHelpOptions = true)
    static final class InstanceGet extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            JsonNode n = client.get("/api/v1/triggerinstances/" + ApiClient.segment(id), Map.of());
            if (json) {
                printJson(n);
                return 0;
            }
            Table t = new Table(100, "property", "value");
            for (String f : new String[] {"id", "trigger", "occurrence_time", "status", "trace_tag", "payload"}) {
                t.row(f, text(n, f));
            }
            t.print(out());
            return 0;
        }
    }

    /** {@code reflex trigger-instance re-emit ID}. */
    @Command(name = "re-emit", description = "Emit a trigger instance's payload again as a new instance.",
            mixinStandardHelpOptions = true)
    static final class ReEmit extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        protected int run(ApiClient client) {
            JsonNode n = client.post("/api/v1/triggerinstances/" + ApiClient.segment(id) + "/re_emit", Map.of());
            out().println(text(n, "message") + " New instance: " + text(n, "id"));
            out().flush();
            return 0;
        }
    }

    /** {@code reflex rule-enforcement …}. */
    @Command(name = "rule-enforcement", description = "Rule enforcements.", mixinStandardHelpOptions = true,
            subcommands = TriggerCommands.EnforcementList.class)
    public static final class RuleEnforcements extends GroupCommand {
    }

    /** {@code reflex rule-enforcement list [--rule R] [--trigger-instance ID] [--execution ID] [-n N] [--json]}. */
    @Command(name = "list", description = "List rule enforcements, newest first.", mixinStandardHelpOptions = true)
    static final class EnforcementList extends ClientCommand {
        @Option(names = "--rule", paramLabel = "REF", description = "Only the enforcements of this rule.")
        String rule;
        @Option(names = "--trigger-instance", paramLabel = "ID", description = "Only those of this trigger instance.")
        String instance;
        @Option(names = "--execution", paramLabel = "ID", description = "Only those that created this execution.")
        String execution;
        @Option(names = {"-n", "--last"}, paramLabel = "N", description = "How many (default ${DEFAULT-VALUE}).",
                defaultValue = "50")
        int limit;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("rule_ref", rule);
            q.put("trigger_instance", instance);
            q.put("execution", execution);
            q.put("limit", Integer.toString(limit));
            JsonNode list = client.get("/api/v1/ruleenforcements", q);
            if (json) {
                printJson(list);
                return 0;
            }
            Table t = new Table("id", "rule.ref", "trigger_instance_id", "execution_id", "enforced_at", "status");
            list.forEach(n -> t.row(text(n, "id"), n.path("rule").path("ref").asText(""), text(n, "trigger_instance_id"),
                    text(n, "execution_id"), text(n, "enforced_at"), text(n, "status")));
            t.print(out());
            return 0;
        }
    }
}
