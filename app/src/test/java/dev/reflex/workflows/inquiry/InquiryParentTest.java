package dev.reflex.workflows.inquiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.reflex.actions.Action;
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
import dev.reflex.executions.StatusChange;
import dev.reflex.runners.Runners;
import dev.reflex.runners.noop.NoopRunner;
import dev.reflex.store.Store;
import dev.reflex.store.Stores;
import dev.reflex.template.TemplateEngine;
import dev.reflex.testkit.MutableClock;
import dev.reflex.testkit.SequenceOrchestrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An inquiry inside workflows (a small test sequence runner stands in for action-chain and orquesta):
 * the workflows above a pending inquiry pause, a response resumes them and they carry on with the
 * response in the inquiry's result; a timed-out inquiry resumes them onto their failure path; who may
 * answer and what an answer must look like are checked before anything changes.
 */
class InquiryParentTest {

    private static final TemplateEngine TEMPLATES = new TemplateEngine();
    @TempDir
    Path dir;
    Store store;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    ActionRegistry actions = new ActionRegistry();
    ExecutionService service;
    Inquirer inquirer;

    @BeforeEach
    void start() throws Exception {
        store = Stores.open(ReflexConfig.defaults().store(), dir, clock);
        store.start();
        action("name: seq\npack: test\nrunner_type: sequence\nparameters:\n  tasks: {type: array}\n"
                + "  inner: {type: array}\n  ask: {type: object}\n");
        action("name: nothing\npack: test\nrunner_type: noop\n");
        action(Files.readString(Path.of("src/main/resources/packs/core/actions/ask.yaml")).replace("name: ask",
                "name: ask\npack: core"));
        service = newService();
        service.start();
    }

    ExecutionService newService() {
        inquirer = new Inquirer(store, null, clock);
        Runners runners = Runners.of(List.of(new NoopRunner(), new SequenceOrchestrator(), inquirer));
        return new ExecutionService(actions, runners, new ExecutionRepository(store), new PolicyRegistry(), TEMPLATES,
                null, k -> Optional.empty(), clock, ExecutionSettings.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        service.stop();
        store.stop();
    }

    void action(String yaml) {
        Action a = StrictLoader.load("test.yaml", yaml, SourceFormat.YAML, new ActionFormat(TEMPLATES).fromApi()).single();
        actions.put(a);
    }

    Execution awaitStatus(String id, ExecutionStatus status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> service.find(id).orElseThrow().status() == status);
        return service.find(id).orElseThrow();
    }

    String awaitAsk(String parent) {
        await().atMost(Duration.ofSeconds(20)).until(() -> service.children(parent).stream()
                .anyMatch(c -> c.actionRef().equals("core.ask") && c.status() == ExecutionStatus.PENDING));
        return service.children(parent).stream().filter(c -> c.actionRef().equals("core.ask")).findFirst()
                .orElseThrow().id();
    }

    @Test
    void theParentPausesWhileTheInquiryIsPendingAndCarriesOnWithTheResponse() {
        Execution wf = service.request("test.seq", Map.of("tasks", List.of("test.nothing", "core.ask", "test.nothing")),
                Map.of(), false);
        String ask = awaitAsk(wf.id());
        awaitStatus(wf.id(), ExecutionStatus.PAUSED);
        assertThat(inquirer.pending()).extracting(Inquiry::id).containsExactly(ask);
        assertThat(inquirer.find(ask).orElseThrow().parentId()).isEqualTo(wf.id());
        assertThat(service.find(ask).orElseThrow().result()).containsEntry("ttl", 1440L).containsKey("schema")
                .doesNotContainKey("response");

        Inquiry answered = inquirer.respond(ask, Map.of("continue", true), new Responder("stanley", false));
        assertThat(answered.response()).isEqualTo(Map.of("continue", true));
        Execution done = awaitStatus(wf.id(), ExecutionStatus.SUCCEEDED);
        assertThat(done.log()).extracting(StatusChange::status).containsSubsequence(ExecutionStatus.RUNNING,
                ExecutionStatus.PAUSING, ExecutionStatus.PAUSED, ExecutionStatus.RESUMING, ExecutionStatus.RUNNING,
                ExecutionStatus.SUCCEEDED);
        List<Execution> tasks = service.children(wf.id());
        assertThat(tasks).hasSize(3).allMatch(t -> t.status() == ExecutionStatus.SUCCEEDED);
        assertThat(tasks.get(1).result()).containsEntry("response", Map.of("continue", true))
                .containsEntry("users", List.of()).containsEntry("route", "");
        assertThat(tasks.get(1).log()).extracting(StatusChange::status).contains(ExecutionStatus.PENDING);
        assertThat(inquirer.pending()).isEmpty();
    }

    @Test
    void everyWorkflowUpToTheRootPausesAndResumes() {
        Execution outer = service.request("test.seq", Map.of("tasks", List.of("test.seq", "test.nothing"),
                "inner", List.of("core.ask", "test.nothing")), Map.of(), false);
        await().atMost(Duration.ofSeconds(20)).until(() -> service.children(outer.id()).size() == 1);
        String inner = service.children(outer.id()).getFirst().id();
        String ask = awaitAsk(inner);
        awaitStatus(inner, ExecutionStatus.PAUSED);
        awaitStatus(outer.id(), ExecutionStatus.PAUSED);
        inquirer.respond(ask, Map.of("continue", false), new Responder("stanley", false));
        awaitStatus(outer.id(), ExecutionStatus.SUCCEEDED);
        assertThat(service.find(inner).orElseThrow().log()).extracting(StatusChange::status)
                .contains(ExecutionStatus.PAUSED, ExecutionStatus.RESUMING);
    }

    @Test
    void anUnansweredInquiryTimesOutByTheClockAndTheWorkflowFollowsItsFailurePath() {
        Execution wf = service.request("test.seq", Map.of("tasks", List.of("core.ask", "test.nothing"),
                "ask", Map.of("ttl", 5)), Map.of(), false);
        String ask = awaitAsk(wf.id());
        awaitStatus(wf.id(), ExecutionStatus.PAUSED);
        inquirer.sweep();
        assertThat(service.find(ask).orElseThrow().status()).isEqualTo(ExecutionStatus.PENDING);
        clock.advance(Duration.ofMinutes(5));
        Execution timedOut = awaitStatus(ask, ExecutionStatus.TIMEOUT);
        assertThat(String.valueOf(timedOut.result().get("error"))).contains("no response within 5 minute(s)");
        assertThat(inquirer.find(ask).orElseThrow().status()).isEqualTo("timeout");
        awaitStatus(wf.id(), ExecutionStatus.FAILED);
        assertThat(service.children(wf.id())).hasSize(1);
        assertThatThrownBy(() -> inquirer.respond(ask, Map.of("continue", true), new Responder("stanley", false)))
                .isInstanceOfSatisfying(InquiryException.class,
                        e -> assertThat(e.kind()).isEqualTo(InquiryException.Kind.NOT_PENDING))
                .hasMessageContaining("\"timeout\"");
    }

    @Test
    void onlyTheListedUsersAndRolesMayAnswerAndOnlyWithAConformingResponse() {
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of(
                "approved", Map.of("type", "boolean", "required", true),
                "reason", Map.of("type", "string", "default", "none given")));
        Execution ask = service.request("core.ask", Map.of("users", List.of("alice"), "roles", List.of("admin"),
                "schema", schema, "route", "ops"), Map.of(), false);
        awaitStatus(ask.id(), ExecutionStatus.PENDING);
        assertThatThrownBy(() -> inquirer.respond(ask.id(), Map.of("approved", true), new Responder("bob", true)))
                .isInstanceOfSatisfying(InquiryException.class,
                        e -> assertThat(e.kind()).isEqualTo(InquiryException.Kind.FORBIDDEN))
                .hasMessageContaining("allowed users: alice");
        assertThatThrownBy(() -> inquirer.respond(ask.id(), Map.of("approved", true), new Responder("alice", false)))
                .hasMessageContaining("allowed roles: admin");
        assertThatThrownBy(() -> inquirer.respond(ask.id(), Map.of("approved", "yes"), new Responder("alice", true)))
                .isInstanceOfSatisfying(InquiryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(InquiryException.Kind.INVALID);
                    assertThat(e.errors()).containsExactly("'yes' is not of type 'boolean' (at /approved)");
                });
        assertThat(service.find(ask.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.PENDING);
        inquirer.respond(ask.id(), Map.of("approved", true), new Responder("alice", true));
        Execution done = awaitStatus(ask.id(), ExecutionStatus.SUCCEEDED);
        assertThat(done.result()).containsEntry("response", Map.of("approved", true, "reason", "none given"))
                .containsEntry("route", "ops");
        assertThat(inquirer.find(ask.id()).orElseThrow().respondedBy()).isEqualTo("alice");
    }

    @Test
    void stackStormsOwnAskMetadataRunsOnTheInquirerWithItsDefaults() throws Exception {
        String shared = System.getenv().getOrDefault("REFLEX_SHARED_DIR", "../shared");
        String st2 = Files.readString(Path.of(shared, "compat/st2/st2/contrib/core/actions/ask.yaml"));
        action(st2.replace("name: \"ask\"", "name: \"st2ask\"\npack: \"core\""));
        Execution ask = service.request("core.st2ask", Map.of(), Map.of(), false);
        awaitStatus(ask.id(), ExecutionStatus.PENDING);
        Inquiry q = inquirer.find(ask.id()).orElseThrow();
        assertThat(q.schema()).isEqualTo(Inquirer.DEFAULT_SCHEMA);
        assertThat(q.ttl()).isEqualTo(1440);
        assertThat(q.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1440)));
        assertThat(q.users()).isEmpty();
        assertThat(q.roles()).isEmpty();
    }

    @Test
    void aPendingInquiryAndItsPausedWorkflowSurviveARestart() throws Exception {
        Execution wf = service.request("test.seq", Map.of("tasks", List.of("core.ask", "test.nothing")), Map.of(), false);
        String ask = awaitAsk(wf.id());
        awaitStatus(wf.id(), ExecutionStatus.PAUSED);
        service.stop();
        service = newService();
        service.start();
        assertThat(service.find(ask).orElseThrow().status()).isEqualTo(ExecutionStatus.PENDING);
        assertThat(service.find(wf.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.PAUSED);
        assertThat(inquirer.pending()).extracting(Inquiry::id).containsExactly(ask);
        inquirer.respond(ask, Map.of("continue", true), new Responder("stanley", false));
        awaitStatus(wf.id(), ExecutionStatus.SUCCEEDED);
    }
}
