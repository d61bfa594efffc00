package dev.reflex.runners;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the execution engine gives a runner besides the request: the cancellation handle, the sink
 * for live output, the clock, and the secrets lookup that resolves key-value references such as
 * {@code kv:ssh_key} (the key-value store plugs in here; values never appear in results or logs).
 *
 * @param cancellation the handle the engine triggers to cancel this execution
 * @param output       receives stdout and stderr lines while the execution runs
 * @param clock        the time source for anything the runner stamps (a mail's date, for example)
 * @param secrets      looks a secret up by name; empty when there is no such secret
 */
public record RunContext(Cancellation cancellation, OutputSink output, Clock clock,
                         Function<String, Optional<String>> secrets) {

    public RunContext {
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(secrets, "secrets");
    }

    /** A context with a fresh cancellation handle, no output sink, the given clock and no secrets. */
    public static RunContext standalone(Clock clock) {
        return new RunContext(new Cancellation(), OutputSink.DISCARD, clock, name -> Optional.empty());
    }

    /** The same context with another output sink. */
    public RunContext withOutput(OutputSink sink) {
        return new RunContext(cancellation, sink, clock, secrets);
    }

    /** The same context with another cancellation handle. */
    public RunContext withCancellation(Cancellation handle) {
        return new RunContext(handle, output, clock, secrets);
    }

    /** The same context with another clock. */
    public RunContext withClock(Clock time) {
        return new RunContext(cancellation, output, time, secrets);
    }

    /** The same context with another secrets lookup. */
    public RunContext withSecrets(Function<String, Optional<String>> lookup) {
        return new RunContext(cancellation, output, clock, lookup);
    }

    /** Names the parts without revealing anything the secrets lookup holds. */
    @Override
    public String toString() {
        return "RunContext[cancelled=" + cancellation.isCancelled() + ", clock=" + clock + "]";
    }
}
