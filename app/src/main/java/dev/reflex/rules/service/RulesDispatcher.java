package dev.reflex.rules.service;

import dev.reflex.app.Service;
import dev.reflex.bus.Bus;
import dev.reflex.rules.ExecutionRequest;
import dev.reflex.rules.ExecutionRequestSink;
import dev.reflex.rules.MatchResult;
import dev.reflex.rules.RuleEnforcement;
import dev.reflex.rules.RuleEnforcer;
import dev.reflex.rules.RuleEngine;
import dev.reflex.rules.store.EnforcementQuery;
import dev.reflex.rules.store.EnforcementRepository;
import dev.reflex.rules.store.StoredEnforcement;
import dev.reflex.store.Store;
import dev.reflex.triggers.TriggerInstance;
import dev.reflex.triggers.TriggerInstanceStatus;
import dev.reflex.triggers.pipeline.DurableTriggerEmitter;
import dev.reflex.triggers.store.StoredTriggerInstance;
import dev.reflex.triggers.store.TriggerInstanceRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules engine at work: takes each durable trigger instance from the bus, marks it processing,
 * matches it, enforces every matching rule, then stores the enforcements and marks the instance
 * processed (or processing_failed) in one write. Writes are queued without waiting, so the store's
 * group commit batches them; per instance they commit in order.
 *
 * <p>At start, instances a crash left pending or processing are dispatched again; for one that was
 * processing, rules already enforced for it are not enforced twice.
 */
public final class RulesDispatcher implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(RulesDispatcher.class);

    private final Store store;
    private final Bus bus;
    private final TriggerInstanceRepository instances;
    private final EnforcementRepository enforcements;
    private final RuleEngine engine;
    private final DurableTriggerEmitter emitter;
    private final RuleEnforcer enforcer;
    private final ThreadLocal<Map<String, ExecutionRequest>> requests = ThreadLocal.withInitial(HashMap::new);
    private final Map<String, Set<String>> alreadyEnforced = new ConcurrentHashMap<>();
    private final LongAdder processed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private Bus.Subscription subscription;

    /**
     * A dispatcher.
     *
     * @param store        the store enforcements and statuses are written to
     * @param bus          where durable instances arrive
     * @param instances    the trigger instance repository
     * @param enforcements the enforcement repository
     * @param engine       the rules engine
     * @param emitter      republishes recovered instances
     * @param enforcerOf   builds the enforcer over the sink it is given (the dispatcher records each request)
     * @param sink         the executions service, or a recording stand-in
     */
    public RulesDispatcher(Store store, Bus bus, TriggerInstanceRepository instances, EnforcementRepository enforcements,
                           RuleEngine engine, DurableTriggerEmitter emitter,
                           java.util.function.Function<ExecutionRequestSink, RuleEnforcer> enforcerOf,
                           ExecutionRequestSink sink) {
        this.store = store;
        this.bus = bus;
        this.instances = instances;
        this.enforcements = enforcements;
        this.engine = engine;
        this.emitter = emitter;
        this.enforcer = enforcerOf.apply(new ExecutionRequestSink() {
            @Override
            public String submit(ExecutionRequest request) {
                requests.get().put(request.ruleRef(), request);
                return sink.submit(request);
            }

            @Override
            public String rejected(ExecutionRequest request, String error) {
                requests.get().put(request.ruleRef(), request);
                return sink.rejected(request, error);
            }
        });
    }

    @Override
    public String name() {
        return "rules-dispatcher";
    }

    @Override
    public void start() {
        subscription = bus.subscribe(DurableTriggerEmitter.TOPIC, "rules", this::process);
        List<StoredTriggerInstance> unfinished = instances.unfinished();
        for (StoredTriggerInstance s : unfinished) {
            TriggerInstance ti = s.instance();
            if (ti.status() == TriggerInstanceStatus.PROCESSING) {
                Set<String> done = enforcements.list(EnforcementQuery.forInstance(ti.id())).stream()
                        .map(StoredEnforcement::ruleRef).collect(Collectors.toSet());
                if (!done.isEmpty()) {
                    alreadyEnforced.put(ti.id(), done);
                }
            }
            emitter.publish(ti.withStatus(TriggerInstanceStatus.PENDING));
        }
        if (!unfinished.isEmpty()) {
            LOG.info("{} trigger instance(s) left unfinished by the last run dispatched again", unfinished.size());
        }
    }

    @Override
    public void stop() {
        if (subscription != null) {
            subscription.close();
        }
    }

    /** How many instances were processed, and how many of those failed as a whole. */
    public long[] counts() {
        return new long[] {processed.sum(), failed.sum()};
    }

    /** Processes one trigger instance; called by the bus, one at a time. */
    void process(TriggerInstance ti) {
        instances.markAsync(ti.id(), TriggerInstanceStatus.PROCESSING);
        Map<String, ExecutionRequest> made = requests.get();
        made.clear();
        List<RuleEnforcement> done;
        TriggerInstanceStatus outcome;
        try {
            MatchResult match = engine.match(ti);
            Set<String> skip = alreadyEnforced.remove(ti.id());
            if (skip != null) {
                match = new MatchResult(ti, match.matched().stream().filter(r -> !skip.contains(r.ref())).toList(),
                        match.failures().stream().filter(f -> !skip.contains(f.rule().ref())).toList());
            }
            done = enforcer.enforceAll(match);
            outcome = TriggerInstanceStatus.PROCESSED;
        } catch (RuntimeException e) {
            LOG.error("processing trigger instance {} of {} failed", ti.id(), ti.trigger().ref(), e);
            done = List.of();
            outcome = TriggerInstanceStatus.PROCESSING_FAILED;
            failed.increment();
        }
        List<RuleEnforcement> toStore = new ArrayList<>(done);
        Map<String, ExecutionRequest> byRule = new HashMap<>(made);
        TriggerInstanceStatus status = outcome;
        store.writeAsync(c -> {
            for (RuleEnforcement e : toStore) {
                EnforcementRepository.insert(c, e, byRule.get(e.ruleRef()));
            }
            TriggerInstanceRepository.mark(c, ti.id(), status);
            return null;
        }).exceptionally(t -> {
            LOG.error("recording the outcome of trigger instance {} failed; it stays unfinished and is dispatched again "
                    + "at the next start", ti.id(), t);
            return null;
        });
        processed.increment();
    }
}
