package dev.reflex.workflows.chain;

import static dev.reflex.workflows.chain.ChainPacks.completed;
import static dev.reflex.workflows.chain.ChainPacks.result;
import static dev.reflex.workflows.chain.ChainPacks.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.app.App;
import dev.reflex.config.LoadResult;
import dev.reflex.config.StrictLoader;
import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionStatus;
import dev.reflex.executions.RunnerSettings;
import dev.reflex.testkit.EmbeddedReflex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Assumptions;

/**
 * StackStorm's own example chains ({@code contrib/examples} in {@code shared/compat/st2/}), loaded
 * and run in place: the folder is the pack path. Skipped with a notice when the folder is absent.
 */
class CompatChainsTest {

    @TempDir
    static Path dir;
    static App app;
    static Path examples;

    static Path examples() {
        String shared = System.getenv("REFLEX_SHARED_DIR");
        Path base = shared != null && !shared.isBlank() ? Path.of(shared) : Path.of("../../shared");
        Path folder = base.resolve("compat/st2/st2/contrib/examples");
        if (!Files.isDirectory(folder)) {
            System.err.println("NOTICE: StackStorm compat packs not found at " + folder.toAbsolutePath()
                    + "; CompatChainsTest is skipped");
            Assumptions.abort("compat packs not found at " + folder.toAbsolutePath());
        }
        return folder;
    }

    @BeforeAll
    static void start() throws Exception {
        examples = examples();
        app = new App(EmbeddedReflex.config(dir.resolve("data")).withPackPaths(List.of(examples)), Clock.systemUTC(),
                RunnerSettings.defaults()).start();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everyExampleChainFileLoadsWithoutProblems() throws Exception {
        try (var files = Files.list(examples.resolve("actions/chains"))) {
            List<Path> chains = files.sorted().toList();
            assertThat(chains).extracting(p -> p.getFileName().toString())
                    .contains("echochain.yaml", "echochain_task_failure.yaml", "publish_data.yaml");
            for (Path chain : chains) {
                LoadResult<ChainDefinition> loaded = StrictLoader.load(chain, ChainFormat.of(chain.toString()));
                assertThat(loaded.warnings()).as(chain.toString()).isEmpty();
                if (chain.endsWith("echochain_task_failure.yaml")) {
                    // c1's on-failure names c4, which this file lacks: StackStorm's validation refuses it too
                    assertThat(loaded.problems()).extracting(Object::toString).containsExactly(chain
                            + ":9:25: 'c4' is not a task of this chain; tasks: c1, c2, c3 (at /chain/0/on-failure)");
                } else {
                    assertThat(loaded.problems()).as(chain.toString()).isEmpty();
                }
            }
        }
    }

    Execution run(String ref) {
        return completed(app, app.executions().executions().request(ref, Map.of(), Map.of(), false).id());
    }

    @Test
    void echochainRunsItsThreeTasksAndSeesItsOwnExecutionIdAsParent() {
        Execution done = run("examples.echochain");
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(tasks(done)).extracting(t -> t.get("name")).containsExactly("c1", "c2", "c3");
        assertThat(result(done, "c2")).containsEntry("stdout", "c2: parent exec is " + done.id() + ".");
    }

    @Test
    void echochainNotifiesAsItsMetadataSaysWithC2SkippedByDefault() {
        Execution done = run("examples.echochain");
        Map<String, String> names = new java.util.HashMap<>();
        names.put(done.id(), "chain");
        tasks(done).forEach(t -> names.put(String.valueOf(t.get("execution_id")), String.valueOf(t.get("name"))));
        var repo = new dev.reflex.triggers.store.TriggerInstanceRepository(app.store());
        List<String> seen = new java.util.ArrayList<>();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            seen.clear();
            for (var ti : repo.list(new dev.reflex.triggers.store.TriggerInstanceQuery(
                    "core.st2.generic.notifytrigger", null, null, null, 1000, 0))) {
                Map<String, Object> p = ti.instance().payload();
                if (names.containsKey(String.valueOf(p.get("execution_id")))) {
                    seen.add(names.get(String.valueOf(p.get("execution_id"))) + "/" + p.get("route") + "/" + p.get("message"));
                }
            }
            return seen.size() >= 3;
        });
        // the chain's notify is handed down to c1 and c3; c2 is in skip_notify's default
        assertThat(seen).containsExactlyInAnyOrder("c1/slack/\"@channel: Action succeeded.\"",
                "c3/slack/\"@channel: Action succeeded.\"", "chain/slack/\"@channel: Action succeeded.\"");
    }

    @Test
    void echochainTaskFailureFailsBeforeItsFirstTaskBecauseATransitionNamesNoTask() {
        Execution done = run("examples.echochain_task_failure");
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(tasks(done)).isEmpty();
        assertThat((String) done.result().get("error")).contains("echochain_task_failure.yaml:9:25: 'c4' is not a task");
        assertThat(done.children()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void publishDataPublishesStringsAndStructures() {
        app.store().keyValues().put("domain", "example.org", false, null);
        Execution done = run("examples.publish_data");
        assertThat(tasks(done)).extracting(t -> t.get("name")).startsWith("get_host", "say_the_names", "call_api");
        String host = String.valueOf(result(done, "get_host").get("stdout"));
        Map<String, Object> published = (Map<String, Object>) done.result().get("published");
        assertThat(published).containsEntry("host", host).containsEntry("api_port", 9101L)
                .containsEntry("fqdn", host + ".example.org").containsEntry("api_url", "http://" + host + ":9101")
                .containsEntry("domain", "example.org");
        assertThat((Map<String, Object>) published.get("paths")).containsEntry("auth_port", "9102")
                .containsEntry("system_info", "/system-info").containsEntry("api", List.of("v1/actions", "v1/triggers"));
        assertThat(result(done, "say_the_names")).containsEntry("stdout", "host=" + host + ", domain=example.org, fqdn="
                + host + ".example.org, api_url=http://" + host + ":9101, webui_url=http://" + host + ":8080");
    }
}
