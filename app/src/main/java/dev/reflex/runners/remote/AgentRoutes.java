package dev.reflex.runners.remote;

import dev.reflex.runners.OutputSink;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The seam through which the remote runners reach hosts that run a connected Reflex agent: find the
 * agent serving a host, and run one command through it. The server's agents' hub implements it (in
 * {@code dev.reflex.sensu}); this package knows nothing of WebSockets or Sensu. Hosts for which
 * {@link #agentFor} finds nothing are reached over SSH.
 */
public interface AgentRoutes {

    /** No agents: every host is reached over SSH. */
    AgentRoutes NONE = new AgentRoutes() {
        @Override
        public Optional<String> agentFor(String host) {
            return Optional.empty();
        }

        @Override
        public AgentRun start(String agent, AgentCommand command, OutputSink sink) {
            throw new IllegalStateException("no agents are connected");
        }
    };

    /**
     * The client name of the connected agent serving {@code host}: the agent whose client name is
     * {@code host}, else one whose client address is {@code host}.
     */
    Optional<String> agentFor(String host);

    /**
     * Sends {@code command} to the agent {@code agent} and returns at once; output lines go to
     * {@code sink} as they arrive, and the outcome completes when the agent reports the end (or
     * with a {@link AgentOutcome.Ending#FAILED} outcome when the agent goes away first).
     */
    AgentRun start(String agent, AgentCommand command, OutputSink sink);

    /** One command under way on an agent. */
    interface AgentRun {
        /** Completes once the command ended, whatever the way; never completes exceptionally. */
        CompletableFuture<AgentOutcome> outcome();

        /** Asks the agent to kill the command's process tree; the outcome then reports {@code CANCELED}. */
        void cancel(String reason);
    }
}
