package dev.reflex.workflows.orquesta;

import static org.awaitility.Awaitility.await;

import dev.reflex.actions.ActionFormat;
import dev.reflex.actions.ActionRegistry;
import dev.reflex.config.ReflexConfig;
import dev.reflex.config.SourceFormat;
import dev.reflex.config.StrictLoader;
import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionRepository;
import dev.reflex.executions.ExecutionService;
import dev.reflex.executions.ExecutionSettings;
import dev.reflex.executions.ExecutionStatus;
import dev.reflex.executions.PolicyRegistry;
import dev.reflex.runners.Runners;
import dev.reflex.runners.local.LocalRunnerConfig;
import dev.reflex.runners.local.LocalShellRunner;
import dev.reflex.runners.noop.NoopRunner;
import dev.reflex.store.Store;
import dev.reflex.store.Stores;
import dev.reflex.template.TemplateEngine;
import dev.reflex.testkit.MutableClock;
import dev.reflex.workflows.WorkflowStates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Orquesta runner tests share: a real engine and SQLite store on a temporary directory with
 * the actions {@code test.nothing} (noop) and {@code test.sh} (local shell), a clock that moves only
 * when a test advances it, and helpers that write workflows, run them and list their tasks.
 */
abstract class OrquestaFixture {

    private static final TemplateEngine TEMPLATES = new TemplateEngine();
    @TempDir
    Path dir;
    Store store;
    ActionRegistry actions = new ActionRegistry();
    ExecutionService service;
    OrquestaRunner runner;
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void start() throws Exception {
        store = Stores.open(ReflexConfig.defaults().store(), dir, clock);
        store.start();
        action("nothing.yaml", """
                name: nothing
                pack: test
                runner_type: noop
                """);
        action("sh.yaml", """
                name: sh
                pack: test
                runner_type: local-shell-cmd
                """);
        service = newService();
        service.start();
    }

    ExecutionService newService() {
        runner = new OrquestaRunner(new WorkflowStates(store, clock), clock, k -> Optional.of("kv-" + k));
        Runners runners = Runners.of(List.of(new NoopRunner(), LocalShellRunner.command(LocalRunnerConfig.defaults()),
                runner));
        return new ExecutionService(actions, runners, new ExecutionRepository(store), new PolicyRegistry(), TEMPLATES,
                null, k -> Optional.empty(), clock, ExecutionSettings.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        service.stop();
        store.stop();
    }

    void action(String file, String yaml) {
        actions.put(StrictLoader.load(file, yaml, SourceFormat.YAML,
                new ActionFormat(TEMPLATES).inPack("test", Optional.of(dir), file)).single());
    }

    /** Writes a workflow file and its action {@code test.NAME}, with free-form parameters. */
    void workflow(String name, String yaml, String... params) throws Exception {
        Files.writeString(dir.resolve(name + ".wf.yaml"), yaml);
        StringBuilder p = new StringBuilder();
        for (String param : params) {
            p.append("  ").append(param).append(": {}\n");
        }
        action(name + ".yaml", "name: " + name + "\npack: test\nrunner_type: orquesta\nentry_point: " + name
                + ".wf.yaml\n" + (params.length == 0 ? "" : "parameters:\n" + p));
    }

    Execution run(String name, Map<String, Object> params, ExecutionStatus expected) {
        Execution wf = service.request("test." + name, params, Map.of(), false);
        return awaitStatus(wf.id(), expected);
    }

    Execution awaitStatus(String id, ExecutionStatus status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> service.find(id).orElseThrow().status() == status);
        return service.find(id).orElseThrow();
    }

    List<String> taskNames(String id) {
        return service.children(id).stream()
                .map(c -> String.valueOf(((Map<?, ?>) c.context().get("orquesta")).get("task_name"))).toList();
    }
}
