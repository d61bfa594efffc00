package dev.reflex.runners.noop;

import java.time.Clock;
import dev.reflex.runners.Cancellation;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NoopRunnerTest {

    @Test
    void succeedsWithStackStormsResultWhateverTheParameters() {
        RunOutcome outcome = new NoopRunner().run(RunRequest.of("e", "core.noop").withActionParameters(Map.of("x", 1)),
                RunContext.standalone(Clock.systemUTC()));
        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(outcome.result()).containsExactly(Map.entry("failed", false), Map.entry("succeeded", true),
                Map.entry("return_code", 0));
        assertThat(new NoopRunner().type().parameters()).isEmpty();
    }

    @Test
    void alreadyCancelledIsCanceled() {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel("stop");
        assertThat(new NoopRunner().run(RunRequest.of("e", "core.noop"), RunContext.standalone(Clock.systemUTC()).withCancellation(cancellation)))
                .isInstanceOf(RunOutcome.Canceled.class);
    }
}
