package dev.reflex.events;

import dev.reflex.checks.HandlerDefinition;
import dev.reflex.checks.MutatorDefinition;
import dev.reflex.checks.RubyText;
import dev.reflex.checks.SensuSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns the event into the data a handler receives: the handler's {@code mutator}, or {@code json}.
 * A settings mutator of that name runs first (a pipe command reading the event JSON on stdin; its
 * output is the data, a non-zero exit drops the event for that handler); else a built-in:
 * {@code json}, {@code only_check_output}, {@code ruby_hash}. An unknown name drops the event.
 */
public final class MutatorStage {

    /** The built-in mutator names. */
    public static final java.util.Set<String> BUILTINS = java.util.Set.of("json", "only_check_output", "ruby_hash");

    private final Supplier<SensuSettings> settings;
    private final CommandRunner runner;

    /** A stage running pipe mutators through {@code runner}. */
    public MutatorStage(Supplier<SensuSettings> settings, CommandRunner runner) {
        this.settings = settings;
        this.runner = runner;
    }

    /** A mutation's outcome. */
    public sealed interface Result permits Mutated, Failed {
    }

    /** The data for the handler. */
    public record Mutated(EventData data) implements Result {
    }

    /**
     * The mutation failed; the handler is skipped.
     *
     * @param mutator the mutator's name
     * @param reason  why
     */
    public record Failed(String mutator, String reason) implements Result {
    }

    /** The mutator name a handler uses. */
    public static String mutatorName(HandlerDefinition handler) {
        return handler.mutator() == null ? "json" : handler.mutator();
    }

    /** True when mutating for this handler runs a command (and so may block). */
    public boolean runsCommand(HandlerDefinition handler) {
        return settings.get().mutator(mutatorName(handler)).isPresent();
    }

    /** Mutates the event (given as its Sensu JSON) for the handler. */
    public Result mutate(HandlerDefinition handler, Map<String, Object> json) {
        String name = mutatorName(handler);
        Optional<MutatorDefinition> pipe = settings.get().mutator(name);
        if (pipe.isPresent()) {
            MutatorDefinition m = pipe.get();
            byte[] input = EventData.ofObject(json).bytes();
            Duration timeout = m.timeout() == null ? null : Duration.ofMillis(Math.round(m.timeout() * 1000));
            CommandRunner.Outcome outcome = runner.run(m.command(), input, timeout);
            if (outcome.status() != 0) {
                return new Failed(name, "the mutator exited with status " + outcome.status() + ": " + outcome.text().strip());
            }
            return new Mutated(EventData.ofBytes(outcome.output()));
        }
        return switch (name) {
            case "json" -> new Mutated(EventData.ofObject(json));
            case "only_check_output" -> {
                Object output = json.get("check") instanceof Map<?, ?> check ? check.get("output") : null;
                yield new Mutated(EventData.ofBytes(RubyText.toS(output).getBytes(StandardCharsets.UTF_8)));
            }
            case "ruby_hash" -> new Mutated(EventData.ofBytes(RubyText.inspect(json).getBytes(StandardCharsets.UTF_8)));
            default -> new Failed(name, "unknown mutator " + name);
        };
    }
}
