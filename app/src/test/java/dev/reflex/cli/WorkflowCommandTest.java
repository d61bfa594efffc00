package dev.reflex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reflex.actions.Action;
import dev.reflex.actions.ActionFormat;
import dev.reflex.actions.ActionRegistry;
import dev.reflex.api.ApiServer;
import dev.reflex.api.ExecutionsModule;
import dev.reflex.api.InquiriesModule;
import dev.reflex.api.TracesModule;
import dev.reflex.app.ReflexCommand;
import dev.reflex.config.ReflexConfig;
import dev.reflex.config.SourceFormat;
import dev.reflex.config.StrictLoader;
import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionRepository;
import dev.reflex.executions.ExecutionService;
import dev.reflex.executions.ExecutionSettings;
import dev.reflex.executions.ExecutionStatus;
import dev.reflex.executions.PolicyRegistry;
import dev.reflex.rules.store.EnforcementRepository;
import dev.reflex.runners.Runners;
import dev.reflex.runners.local.LocalRunnerConfig;
import dev.reflex.runners.local.LocalShellRunner;
import dev.reflex.runners.noop.NoopRunner;
import dev.reflex.store.Store;
import dev.reflex.store.Stores;
import dev.reflex.template.TemplateEngine;
import dev.reflex.testkit.Http;
import dev.reflex.testkit.SequenceOrchestrator;
import dev.reflex.triggers.store.TriggerInstanceRepository;
import dev.reflex.workflows.inquiry.Inquirer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Workflow controls through the API and the CLI, with a small test sequence runner standing in for
 * action-chain and orquesta: {@code reflex execution pause|resume} ({@code PUT {status}}), {@code list
 * --parent}, {@code get} showing the tasks as a tree, {@code children?depth=}, a trace from an execution
 * that no trigger caused, and an inquiry answered from the CLI resuming its workflow.
 */
class WorkflowCommandTest {

    private static final TemplateEngine TEMPLATES = new TemplateEngine();
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Store store;
    static ExecutionService service;
    static ApiServer api;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        store = Stores.open(ReflexConfig.defaults().store(), dir, Clock.systemUTC());
        store.start();
        ActionRegistry actions = new ActionRegistry();
        for (String yaml : List.of(
                "name: seq\npack: test\nrunner_type: sequence\nparameters:\n  tasks: {type: array}\n"
                        + "  inner: {type: array}\n  ask: {type: object}\n  gate: {type: string}\n",
                "name: nothing\npack: test\nrunner_type: noop\n",
                "name: gated\npack: test\nrunner_type: local-shell-cmd\nparameters:\n  gate: {type: string, required: true}\n"
                        + "  cmd: {type: string, immutable: true, default: 'while [ ! -e {{gate}} ]; do sleep 0.02; done; "
                        + "echo gate open'}\n",
                Files.readString(Path.of("src/main/resources/packs/core/actions/ask.yaml")).replace("name: ask",
                        "name: ask\npack: core"))) {
            Action a = StrictLoader.load("test.yaml", yaml, SourceFormat.YAML, new ActionFormat(TEMPLATES).fromApi())
                    .single();
            actions.put(a);
        }
        Inquirer inquirer = new Inquirer(store, null, Clock.systemUTC());
        Runners runners = Runners.of(List.of(new NoopRunner(), LocalShellRunner.command(LocalRunnerConfig.defaults()),
                new SequenceOrchestrator(), inquirer));
        service = new ExecutionService(actions, runners, new ExecutionRepository(store), new PolicyRegistry(), TEMPLATES,
                null, k -> Optional.empty(), Clock.systemUTC(), ExecutionSettings.defaults());
        service.start();
        api = new ApiServer(ReflexConfig.Http.defaults().withPort(0), List.of(), List.of(
                new ExecutionsModule(service, actions, Clock.systemUTC(), "stanley"),
                new InquiriesModule(inquirer, service, "stanley"),
                new TracesModule(new TriggerInstanceRepository(store), new EnforcementRepository(store), service)),
                new SimpleMeterRegistry());
        api.start();
        http = Http.local(api.port());
    }

    @AfterAll
    static void stop() throws Exception {
        api.stop();
        service.stop();
        store.stop();
    }

    record Run(int code, String out, String err) {
    }

    static Run reflex(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", "http://127.0.0.1:" + api.port()));
        CommandLine cl = ReflexCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    static Execution awaitStatus(String id, ExecutionStatus status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> service.find(id).orElseThrow().status() == status);
        return service.find(id).orElseThrow();
    }

    static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(e -> out.add(e.get("id").asText()));
        return out;
    }

    @Test
    void pauseAndResumeAWorkflowFromTheCli() throws Exception {
        Path gate = dir.resolve("gate-pause");
        Execution wf = service.request("test.seq", Map.of("tasks", List.of("test.gated", "test.nothing"),
                "gate", gate.toString()), Map.of(), false);
        await().atMost(Duration.ofSeconds(20)).until(() -> service.children(wf.id()).size() == 1
                && service.children(wf.id()).getFirst().status() == ExecutionStatus.RUNNING);
        String task = service.children(wf.id()).getFirst().id();

        Run notWorkflow = reflex("execution", "pause", task);
        assertThat(notWorkflow.code()).isEqualTo(1);
        assertThat(notWorkflow.err()).contains("only workflows can be paused");
        Run notPaused = reflex("execution", "resume", wf.id());
        assertThat(notPaused.code()).isEqualTo(1);
        assertThat(notPaused.err()).contains("must be \"paused\"");

        Run pause = reflex("execution", "pause", wf.id());
        assertThat(pause.code()).as(pause.err()).isZero();
        assertThat(pause.out()).contains("Action execution with id " + wf.id() + " is being paused (status=pausing)");
        Files.writeString(gate, "");
        awaitStatus(wf.id(), ExecutionStatus.PAUSED);
        assertThat(service.children(wf.id())).hasSize(1);
        Run resume = reflex("execution", "resume", wf.id());
        assertThat(resume.code()).as(resume.err()).isZero();
        assertThat(resume.out()).contains("is resuming");
        awaitStatus(wf.id(), ExecutionStatus.SUCCEEDED);
        assertThat(service.children(wf.id())).hasSize(2);

        assertThat(http.put("/api/v1/executions/" + wf.id(), "{\"status\": \"sleeping\"}").body())
                .contains("'status' must be canceling, pausing or resuming");
        assertThat(http.put("/api/v1/executions/" + wf.id(), "{\"status\": \"pausing\"}").body())
                .contains("is \\\"succeeded\\\" and cannot be paused");
    }

    @Test
    void getShowsTheTasksAsATreeAndListFiltersByParent() throws Exception {
        Execution wf = service.request("test.seq", Map.of("tasks", List.of("test.seq", "test.nothing"),
                "inner", List.of("test.nothing", "test.nothing")), Map.of(), false);
        awaitStatus(wf.id(), ExecutionStatus.SUCCEEDED);
        List<Execution> children = service.children(wf.id());
        String inner = children.get(0).id();
        List<Execution> grandchildren = service.children(inner);
        assertThat(grandchildren).hasSize(2);

        Run get = reflex("execution", "get", wf.id());
        assertThat(get.code()).as(get.err()).isZero();
        assertThat(get.out()).contains("action.ref: test.seq").contains("tasks:")
                .containsPattern("\\| " + inner + " +\\| succeeded +\\| t0 +\\| test\\.seq +\\|")
                .containsPattern("\\|   \\+ " + grandchildren.get(1).id() + " +\\| succeeded +\\| t1 +\\| test\\.nothing")
                .containsPattern("\\| " + children.get(1).id() + " +\\| succeeded +\\| t1 +\\| test\\.nothing")
                .containsPattern("\\d+\\.\\d\\ds");
        Run detail = reflex("execution", "get", wf.id(), "--detail");
        assertThat(detail.out()).contains("task t0 (" + inner + ", test.seq): succeeded").contains("result:");

        Run list = reflex("execution", "list", "--parent", wf.id());
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains(inner).contains(children.get(1).id()).doesNotContain(grandchildren.get(0).id())
                .doesNotContain("| " + wf.id());

        JsonNode one = JSON.readTree(http.get("/api/v1/executions/" + wf.id() + "/children").body());
        assertThat(ids(one)).containsExactly(inner, children.get(1).id());
        JsonNode all = JSON.readTree(http.get("/api/v1/executions/" + wf.id() + "/children?depth=-1").body());
        assertThat(ids(all)).containsExactly(inner, grandchildren.get(0).id(),
                grandchildren.get(1).id(), children.get(1).id());
        assertThat(http.get("/api/v1/executions/" + wf.id() + "/children?depth=x").statusCode()).isEqualTo(400);

        Run trace = reflex("trace", grandchildren.get(0).id());
        assertThat(trace.code()).as(trace.err()).isZero();
        assertThat(trace.out()).startsWith("execution " + wf.id() + " test.seq: succeeded")
                .contains("\n  execution " + inner + " [t0] test.seq: succeeded")
                .contains("\n    execution " + grandchildren.get(0).id() + " [t0] test.nothing: succeeded");
    }

    @Test
    void anInquiryAnsweredFromTheCliResumesItsWorkflow() {
        Execution wf = service.request("test.seq", Map.of("tasks", List.of("core.ask", "test.nothing"),
                "ask", Map.of("route", "cli")), Map.of(), false);
        awaitStatus(wf.id(), ExecutionStatus.PAUSED);
        String ask = service.children(wf.id()).getFirst().id();
        Run get = reflex("execution", "get", wf.id());
        assertThat(get.out()).containsPattern("\\| " + ask + " +\\| pending +\\| t0 +\\| core\\.ask");
        Run respond = reflex("inquiry", "respond", ask, "-r", "{\"continue\": true}");
        assertThat(respond.code()).as(respond.err()).isZero();
        awaitStatus(wf.id(), ExecutionStatus.SUCCEEDED);
        assertThat(reflex("execution", "get", wf.id()).out()).contains("response: {\"continue\":true}");
    }
}
