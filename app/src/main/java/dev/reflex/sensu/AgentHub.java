package dev.reflex.sensu;

import dev.reflex.agent.AgentMessage;
import dev.reflex.checks.CheckResult;
import dev.reflex.checks.CheckSchedule;
import dev.reflex.checks.JsonValues;
import dev.reflex.events.EventEngine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents connected over WebSockets: takes their keepalives and results into the engine
 * (acknowledging each result once it is durable) and delivers check requests to the agents subscribed
 * to a subscription: every one of them, or one in turn for {@code roundrobin:}/{@code direct:}. It
 * also carries the remote runners' commands to the agents and their answers back
 * ({@link AgentCommandRelay}).
 *
 * <p>It knows connections only through {@link Connection}, so the transport (Javalin's WebSocket
 * endpoint, see {@link SensuService#webSocket}) stays outside.
 */
public final class AgentHub {

    private static final Logger LOG = LoggerFactory.getLogger(AgentHub.class);
    /** Where acknowledgements are sent from: a virtual thread each. */
    private static final java.util.concurrent.Executor ACKS = task -> Thread.ofVirtual().name("agent-ack").start(task);

    /** One agent's connection. */
    public interface Connection {
        /** A stable identifier of the connection. */
        String id();

        /** Sends one text frame; must be safe to call from several threads. */
        void send(String text);

        /** Closes the connection, so that the agent reconnects and sends its unacknowledged results again. */
        void close(String reason);
    }

    /** What is known about a connected agent: its client name and subscriptions, once it sent a keepalive. */
    private static final class Session {
        final Connection connection;
        volatile String client;
        volatile String address;
        volatile List<String> subscriptions = List.of();

        Session(Connection connection) {
            this.connection = connection;
        }
    }

    private final Supplier<EventEngine> engine;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AgentCommandRelay commands = new AgentCommandRelay(this);

    /** A hub feeding {@code engine} (looked up per message, as it exists only once the service started). */
    public AgentHub(Supplier<EventEngine> engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** An agent connected. */
    public void opened(Connection c) {
        sessions.put(c.id(), new Session(c));
    }

    /** An agent disconnected. */
    public void closed(Connection c) {
        Session s = sessions.remove(c.id());
        if (s != null && s.client != null) {
            LOG.info("agent {} disconnected", s.client);
        }
        commands.disconnected(c.id());
    }

    /** Handles one frame from an agent; a bad frame is logged and answered, never fatal. */
    public void received(Connection c, String text) {
        Session s = sessions.computeIfAbsent(c.id(), id -> new Session(c));
        AgentMessage message;
        try {
            message = AgentMessage.parse(text);
        } catch (IllegalArgumentException e) {
            LOG.warn("agent {} sent a bad message: {}", s.client, e.getMessage());
            return;
        }
        switch (message) {
            case AgentMessage.Keepalive k -> keepalive(s, k.client());
            case AgentMessage.Result r -> result(s, r);
            case AgentMessage.Ack a -> LOG.debug("unexpected ack from agent {}", s.client);
            case AgentMessage.Reject r -> LOG.debug("unexpected reject from agent {}", s.client);
            case AgentMessage.Request r -> LOG.debug("unexpected request from agent {}", s.client);
            case AgentMessage.RemoteOutput o -> commands.output(c.id(), o);
            case AgentMessage.RemoteDone d -> commands.done(c.id(), d);
            case AgentMessage.RemoteRun r -> LOG.debug("unexpected remote command from agent {}", s.client);
            case AgentMessage.RemoteCancel r -> LOG.debug("unexpected remote cancel from agent {}", s.client);
        }
    }

    private void keepalive(Session s, Map<String, Object> client) {
        if (!(client.get("name") instanceof String name) || name.isEmpty()) {
            LOG.warn("a keepalive without a client name was ignored");
            return;
        }
        if (s.client == null) {
            LOG.info("agent {} connected", name);
        }
        s.client = name;
        s.address = client.get("address") instanceof String a ? a : null;
        List<String> subs = new ArrayList<>();
        List<Object> declared = JsonValues.asList(client.get("subscriptions"));
        if (declared != null) {
            declared.forEach(o -> subs.add(String.valueOf(o)));
        }
        subs.add("client:" + name);
        s.subscriptions = List.copyOf(subs);
        engine.get().keepaliveDurably(client).exceptionally(e -> {
            LOG.error("the keepalive of {} could not be stored", name, e);
            return false;
        });
    }

    private void result(Session s, AgentMessage.Result r) {
        CheckResult result;
        try {
            CheckResult raw = CheckResult.fromPayload(r.result());
            Map<String, Object> check = CheckResult.accept(raw.check(), clock, "<agent result>");
            result = new CheckResult(raw.client(), check, raw.signature());
        } catch (IllegalArgumentException e) {
            rejected.incrementAndGet();
            LOG.warn("agent {} sent an invalid result: {}", s.client, e.getMessage());
            s.connection.send(new AgentMessage.Reject(r.id(), e.getMessage()).toJson());
            return;
        }
        // The acknowledgement is written to the socket on a virtual thread of its own, not on the thread
        // that completes the commit (the store's completer): a slow socket must never hold up every other
        // write's completion.
        engine.get().submit(result).whenCompleteAsync((processed, error) -> {
            if (error != null) {
                LOG.error("a result from {} could not be stored; closing the connection so the agent sends it again",
                        s.client, error);
                s.connection.close("result not stored");
            } else {
                accepted.incrementAndGet();
                s.connection.send(new AgentMessage.Ack(r.id()).toJson());
            }
        }, ACKS);
    }

    /**
     * Delivers a check request to the agents of {@code subscription}: all of them, or the next one in
     * turn for a {@code roundrobin:}/{@code direct:} subscription.
     *
     * @return how many agents it was sent to
     */
    public int publish(String subscription, Map<String, Object> check) {
        List<Session> targets = new ArrayList<>();
        for (Session s : sessions.values()) {
            if (s.client != null && s.subscriptions.contains(subscription)) {
                targets.add(s);
            }
        }
        if (targets.isEmpty()) {
            return 0;
        }
        String frame = new AgentMessage.Request(check).toJson();
        if (CheckSchedule.singleConsumer(subscription)) {
            targets.sort((a, b) -> a.client.compareTo(b.client));
            long turn = turns.computeIfAbsent(subscription, k -> new AtomicLong()).getAndIncrement();
            targets.get((int) Math.floorMod(turn, targets.size())).connection.send(frame);
            return 1;
        }
        targets.forEach(t -> t.connection.send(frame));
        return targets.size();
    }

    /** The remote runners' way to the connected agents. */
    public AgentCommandRelay commands() {
        return commands;
    }

    /**
     * The connected agent serving {@code host}: the one whose client name is {@code host}, else the
     * first by name whose client address is {@code host}.
     */
    public java.util.Optional<String> agentFor(String host) {
        List<Session> registered = sessions.values().stream().filter(s -> s.client != null)
                .sorted((a, b) -> a.client.compareTo(b.client)).toList();
        return registered.stream().filter(s -> s.client.equals(host)).findFirst()
                .or(() -> registered.stream().filter(s -> host.equals(s.address)).findFirst())
                .map(s -> s.client);
    }

    /** The connection of the connected agent named {@code client} (any one of them if it is connected twice). */
    java.util.Optional<Connection> connectionOf(String client) {
        return sessions.values().stream().filter(s -> client.equals(s.client)).map(s -> s.connection).findFirst();
    }

    /** The names of the connected (registered) agents, sorted. */
    public List<String> connectedClients() {
        return sessions.values().stream().map(s -> s.client).filter(n -> n != null).sorted().toList();
    }

    /** How many results were acknowledged and rejected so far. */
    public long[] counters() {
        return new long[] {accepted.get(), rejected.get()};
    }
}
