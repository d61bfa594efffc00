package dev.reflex.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.checks.HandlerDefinition;
import dev.reflex.checks.SensuSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The handler pipeline: which handlers, Sensu's filter order, named filters, mutators. */
class HandlerPipelineTest {

    private final TestClock clock = TestClock.atEpochSecond(1_700_000_000L);
    private final List<Map<String, Object>> delivered = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();

    /** A runner that records commands instead of running them: "cat" echoes stdin, anything else fails. */
    private final CommandRunner fakeRunner = (command, stdin, timeout) -> {
        commands.add(command);
        if (command.startsWith("cat")) {
            return new CommandRunner.Outcome(0, stdin, false);
        }
        if (command.startsWith("tag")) {
            return new CommandRunner.Outcome(0, "{\"tagged\": true}".getBytes(StandardCharsets.UTF_8), false);
        }
        return new CommandRunner.Outcome(2, "boom".getBytes(StandardCharsets.UTF_8), false);
    };

    private HandlerPipeline pipeline(SensuSettings settings) {
        return HandlerPipeline.builder(() -> settings, new InMemoryEventState()).clock(clock)
                .commandRunner(fakeRunner).reflexSink(delivered::add).executor(Runnable::run).build();
    }

    private static Event event(EventAction action, int status, Map<String, Object> extra) {
        Map<String, Object> check = Fixtures.check(status);
        check.put("history", List.of("0", String.valueOf(status)));
        check.putAll(extra);
        Map<String, Object> client = Fixtures.client();
        client.put("environment", "production");
        return new Event("id-1", client, check, 1, 1, null, null, action, 1_700_000_000L, false, List.of());
    }

    private static List<String> summary(List<HandlingOutcome> outcomes) {
        List<String> out = new ArrayList<>();
        for (HandlingOutcome o : outcomes) {
            out.add(o.handler() + ":" + switch (o) {
                case HandlingOutcome.Filtered f -> "filtered by " + f.stage();
                case HandlingOutcome.MutatorFailed m -> "mutator " + m.mutator() + " failed";
                case Delivery.Delivered d -> "delivered";
                case Delivery.Retryable r -> "retryable";
                case Delivery.Permanent p -> "permanent";
            });
        }
        return out;
    }

    private List<String> handle(SensuSettings settings, Event event) {
        return summary(pipeline(settings).handle(event).join());
    }

    @Test
    void defaultHandlerIsReflexAndGetsTheSensuEventJson() {
        Event e = event(EventAction.CREATE, 2, Map.of());
        assertThat(handle(SensuSettings.empty(), e)).containsExactly("default:delivered");
        assertThat(delivered).containsExactly(e.toSensuMap());
        assertThat(delivered.get(0)).containsKeys("id", "client", "check", "occurrences", "occurrences_watermark",
                "action", "timestamp", "silenced", "silenced_by");
    }

    @Test
    void setsExpandTwoLevelsUnknownNamesAreSkippedAndDuplicatesRemoved() {
        SensuSettings s = Fixtures.settings("""
                {"handlers": {
                  "one": {"type": "set", "handlers": ["two", "a", "ghost"]},
                  "two": {"type": "set", "handlers": ["a", "b", "three"]},
                  "three": {"type": "set", "handlers": ["c"]},
                  "a": {"type": "reflex"}, "b": {"type": "reflex"}, "c": {"type": "reflex"}}}
                """);
        assertThat(HandlerResolver.resolve(Map.of("handlers", List.of("one", "b")), s)).extracting(HandlerDefinition::name)
                .containsExactly("a", "b");
        assertThat(HandlerResolver.resolve(Map.of("handler", "c"), s)).extracting(HandlerDefinition::name).containsExactly("c");
        assertThat(HandlerResolver.resolve(Map.of("handlers", List.of()), s)).as("an empty list means no handler").isEmpty();
        assertThat(HandlerResolver.resolve(Map.of("handlers", List.of("debug")), s)).extracting(HandlerDefinition::kind)
                .containsExactly(new HandlerDefinition.Debug());
    }

    @Test
    void filterStagesRunInSensusOrder() {
        SensuSettings s = Fixtures.settings("""
                {"filters": {"production": {"attributes": {"client": {"environment": "production"}}},
                             "not_production": {"negate": true, "attributes": {"client": {"environment": "production"}}}},
                 "handlers": {
                  "all": {"type": "reflex", "severities": ["ok"], "filters": ["not_production"]},
                  "flap": {"type": "reflex", "handle_flapping": true, "severities": ["warning"], "filters": ["not_production"]},
                  "sev": {"type": "reflex", "handle_flapping": true, "severities": ["critical"], "handle_silenced": false, "filters": ["not_production"]},
                  "quiet": {"type": "reflex", "handle_flapping": true, "handle_silenced": true, "filters": ["not_production"]},
                  "prod": {"type": "reflex", "handle_flapping": true, "handle_silenced": true, "filters": ["production", "occurrences"]}}}
                """);
        Map<String, Object> handlers = Map.of("handlers", List.of("all", "flap", "sev", "quiet", "prod"));
        Event flapping = event(EventAction.FLAPPING, 2, handlers).withSilencing(true, List.of("test:*"));
        assertThat(handle(s, flapping)).containsExactly("all:filtered by flapping", "flap:filtered by severities",
                "sev:filtered by silenced", "quiet:filtered by filter:not_production", "prod:delivered");

        Map<String, Object> disabled = new java.util.HashMap<>(handlers);
        disabled.put("handle", false);
        assertThat(handle(s, event(EventAction.CREATE, 2, disabled))).allMatch(o -> o.endsWith("filtered by handle"));
    }

    @Test
    void namedFilterWindowsAndUnknownFilters() {
        SensuSettings s = Fixtures.settings("""
                {"filters": {"office": {"attributes": {"action": "never"},
                                        "when": {"days": {"all": [{"begin": "9:00 AM", "end": "5:00 PM"}]}}}},
                 "handlers": {"h": {"type": "reflex", "filters": ["office", "no_such_filter"]}}}
                """);
        // 1_700_000_000 is 22:13 UTC: outside the window, so the filter does not apply
        HandlerPipeline p = HandlerPipeline.builder(() -> s, new InMemoryEventState()).clock(clock)
                .zone(java.time.ZoneOffset.UTC).reflexSink(delivered::add).commandRunner(fakeRunner).build();
        assertThat(summary(p.handle(event(EventAction.CREATE, 2, Map.of("handler", "h"))).join())).containsExactly("h:delivered");
        clock.set(java.time.Instant.parse("2023-11-14T10:00:00Z"));
        assertThat(summary(p.handle(event(EventAction.CREATE, 2, Map.of("handler", "h"))).join()))
                .containsExactly("h:filtered by filter:office");
    }

    @Test
    void mutators() {
        SensuSettings s = Fixtures.settings("""
                {"mutators": {"tag": {"command": "tag"}, "explode": {"command": "explode"}},
                 "handlers": {
                  "json": {"type": "pipe", "command": "cat > /dev/null"},
                  "output": {"type": "pipe", "command": "cat", "mutator": "only_check_output"},
                  "ruby": {"type": "pipe", "command": "cat", "mutator": "ruby_hash"},
                  "tagged": {"type": "reflex", "mutator": "tag"},
                  "exploded": {"type": "pipe", "command": "cat", "mutator": "explode"},
                  "unknown": {"type": "pipe", "command": "cat", "mutator": "nope"},
                  "raw": {"type": "reflex", "mutator": "only_check_output"}}}
                """);
        Event e = event(EventAction.CREATE, 1, Map.of("handlers",
                List.of("json", "output", "ruby", "tagged", "exploded", "unknown", "raw")));
        List<HandlingOutcome> outcomes = pipeline(s).handle(e).join();
        assertThat(summary(outcomes)).containsExactly("json:delivered", "output:delivered", "ruby:delivered",
                "tagged:delivered", "exploded:mutator explode failed", "unknown:mutator nope failed", "raw:permanent");
        assertThat(((Delivery.Delivered) outcomes.get(1)).detail()).isEqualTo("WARNING");
        assertThat(((Delivery.Delivered) outcomes.get(2)).detail()).startsWith("{:id=>\"id-1\", :client=>{:name=>\"i-424242\"");
        assertThat(delivered).containsExactly(Map.of("tagged", true));
        assertThat(commands).contains("tag", "explode").doesNotContain("nope");
    }

    @Test
    void blockingWorkRunsOnTheExecutor() {
        SensuSettings s = Fixtures.settings("{\"handlers\": {\"p\": {\"type\": \"pipe\", \"command\": \"cat\"}, \"r\": {\"type\": \"reflex\"}}}");
        List<Runnable> queued = new ArrayList<>();
        HandlerPipeline p = HandlerPipeline.builder(() -> s, new InMemoryEventState()).clock(clock).commandRunner(fakeRunner)
                .reflexSink(delivered::add).executor(queued::add).build();
        var outcome = p.handle(event(EventAction.CREATE, 2, Map.of("handlers", List.of("p", "r"))));
        assertThat(delivered).as("the reflex handler ran inline").hasSize(1);
        assertThat(outcome).isNotDone();
        assertThat(queued).hasSize(1);
        queued.get(0).run();
        assertThat(summary(outcome.join())).containsExactly("p:delivered", "r:delivered");
    }

    @Test
    void processorOnlyHandlesEventsTheRegistryUpdateSaysToHandle() {
        InMemoryClientRegistry clients = new InMemoryClientRegistry();
        clients.put(Fixtures.client());
        InMemoryEventState state = new InMemoryEventState();
        EventProcessor processor = new EventProcessor(SensuSettings::empty, state, clients,
                new InMemorySilenceRegistry(clock), pipeline(SensuSettings.empty()), clock, Fixtures.ids(), "1.9.0");
        processor.process(Fixtures.result(0));
        processor.process(Fixtures.result(2));
        processor.process(Fixtures.result(0));
        assertThat(delivered).extracting(m -> m.get("action")).containsExactly("create", "resolve");
    }
}
