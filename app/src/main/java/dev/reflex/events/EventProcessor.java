package dev.reflex.events;

import dev.reflex.checks.CheckDefinition;
import dev.reflex.checks.CheckResult;
import dev.reflex.checks.JsonValues;
import dev.reflex.checks.OutputTruncation;
import dev.reflex.checks.SensuSettings;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Turns check results into events, to the letter of Sensu Core 1.x's server.
 *
 * <ol>
 *   <li>The client is {@code check.source} or the reporting client; unknown ones become proxy
 *       clients, and a signature mismatch drops the result.</li>
 *   <li>A result that is not {@code standalone} is merged over the local definition of the same
 *       name (result attributes win); {@code type} defaults to {@code standard}; a result with a
 *       {@code source} records its {@code origin}; a proxy client's result keeps the defined command.</li>
 *   <li>Aggregates get the pair as a member.</li>
 *   <li>The result is stored (output truncated for metric checks), its status appended to the
 *       history (21 kept), {@code last_ok} set on OK, the pair added to the TTL set if it has a ttl.</li>
 *   <li>The event is built ({@link EventFactory}) and silencing decided.</li>
 *   <li>The registry: a non-OK status, or flapping without {@code force_resolve}, stores the event;
 *       a resolve (unless {@code auto_resolve} is false and {@code force_resolve} is not set), or
 *       flapping with {@code force_resolve}, deletes it; an OK metric result changes nothing; in these
 *       three cases the event is handled. Otherwise nothing happens at all.</li>
 * </ol>
 *
 * <p>Calls for the same client/check pair must not overlap (use {@link EventEngine}, which orders
 * them per pair); calls for different pairs may run in parallel.
 */
public final class EventProcessor {

    private final Supplier<SensuSettings> settings;
    private final EventState state;
    private final ClientRegistrar clients;
    private final EventFactory events;
    private final EventHandling handling;
    private final Clock clock;

    /**
     * @param settings the current definitions (read once per result, so reloads apply to the next one)
     * @param ids      the source of new event ids ({@link EventIds#fast()} in production)
     * @param version  the version written into proxy clients
     */
    public EventProcessor(Supplier<SensuSettings> settings, EventState state, ClientRegistry clientRegistry,
            SilenceRegistry silences, EventHandling handling, Clock clock, Supplier<String> ids, String version) {
        this.settings = settings;
        this.state = state;
        this.events = new EventFactory(state, silences, clock, ids);
        this.handling = handling;
        this.clock = clock;
        this.clients = new ClientRegistrar(settings, clientRegistry, events, handling, clock, version);
    }

    /** The client registry's rules, for keepalive intake and the API. */
    public ClientRegistrar clients() {
        return clients;
    }

    /** The state this processor works on. */
    public EventState state() {
        return state;
    }

    /** Processes one check result. */
    public ProcessResult process(CheckResult result) {
        if (result.name() == null) {
            return new ProcessResult.Discarded(result, "the check has no name");
        }
        Optional<Map<String, Object>> client = clients.retrieve(result);
        if (client.isEmpty()) {
            return new ProcessResult.Discarded(result, "the result's signature does not match its client's");
        }
        SensuSettings s = settings.get();
        Map<String, Object> check = merge(s, result, client.get());
        Integer status = JsonValues.asInt(check.get("status"));
        if (status == null) {
            return new ProcessResult.Discarded(result, "the check status is not an integer");
        }
        ResultKey key = new ResultKey(String.valueOf(client.get().get("name")), result.name());
        for (String aggregate : CheckDefinition.aggregateNames(result.name(), check)) {
            state.addAggregateMember(aggregate, key);
        }
        Long okAt = null;
        if (status == 0) {
            Long executed = JsonValues.asLong(check.get("executed"));
            okAt = executed != null ? executed : clock.instant().getEpochSecond();
        }
        StatusHistory history = state.recordResult(key, OutputTruncation.apply(check), status,
                okAt, JsonValues.truthy(check.get("ttl")));
        Event event = events.create(client.get(), check, history);
        ProcessResult.RegistryChange change = updateRegistry(event);
        CompletableFuture<List<HandlingOutcome>> outcomes = change.handled()
                ? handling.handle(event)
                : CompletableFuture.completedFuture(List.of());
        return new ProcessResult.Processed(event, change, outcomes);
    }

    private static Map<String, Object> merge(SensuSettings s, CheckResult result, Map<String, Object> client) {
        Optional<CheckDefinition> definition = s.check(result.name());
        Map<String, Object> check;
        if (definition.isPresent() && !JsonValues.truthy(result.check().get("standalone"))) {
            check = new LinkedHashMap<>(definition.get().attributes());
            check.putAll(result.check());
        } else {
            check = new LinkedHashMap<>(result.check());
        }
        if (check.get("type") == null) {
            check.put("type", "standard");
        }
        if (JsonValues.truthy(check.get("source"))) {
            check.put("origin", result.client());
        }
        if (definition.isPresent() && "proxy".equals(client.get("type"))) {
            check.put("command", definition.get().attributes().get("command"));
        }
        return check;
    }

    private ProcessResult.RegistryChange updateRegistry(Event event) {
        Map<String, Object> check = event.check();
        Object forceResolve = check.get("force_resolve");
        boolean forced = Boolean.TRUE.equals(forceResolve);
        if (event.status() != 0 || (event.action() == EventAction.FLAPPING && !forced)) {
            state.putEvent(event);
            return ProcessResult.RegistryChange.STORED;
        }
        boolean resolves = event.action() == EventAction.RESOLVE
                && (!Boolean.FALSE.equals(check.get("auto_resolve")) || JsonValues.truthy(forceResolve));
        if (resolves || (event.action() == EventAction.FLAPPING && JsonValues.truthy(forceResolve))) {
            state.deleteEvent(event.key());
            return ProcessResult.RegistryChange.DELETED;
        }
        if ("metric".equals(check.get("type"))) {
            return ProcessResult.RegistryChange.METRIC;
        }
        return ProcessResult.RegistryChange.NONE;
    }
}
