package dev.reflex.sensu;

import dev.reflex.agent.AgentMessage;
import dev.reflex.runners.OutputSink;
import dev.reflex.runners.OutputType;
import dev.reflex.runners.remote.AgentCommand;
import dev.reflex.runners.remote.AgentOutcome;
import dev.reflex.runners.remote.AgentRoutes;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote runners' way to the connected agents ({@link AgentRoutes}): sends a {@code remote_run}
 * with a fresh correlation id to the agent's connection, passes its {@code remote_output} lines to the
 * runner's sink and completes the run on its {@code remote_done}, or with a failure when the agent
 * disconnects first. A cancelled run sends {@code remote_cancel}; the agent still answers.
 */
public final class AgentCommandRelay implements AgentRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AgentCommandRelay.class);

    /** One run waiting for its agent's answer. */
    private record Pending(String agent, String connectionId, OutputSink sink, CompletableFuture<AgentOutcome> outcome) {
    }

    private final AgentHub hub;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    AgentCommandRelay(AgentHub hub) {
        this.hub = hub;
    }

    @Override
    public Optional<String> agentFor(String host) {
        return hub.agentFor(host);
    }

    @Override
    public AgentRun start(String agent, AgentCommand command, OutputSink sink) {
        AgentHub.Connection connection = hub.connectionOf(agent)
                .orElseThrow(() -> new IllegalStateException("agent " + agent + " is not connected"));
        String id = UUID.randomUUID().toString();
        CompletableFuture<AgentOutcome> outcome = new CompletableFuture<>();
        pending.put(id, new Pending(agent, connection.id(), sink, outcome));
        outcome.whenComplete((o, e) -> pending.remove(id));
        LOG.debug("remote command {} of execution {} sent to agent {}", id, command.executionId(), agent);
        connection.send(new AgentMessage.RemoteRun(id, wire(command)).toJson());
        if (!hub.connectionOf(agent).map(c -> c.id().equals(connection.id())).orElse(false)) {
            outcome.complete(AgentOutcome.failed("agent " + agent + " disconnected"));
        }
        return new AgentRun() {
            @Override
            public CompletableFuture<AgentOutcome> outcome() {
                return outcome;
            }

            @Override
            public void cancel(String reason) {
                if (!outcome.isDone()) {
                    connection.send(new AgentMessage.RemoteCancel(id, reason).toJson());
                }
            }
        };
    }

    /** The {@code command} object of a {@code remote_run} message. */
    static Map<String, Object> wire(AgentCommand command) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("execution_id", command.executionId());
        command.command().ifPresent(c -> m.put("cmd", c));
        command.script().ifPresent(s -> {
            Map<String, Object> script = new LinkedHashMap<>();
            script.put("name", s.name());
            script.put("content_base64", Base64.getEncoder().encodeToString(s.content()));
            script.put("arguments", s.arguments());
            script.put("dir", s.dir());
            m.put("script", script);
        });
        m.put("env", command.env());
        m.put("cwd", command.cwd());
        m.put("sudo", command.sudo());
        command.sudoPassword().ifPresent(pw -> m.put("sudo_password", pw));
        m.put("timeout", command.timeout().toSeconds());
        return m;
    }

    /** An output line from an agent. */
    void output(String connectionId, AgentMessage.RemoteOutput o) {
        Pending p = pending.get(o.id());
        if (p != null && p.connectionId().equals(connectionId)) {
            p.sink().line("stderr".equals(o.stream()) ? OutputType.STDERR : OutputType.STDOUT, o.line());
        }
    }

    /** The end of a command from an agent. */
    void done(String connectionId, AgentMessage.RemoteDone d) {
        Pending p = pending.get(d.id());
        if (p == null || !p.connectionId().equals(connectionId)) {
            LOG.debug("a remote result for an unknown command {} was ignored", d.id());
            return;
        }
        AgentOutcome.Ending ending = switch (d.ending()) {
            case "exited" -> AgentOutcome.Ending.EXITED;
            case "timed_out" -> AgentOutcome.Ending.TIMED_OUT;
            case "canceled" -> AgentOutcome.Ending.CANCELED;
            case "refused" -> AgentOutcome.Ending.REFUSED;
            default -> AgentOutcome.Ending.FAILED;
        };
        p.outcome().complete(new AgentOutcome(ending, d.exitStatus(), d.stdout(), d.stderr(), d.message()));
    }

    /** A connection closed: its commands' results will never come. */
    void disconnected(String connectionId) {
        pending.values().stream().filter(p -> p.connectionId().equals(connectionId))
                .forEach(p -> p.outcome().complete(AgentOutcome.failed("agent " + p.agent()
                        + " disconnected before the command ended")));
    }
}
