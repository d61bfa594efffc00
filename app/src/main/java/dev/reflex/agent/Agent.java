package dev.reflex.agent;

import dev.reflex.checks.CheckDefinition;
import dev.reflex.checks.CheckSchedule;
import dev.reflex.checks.JsonValues;
import dev.reflex.checks.Redaction;
import dev.reflex.checks.SensuSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running agent: the link to the server, keepalives every 20 seconds, the standalone check
 * schedule, check requests from the server, the remote runners' commands (when the client's
 * {@code allow_remote_commands} allows them, see {@link RemoteCommandPolicy}), the local sockets, and
 * the result buffer in between.
 */
public final class Agent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    /** Seconds between keepalives. */
    public static final int KEEPALIVE_SECONDS = 20;
    /** The version an agent reports (the Sensu level Reflex emulates). */
    public static final String VERSION = "1.9.0";

    private final SensuSettings settings;
    private final Map<String, Object> client;
    private final String name;
    private final Clock clock;
    private final ResultBuffer buffer;
    private final ServerLink link;
    private final CheckRunner runner;
    private final LocalSockets sockets;
    private final RemoteExecutor remote;
    private final ScheduledExecutorService timer;
    private final Set<String> sentThisConnection = ConcurrentHashMap.newKeySet();
    private final Object sendLock = new Object();

    /**
     * @param server  the server's base URL (or agent endpoint)
     * @param apiKey  the API key to present, or null
     * @param dataDir where the result buffer lives
     */
    public Agent(SensuSettings settings, String server, String apiKey, Path dataDir, Clock clock) throws IOException {
        this.settings = settings;
        this.client = AgentSettings.client(settings);
        this.name = String.valueOf(client.get("name"));
        this.clock = clock;
        this.buffer = new ResultBuffer(dataDir.resolve("buffer"), 100_000);
        URI endpoint = ServerLink.endpoint(server);
        this.link = new ServerLink(endpoint, apiKey, this::onConnected, this::received);
        this.runner = new CheckRunner(settings, client, clock, this::publish);
        this.remote = new RemoteExecutor(RemoteCommandPolicy.of(client), m -> link.send(m.toJson()));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("sensu", Map.of("version", VERSION));
        info.put("client", Redaction.redactClient(client));
        this.sockets = new LocalSockets(clock, this::publish, info);
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("agent-timer").daemon(true).factory());
    }

    /** Starts everything; returns once the local sockets are bound. */
    public Agent start() throws IOException {
        Map<String, Object> socket = JsonValues.asMap(client.get("socket"));
        Map<String, Object> httpSocket = JsonValues.asMap(client.get("http_socket"));
        sockets.start(string(socket, "bind", "127.0.0.1"), integer(socket, "port", 3030),
                string(httpSocket, "bind", "127.0.0.1"), integer(httpSocket, "port", 3031));
        link.start();
        timer.scheduleAtFixedRate(this::keepalive, KEEPALIVE_SECONDS, KEEPALIVE_SECONDS, TimeUnit.SECONDS);
        for (CheckDefinition check : settings.checks().values()) {
            if (check.standalone()) {
                scheduleStandalone(check, CheckSchedule.firstDelay(check, name, clock.instant(), clock.getZone()));
            }
        }
        LOG.info("agent {} started: {} buffered result(s) to send, {} standalone check(s)", name, buffer.size(),
                settings.checks().values().stream().filter(CheckDefinition::standalone).count());
        return this;
    }

    private static String string(Map<String, Object> m, String key, String fallback) {
        return m != null && m.get(key) instanceof String s ? s : fallback;
    }

    private static int integer(Map<String, Object> m, String key, int fallback) {
        Integer i = m == null ? null : JsonValues.asInt(m.get(key));
        return i == null ? fallback : i;
    }

    private void scheduleStandalone(CheckDefinition check, java.util.Optional<Duration> delay) {
        if (delay.isEmpty()) {
            LOG.warn("standalone check {} has neither an interval nor a valid cron; not scheduled", check.name());
            return;
        }
        timer.schedule(() -> {
            try {
                if (!CheckSchedule.subdued(check, clock.instant(), clock.getZone())) {
                    runner.submit(CheckSchedule.request(check, clock.instant().getEpochSecond()));
                }
            } finally {
                scheduleStandalone(check, CheckSchedule.nextDelay(check, clock.instant(), clock.getZone()));
            }
        }, Math.max(0, delay.get().toMillis()), TimeUnit.MILLISECONDS);
    }

    private Map<String, Object> keepalivePayload() {
        Map<String, Object> payload = new LinkedHashMap<>(client);
        payload.put("version", VERSION);
        payload.put("timestamp", clock.instant().getEpochSecond());
        return Redaction.redactClient(payload);
    }

    private void keepalive() {
        link.send(new AgentMessage.Keepalive(keepalivePayload()).toJson());
    }

    private void onConnected() {
        sentThisConnection.clear();
        keepalive();
        for (ResultBuffer.Entry e : buffer.pending()) {
            send(e);
        }
    }

    /** Buffers a result durably, then sends it if connected. */
    private void publish(Map<String, Object> check) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("client", name);
        payload.put("check", check);
        if (client.get("signature") instanceof String signature) {
            payload.put("signature", signature);
        }
        ResultBuffer.Entry entry;
        try {
            entry = buffer.append(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot buffer a result", e);
        }
        send(entry);
    }

    private void send(ResultBuffer.Entry e) {
        synchronized (sendLock) {
            if (link.connected() && sentThisConnection.add(e.id())
                    && !link.send(new AgentMessage.Result(e.id(), e.payload()).toJson())) {
                sentThisConnection.remove(e.id());
            }
        }
    }

    private void received(String text) {
        AgentMessage m;
        try {
            m = AgentMessage.parse(text);
        } catch (IllegalArgumentException e) {
            LOG.warn("the server sent a bad message: {}", e.getMessage());
            return;
        }
        switch (m) {
            case AgentMessage.Ack a -> buffer.remove(a.id());
            case AgentMessage.Reject r -> {
                LOG.error("the server rejected result {}: {}", r.id(), r.reason());
                buffer.remove(r.id());
            }
            case AgentMessage.Request r -> runner.submit(r.check());
            case AgentMessage.RemoteRun r -> remote.start(r.id(), r.command());
            case AgentMessage.RemoteCancel c -> remote.cancel(c.id(), c.reason());
            case AgentMessage.Keepalive k -> LOG.debug("unexpected keepalive from the server");
            case AgentMessage.Result r -> LOG.debug("unexpected result from the server");
            case AgentMessage.RemoteOutput o -> LOG.debug("unexpected remote output from the server");
            case AgentMessage.RemoteDone d -> LOG.debug("unexpected remote result from the server");
        }
    }

    /** The local sockets (their ports, when configured as 0). */
    public LocalSockets sockets() {
        return sockets;
    }

    /** The result buffer. */
    public ResultBuffer buffer() {
        return buffer;
    }

    /** Whether the agent is connected to the server now. */
    public boolean connected() {
        return link.connected();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        remote.close();
        sockets.close();
        link.close();
    }
}
