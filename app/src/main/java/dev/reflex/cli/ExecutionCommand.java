package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reflex execution list|get|re-run|cancel|pause|resume|tail}, in st2's style. */
@Command(name = "execution", description = "List, inspect, cancel, pause, resume, re-run and follow executions.",
        mixinStandardHelpOptions = true, subcommands = {ExecutionCommand.ListExecutions.class, ExecutionCommand.Get.class,
        ExecutionCommand.ReRun.class, ExecutionCommand.Cancel.class, ExecutionCommand.Pause.class,
        ExecutionCommand.Resume.class, ExecutionCommand.Tail.class})
public final class ExecutionCommand extends GroupCommand {


    private static String path(String id) {
        return "/api/v1/executions/" + ApiClient.segment(id);
    }

    /** {@code reflex execution list [-n N] [--status S] [--action A] [--parent ID] [--json]}. */
    @Command(name = "list", description = "List executions, newest first.", mixinStandardHelpOptions = true)
    static final class ListExecutions extends ClientCommand {
        @Option(names = {"-n", "--last"}, paramLabel = "N", defaultValue = "50", description = "How many (default 50).")
        int last;
        @Option(names = {"-s", "--status"}, paramLabel = "STATUS", description = "Only executions in this status.")
        String status;
        @Option(names = {"--action"}, paramLabel = "REF", description = "Only executions of this action.")
        String action;
        @Option(names = {"--parent"}, paramLabel = "ID", description = "Only the children of this execution.")
        String parent;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("limit", Integer.toString(last));
            q.put("status", status);
            q.put("action", action);
            q.put("parent", parent);
            JsonNode list = client.get("/api/v1/executions", q);
            if (json) {
                printJson(list);
            } else {
                ExecutionOutput.table(out(), list);
            }
            return 0;
        }
    }

    /** {@code reflex execution get ID [--detail] [--json]}: a workflow's tasks show as a tree. */
    @Command(name = "get", description = "Show one execution; for a workflow, its tasks as a tree.",
            mixinStandardHelpOptions = true)
    static final class Get extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Option(names = {"-d", "--detail"}, description = "Also print each task's result.")
        boolean detail;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            JsonNode e = client.get(path(id), Map.of());
            if (json) {
                printJson(e);
                return 0;
            }
            ExecutionOutput.detail(out(), e);
            if (e.path("children").size() > 0) {
                List<JsonNode> tasks = new ArrayList<>();
                client.get(path(id) + "/children", Map.of("depth", "-1")).forEach(tasks::add);
                WorkflowOutput.tasks(out(), id, tasks, detail);
            }
            return 0;
        }
    }

    /** {@code reflex execution re-run ID [k=v…] [-a]}. */
    @Command(name = "re-run", description = "Run an execution again, with parameter overrides.",
            mixinStandardHelpOptions = true)
    static final class ReRun extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Parameters(index = "1..*", paramLabel = "NAME=VALUE", description = "Overrides.")
        List<String> parameters = new ArrayList<>();
        @Option(names = {"-a", "--async"}, description = "Do not wait.")
        boolean async;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(ApiClient client) {
            JsonNode original = client.get(path(id), Map.of());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("parameters", RunParameters.parse(parameters, original.get("action")));
            JsonNode created = client.post(path(id) + "/re_run", body);
            return RunCommand.show(this, client, created, async, json);
        }
    }

    /** {@code reflex execution cancel ID}. */
    @Command(name = "cancel", description = "Cancel an execution.", mixinStandardHelpOptions = true)
    static final class Cancel extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        protected int run(ApiClient client) {
            JsonNode e = client.delete(path(id));
            out().println("Action execution with id " + id + " " + ("canceling".equals(text(e, "status"))
                    ? "is being canceled." : "canceled."));
            out().flush();
            return 0;
        }
    }

    /** {@code reflex execution pause ID}: a running workflow stops starting tasks and pauses. */
    @Command(name = "pause", description = "Pause a running workflow.", mixinStandardHelpOptions = true)
    static final class Pause extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        protected int run(ApiClient client) {
            JsonNode e = client.put(path(id), Map.of("status", "pausing"));
            out().println("Action execution with id " + id + " is " + ("paused".equals(text(e, "status"))
                    ? "paused." : "being paused (status=" + text(e, "status") + ")."));
            out().flush();
            return 0;
        }
    }

    /** {@code reflex execution resume ID}: a paused workflow carries on. */
    @Command(name = "resume", description = "Resume a paused workflow.", mixinStandardHelpOptions = true)
    static final class Resume extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        protected int run(ApiClient client) {
            JsonNode e = client.put(path(id), Map.of("status", "resuming"));
            out().println("Action execution with id " + id + " is resuming (status=" + text(e, "status") + ").");
            out().flush();
            return 0;
        }
    }

    /** {@code reflex execution tail ID}: prints the output as it comes, then the final status. */
    @Command(name = "tail", description = "Follow an execution's output until it completes.",
            mixinStandardHelpOptions = true)
    static final class Tail extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        protected int run(ApiClient client) {
            client.streamLines(path(id) + "/output", line -> {
                out().println(line);
                out().flush();
            });
            JsonNode done = ExecutionOutput.await(client, id, 200);
            out().println();
            out().println("Execution " + id + " has completed (status=" + text(done, "status") + ").");
            out().flush();
            return ExecutionOutput.failed(done) ? 1 : 0;
        }
    }
}
