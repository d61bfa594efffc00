package dev.reflex.events;

import dev.reflex.checks.HandlerDefinition;
import dev.reflex.checks.SensuSettings;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sensu's filter → mutate → handle chain, as a pipeline of small stages run for each handler of an
 * event ({@link HandlerResolver}):
 *
 * <ol>
 *   <li>filter stages, in order; the first {@link FilterStage.Drop} ends the chain for that handler
 *       (Sensu's order: {@code handle: false}, flapping, severities, silenced, named filters);</li>
 *   <li>the {@link MutatorStage};</li>
 *   <li>{@link HandlerDelivery}.</li>
 * </ol>
 *
 * <p>Filtering runs on the caller's thread. Mutation and delivery run on the caller's thread too
 * when they cannot block (a reflex handler with a built-in mutator), otherwise on the executor (for
 * example virtual threads), so that a slow pipe handler never holds up event processing.
 */
public final class HandlerPipeline implements EventHandling {

    private final Supplier<SensuSettings> settings;
    private final List<FilterStage> stages;
    private final MutatorStage mutators;
    private final HandlerDelivery delivery;
    private final Executor executor;

    /**
     * @param stages   the filter stages, in order
     * @param executor where blocking mutation and delivery run
     */
    public HandlerPipeline(Supplier<SensuSettings> settings, List<FilterStage> stages, MutatorStage mutators,
            HandlerDelivery delivery, Executor executor) {
        this.settings = settings;
        this.stages = List.copyOf(stages);
        this.mutators = mutators;
        this.delivery = delivery;
        this.executor = executor;
    }

    /** A builder with Sensu's stages and defaults. */
    public static Builder builder(Supplier<SensuSettings> settings, EventState state) {
        return new Builder(settings, state);
    }

    /** The handlers an event goes to. */
    public List<HandlerDefinition> handlersFor(Event event) {
        return HandlerResolver.resolve(event.check(), settings.get());
    }

    @Override
    public CompletableFuture<List<HandlingOutcome>> handle(Event event) {
        List<HandlerDefinition> handlers = handlersFor(event);
        if (handlers.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        Map<String, Object> json = event.toSensuMap();
        List<CompletableFuture<HandlingOutcome>> outcomes = new ArrayList<>(handlers.size());
        for (HandlerDefinition handler : handlers) {
            outcomes.add(handleOne(handler, event, json));
        }
        if (outcomes.size() == 1) {
            return outcomes.get(0).thenApply(List::of);
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(v -> outcomes.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<HandlingOutcome> handleOne(HandlerDefinition handler, Event event, Map<String, Object> json) {
        for (FilterStage stage : stages) {
            if (stage.evaluate(handler, event, json) instanceof FilterStage.Drop drop) {
                return CompletableFuture.completedFuture(
                        new HandlingOutcome.Filtered(handler.name(), drop.stage(), drop.reason()));
            }
        }
        if (!HandlerDelivery.blocks(handler) && !mutators.runsCommand(handler)) {
            return CompletableFuture.completedFuture(mutateAndDeliver(handler, json));
        }
        return CompletableFuture.supplyAsync(() -> mutateAndDeliver(handler, json), executor);
    }

    private HandlingOutcome mutateAndDeliver(HandlerDefinition handler, Map<String, Object> json) {
        return switch (mutators.mutate(handler, json)) {
            case MutatorStage.Failed f -> new HandlingOutcome.MutatorFailed(handler.name(), f.mutator(), f.reason());
            case MutatorStage.Mutated m -> delivery.deliver(handler, m.data());
        };
    }

    /** Builds a {@link HandlerPipeline}; every part has a default except the settings and state. */
    public static final class Builder {
        private final Supplier<SensuSettings> settings;
        private final EventState state;
        private Clock clock;
        private ZoneId zone = ZoneId.systemDefault();
        private CommandRunner runner;
        private TransportPublisher transport = TransportPublisher.none();
        private Consumer<Map<String, Object>> reflexSink = event -> { };
        private Executor executor = command -> Thread.ofVirtual().name("handler").start(command);
        private List<FilterStage> extraStages = List.of();

        private Builder(Supplier<SensuSettings> settings, EventState state) {
            this.settings = Objects.requireNonNull(settings);
            this.state = Objects.requireNonNull(state);
        }

        /** The clock {@code Time.now} and {@code when} windows use. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The local zone for {@code when} windows and {@code Time.at}. */
        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        /** Runs pipe handlers and mutators (default: {@code /bin/sh -c}, spawn limit from the settings). */
        public Builder commandRunner(CommandRunner runner) {
            this.runner = runner;
            return this;
        }

        /** Publishes for transport handlers (default: none, they fail). */
        public Builder transport(TransportPublisher transport) {
            this.transport = transport;
            return this;
        }

        /** Receives the event JSON for reflex handlers (default: discards). */
        public Builder reflexSink(Consumer<Map<String, Object>> sink) {
            this.reflexSink = sink;
            return this;
        }

        /** Where blocking mutation and delivery run (default: a new virtual thread each). */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Stages run after Sensu's (for features Sensu lacks). */
        public Builder extraStages(List<FilterStage> stages) {
            this.extraStages = List.copyOf(stages);
            return this;
        }

        /** The pipeline. */
        public HandlerPipeline build() {
            Objects.requireNonNull(clock, "clock: the pipeline reads time only from an injected Clock");
            CommandRunner r = runner != null ? runner : new ShellCommandRunner(settings.get().spawnLimit());
            List<FilterStage> stages = new ArrayList<>(FilterStages.sensuDefaults());
            stages.add(new NamedFilterStage(settings, NamedFilterStage.sensuBuiltins(state), clock, zone));
            stages.addAll(extraStages);
            return new HandlerPipeline(settings, stages, new MutatorStage(settings, r),
                    new HandlerDelivery(r, transport, reflexSink), executor);
        }
    }
}
