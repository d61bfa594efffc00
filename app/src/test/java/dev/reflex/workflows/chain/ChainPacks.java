package dev.reflex.workflows.chain;

import dev.reflex.app.App;
import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionService;
import dev.reflex.executions.RunnerSettings;
import dev.reflex.testkit.EmbeddedReflex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** Test packs for chains: writing pack files and chains, starting a Reflex on them, and waiting for executions. */
final class ChainPacks {

    private ChainPacks() {
    }

    /** Writes {@code text} at {@code root/relative}, creating folders. */
    static void write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Writes a pack.yaml for {@code ref} under {@code packs/ref}. */
    static Path pack(Path packs, String ref) throws IOException {
        write(packs, ref + "/pack.yaml", "ref: " + ref + "\nname: " + ref + "\nversion: 0.1.0\ndescription: chain tests\nauthor: tests\n");
        return packs.resolve(ref);
    }

    /**
     * Writes the action {@code name} of the action-chain runner, with the given {@code parameters}
     * block (YAML indented by two spaces, or empty), and its chain file {@code chains/name.yaml}.
     */
    static void chain(Path pack, String name, String parameters, String chain) throws IOException {
        write(pack, "actions/" + name + ".yaml", "name: " + name + "\nrunner_type: action-chain\nentry_point: chains/"
                + name + ".yaml\n" + (parameters.isEmpty() ? "" : "parameters:\n" + parameters));
        write(pack, "actions/chains/" + name + ".yaml", chain);
    }

    /** Writes the action {@code gated}: a shell command that waits until the file named by {@code gate} exists. */
    static void gated(Path pack) throws IOException {
        write(pack, "actions/gated.yaml", """
                name: gated
                runner_type: local-shell-cmd
                parameters:
                  gate: {type: string, required: true}
                  cmd: {type: string, immutable: true, default: "while [ ! -e {{ gate }} ]; do sleep 0.02; done; echo opened"}
                """);
    }

    /** Starts an embedded Reflex with its data under {@code data} and the packs under {@code packs}. */
    static App start(Path data, Path packs) throws Exception {
        return new App(EmbeddedReflex.config(data).withPackPaths(List.of(packs)), Clock.systemUTC(),
                RunnerSettings.defaults()).start();
    }

    /**
     * A test-only stand-in for the chat pack's {@code chat.post} (message, optional channel): it
     * prints the message, so that it ends up in the task's result.
     */
    static void chatStandIn(Path packs) throws IOException {
        Path chat = pack(packs, "chat");
        write(chat, "actions/post.yaml", """
                name: post
                runner_type: local-shell-cmd
                description: test stand-in for chat.post; prints the message
                parameters:
                  message: {type: string, required: true}
                  channel: {type: string}
                  cmd: {type: string, immutable: true, default: "printf '%s' {{ message }}"}
                """);
    }

    /** Waits until the execution has completed and returns it. */
    static Execution completed(App app, String id) {
        ExecutionService engine = app.executions().executions();
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.find(id).orElseThrow().status().completed());
        return engine.find(id).orElseThrow();
    }

    /** The chain result's task entries. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> tasks(Execution chain) {
        return (List<Map<String, Object>>) chain.result().get("tasks");
    }

    /** The result of the named task (the last run of it). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> result(Execution chain, String task) {
        return tasks(chain).stream().filter(t -> task.equals(t.get("name"))).reduce((a, b) -> b)
                .map(t -> (Map<String, Object>) t.get("result")).orElseThrow(() -> new AssertionError("no task " + task));
    }
}
