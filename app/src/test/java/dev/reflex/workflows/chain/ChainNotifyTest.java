package dev.reflex.workflows.chain;

import static dev.reflex.workflows.chain.ChainPacks.completed;
import static dev.reflex.workflows.chain.ChainPacks.pack;
import static dev.reflex.workflows.chain.ChainPacks.start;
import static dev.reflex.workflows.chain.ChainPacks.tasks;
import static dev.reflex.workflows.chain.ChainPacks.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reflex.app.App;
import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionQuery;
import dev.reflex.executions.ExecutionService;
import dev.reflex.executions.ExecutionStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain's notifications, as a rule on {@code core.st2.generic.notifytrigger} sees them: a task's
 * own {@code notify} replaces the callee's, a task without one sends the callee's, or else the
 * chain's own (handed down to every task), and a task named in {@code skip_notify} sends none.
 */
class ChainNotifyTest {

    @TempDir
    static Path dir;
    static App app;
    static ExecutionService engine;

    @BeforeAll
    static void startApp() throws Exception {
        Path packs = dir.resolve("packs");
        Path p = pack(packs, "notes");
        write(p, "actions/quiet.yaml", """
                name: quiet
                runner_type: local-shell-cmd
                parameters:
                  cmd: {type: string, immutable: true, default: "echo quiet"}
                """);
        write(p, "actions/loud.yaml", """
                name: loud
                runner_type: local-shell-cmd
                parameters:
                  cmd: {type: string, immutable: true, default: "echo loud"}
                notify:
                  on-complete: {message: "loud itself", routes: [loud]}
                """);
        write(p, "actions/flow.yaml", """
                name: flow
                runner_type: action-chain
                entry_point: chains/flow.yaml
                notify:
                  on-complete: {message: "chain note", routes: [chain]}
                """);
        write(p, "actions/chains/flow.yaml", """
                chain:
                  - name: t1
                    ref: notes.quiet
                    notify:
                      on-success: {message: "t1 said {{ action_results.stdout }}", routes: [t1_ok]}
                      on-failure: {message: "t1 failed", routes: [t1_failed]}
                    on-success: t5
                  - name: t5
                    ref: notes.loud
                    notify:
                      on-complete: {message: "t5", routes: [t5]}
                    on-success: t6
                  - name: t6
                    ref: notes.quiet
                    on-success: t2
                  - name: t2
                    ref: notes.loud
                    notify:
                      on-complete: {message: "t2", routes: [t2, t2_copy]}
                    on-success: t3
                  - name: t3
                    ref: notes.loud
                    on-success: t4
                  - name: t4
                    ref: notes.quiet
                """);
        write(p, "rules/notified.yaml", """
                name: notified
                pack: notes
                enabled: true
                trigger:
                  type: core.st2.generic.notifytrigger
                action:
                  ref: core.local
                  parameters:
                    cmd: "echo {{ trigger.route }}/{{ trigger.execution_id }}/{{ trigger.message }}"
                """);
        app = start(dir.resolve("data"), packs);
        engine = app.executions().executions();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** Runs the chain and returns what the rule saw, as {@code route/task/message}, once all expected arrived. */
    static List<String> notifications(Map<String, Object> parameters, Set<String> expected) {
        Execution chain = completed(app, engine.request("notes.flow", parameters, Map.of(), false).id());
        assertThat(chain.status()).as(String.valueOf(chain.result())).isEqualTo(ExecutionStatus.SUCCEEDED);
        Map<String, String> names = new java.util.HashMap<>();
        names.put(chain.id(), "chain");
        tasks(chain).forEach(t -> names.put(String.valueOf(t.get("execution_id")), String.valueOf(t.get("name"))));
        List<String> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            seen.clear();
            for (Execution e : engine.list(new ExecutionQuery(null, null, "notes.notified", null, null, null, null, 1000, 0))) {
                if (e.status() != ExecutionStatus.SUCCEEDED) {
                    return false;
                }
                String[] line = String.valueOf(e.result().get("stdout")).split("/", 3);
                if (names.containsKey(line[1])) {
                    seen.add(line[0] + "/" + names.get(line[1]) + "/" + line[2]);
                }
            }
            return seen.containsAll(expected);
        });
        return seen;
    }

    @Test
    void eachTaskSendsItsOwnNotifyElseTheCalleesElseTheChainsAndSkippedTasksSendNone() {
        List<String> seen = notifications(Map.of("skip_notify", List.of("t5", "t6")), Set.of(
                "t1_ok/t1/t1 said quiet", "t2/t2/t2", "t2_copy/t2/t2", "loud/t3/loud itself", "chain/t4/chain note",
                "chain/chain/chain note"));
        assertThat(seen).containsExactlyInAnyOrder("t1_ok/t1/t1 said quiet", "t2/t2/t2", "t2_copy/t2/t2",
                "loud/t3/loud itself", "chain/t4/chain note", "chain/chain/chain note");
    }

    @Test
    void withoutSkipNotifyTheSameTasksNotifyToo() {
        List<String> seen = notifications(Map.of(), Set.of("t1_ok/t1/t1 said quiet", "t5/t5/t5", "chain/t6/chain note",
                "t2/t2/t2", "t2_copy/t2/t2", "loud/t3/loud itself", "chain/t4/chain note", "chain/chain/chain note"));
        assertThat(seen).containsExactlyInAnyOrder("t1_ok/t1/t1 said quiet", "t5/t5/t5", "chain/t6/chain note",
                "t2/t2/t2", "t2_copy/t2/t2", "loud/t3/loud itself", "chain/t4/chain note", "chain/chain/chain note");
    }
}
