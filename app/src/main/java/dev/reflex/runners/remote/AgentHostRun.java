package dev.reflex.runners.remote;

import dev.reflex.runners.Cancellation;
import dev.reflex.runners.OutputSink;
import dev.reflex.runners.remote.HostResults.HostResult;
import dev.reflex.runners.shell.ShellResults;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one host's command through the Reflex agent serving it and turns the agent's outcome into the
 * same per-host entry the SSH path gives. The agent enforces the timeout and kills the process tree;
 * the runner waits, without polling, for the agent's answer, and gives up {@link #GRACE} after the
 * timeout (asking the agent to kill the command) so that a silent agent cannot hold an execution
 * forever. Cancellation is handed to the agent, which kills the process tree and answers.
 */
final class AgentHostRun {

    /** How long after the timeout the runner still waits for the agent's answer. */
    static final Duration GRACE = Duration.ofSeconds(30);

    private AgentHostRun() {
    }

    static HostResult run(AgentRoutes routes, String agent, HostAddress host, AgentCommand command,
                          Cancellation cancellation, OutputSink sink) {
        if (cancellation.isCancelled()) {
            return HostResults.canceled(cancellation.reason().orElse("canceled"), "", "", false);
        }
        AgentRoutes.AgentRun run;
        try {
            run = routes.start(agent, command, sink);
        } catch (RuntimeException e) {
            return HostResults.failed(failure(host, agent, e.getMessage()));
        }
        AgentOutcome outcome;
        try (Cancellation.Registration ignored = cancellation.onCancel(
                () -> run.cancel(cancellation.reason().orElse("canceled")))) {
            outcome = await(run, command.timeout(), cancellation);
        }
        return switch (outcome.ending()) {
            case EXITED -> {
                Optional<String> sudoError = command.sudoPassword().isPresent()
                        ? ShellResults.sudoPasswordError(outcome.stderr()) : Optional.empty();
                yield sudoError.map(HostResults::failed).orElseGet(
                        () -> HostResults.finished(outcome.exitStatus(), outcome.stdout(), outcome.stderr(), false));
            }
            case TIMED_OUT -> HostResults.timedOut(command.timeout().toSeconds(), host.host(), outcome.stdout(),
                    outcome.stderr(), false);
            case CANCELED -> HostResults.canceled(cancellation.reason().orElse(outcome.message()), outcome.stdout(),
                    outcome.stderr(), false);
            case REFUSED -> HostResults.failed("Refused by agent " + agent + ": " + outcome.message());
            case FAILED -> HostResults.failed(failure(host, agent, outcome.message()));
        };
    }

    private static String failure(HostAddress host, String agent, String message) {
        return "Failed executing command on host \"" + host.host() + "\" through agent " + agent + ": " + message;
    }

    @SuppressWarnings("try")
    private static AgentOutcome await(AgentRoutes.AgentRun run, Duration timeout, Cancellation cancellation) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (!timeout.isPositive()) {
                        return run.outcome().get();
                    }
                    return run.outcome().get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                    cancellation.cancel("interrupted");
                } catch (ExecutionException e) {
                    return AgentOutcome.failed(String.valueOf(e.getCause()));
                } catch (TimeoutException e) {
                    run.cancel("the agent did not answer in time");
                    return new AgentOutcome(AgentOutcome.Ending.TIMED_OUT, -1, "", "", "no answer from the agent");
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
