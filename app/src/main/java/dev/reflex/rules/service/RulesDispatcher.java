package dev.reflex.rules.service;

import dev.reflex.app.Service;
import dev.reflex.bus.Bus;
import dev.reflex.rules.ExecutionRequestSink;
import dev.reflex.rules.MatchResult;
import dev.reflex.rules.RuleEnforcer;
import dev.reflex.rules.RuleEngine;
import dev.reflex.rules.store.EnforcementQuery;
import dev.reflex.rules.store.EnforcementRepository;
import dev.reflex.rules.store.StoredEnforcement;
import dev.reflex.store.Store;
import dev.reflex.triggers.TriggerInstance;
import dev.reflex.triggers.TriggerInstanceStatus;
import dev.reflex.triggers.pipeline.DurableTriggerEmitter;
import dev.reflex.triggers.pipeline.InstanceProcessor;
import dev.reflex.triggers.store.StoredTriggerInstance;
import dev.reflex.triggers.store.TriggerInstanceRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules engine at work. While it runs, it is the emitter's {@link InstanceProcessor}: a new
 * trigger instance is matched and the matching rules enforced on the thread that emits it, before
 * the instance is stored, and the instance is stored with its outcome (processed, or
 * processing_failed) and its enforcements in one durable write. There is no second write and no
 * hand-off between threads, and a 202 for a webhook means its enforcements are recorded too.
 *
 * <p>Instances that arrive on the bus (re-published at a start after a crash, or stored while the
 * dispatcher was stopped) are processed by its workers: match, enforce, then the enforcements and
 * the instance's new status in one write, queued without waiting so that the store's group commit
 * batches it with others. The stored status goes from pending straight to its outcome; an
 * instance is processing only while a worker holds it.
 *
 * <p>Instances are processed by the emitting threads and by several workers ({@link #DEFAULT_WORKERS}
 * unless told otherwise), so two instances may be processed in either order, as in StackStorm, whose
 * rules engines do not order trigger instances either. The execution sink is therefore called from
 * several threads. An execution a rule requests is queued for its own insert as the rule is
 * enforced, so it is committed in the same batch as the instance or in the one before.
 *
 * <p>At start, instances a crash left pending (or processing, as earlier versions stored it) are
 * dispatched again; rules already enforced for an instance are not enforced twice. At stop,
 * instances not yet taken by a worker stay pending in the store and are dispatched at the next start.
 */
public final class RulesDispatcher implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(RulesDispatcher.class);
    /** Workers by default: one per core, at least two. */
    public static final int DEFAULT_WORKERS = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final int QUEUE_PER_WORKER = 256;
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Store store;
    private final Bus bus;
    private final TriggerInstanceRepository instances;
    private final EnforcementRepository enforcements;
    private final RuleEngine engine;
    private final DurableTriggerEmitter emitter;
    private final RuleEnforcer enforcer;
    private final Map<String, Set<String>> alreadyEnforced = new ConcurrentHashMap<>();
    private final LongAdder processed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final int workerCount;
    private final BlockingQueue<TriggerInstance> queue;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopping;
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
     * @param enforcerOf   builds the enforcer over the sink it is given
     * @param sink         the executions service, or a recording stand-in; called from several threads
     */
    public RulesDispatcher(Store store, Bus bus, TriggerInstanceRepository instances, EnforcementRepository enforcements,
                           RuleEngine engine, DurableTriggerEmitter emitter,
                           java.util.function.Function<ExecutionRequestSink, RuleEnforcer> enforcerOf,
                           ExecutionRequestSink sink) {
        this(store, bus, instances, enforcements, engine, emitter, enforcerOf, sink, DEFAULT_WORKERS);
    }

    /**
     * A dispatcher with {@code workers} workers (1 processes instances one at a time, in bus order).
     *
     * @see #RulesDispatcher(Store, Bus, TriggerInstanceRepository, EnforcementRepository, RuleEngine,
     *      DurableTriggerEmitter, java.util.function.Function, ExecutionRequestSink)
     */
    public RulesDispatcher(Store store, Bus bus, TriggerInstanceRepository instances, EnforcementRepository enforcements,
                           RuleEngine engine, DurableTriggerEmitter emitter,
                           java.util.function.Function<ExecutionRequestSink, RuleEnforcer> enforcerOf,
                           ExecutionRequestSink sink, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("the rules dispatcher needs at least one worker, not " + workers);
        }
        this.workerCount = workers;
        this.queue = new ArrayBlockingQueue<>(workers * QUEUE_PER_WORKER);
        this.store = store;
        this.bus = bus;
        this.instances = instances;
        this.enforcements = enforcements;
        this.engine = engine;
        this.emitter = emitter;
        this.enforcer = enforcerOf.apply(sink);
    }

    @Override
    public String name() {
        return "rules-dispatcher";
    }

    @Override
    public void start() {
        for (int i = 0; i < workerCount; i++) {
            workers.add(Thread.ofVirtual().name("rules-dispatcher-" + i).start(this::work));
        }
        subscription = bus.subscribe(DurableTriggerEmitter.TOPIC, "rules", this::enqueue);
        emitter.processWith(this::evaluate);
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
    public void stop() throws InterruptedException {
        stopping = true;
        emitter.processWith(null);
        if (subscription != null) {
            subscription.close();
        }
        // Workers finish the instance in hand; after STOP_WAIT they are interrupted.
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread w : workers) {
            if (!w.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                LOG.warn("rules dispatcher worker {} did not stop within {}; interrupting it", w.getName(), STOP_WAIT);
                w.interrupt();
            }
        }
        int left = queue.size();
        queue.clear();
        if (left > 0) {
            LOG.info("{} trigger instance(s) not yet processed stay pending and are dispatched at the next start", left);
        }
    }

    /** Hands an instance from the bus to the workers, waiting while they are busy. */
    private void enqueue(TriggerInstance ti) {
        try {
            while (!stopping) {
                if (queue.offer(ti, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            LOG.debug("stopping: trigger instance {} stays pending and is dispatched at the next start", ti.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        while (!stopping) {
            TriggerInstance ti;
            try {
                ti = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (ti == null) {
                continue;
            }
            try {
                process(ti);
            } catch (RuntimeException e) {
                LOG.error("rules dispatcher: trigger instance {} failed unexpectedly; it stays unfinished and is dispatched "
                        + "again at the next start", ti.id(), e);
            }
        }
    }

    /** How many instances were processed, and how many of those failed as a whole. */
    public long[] counts() {
        return new long[] {processed.sum(), failed.sum()};
    }

    /** Processes one trigger instance from the bus and queues the write of its outcome; called by the workers. */
    void process(TriggerInstance ti) {
        InstanceProcessor.Outcome outcome = evaluate(ti);
        store.writeAsync(c -> {
            outcome.rows().apply(c);
            TriggerInstanceRepository.mark(c, ti.id(), outcome.status());
            return null;
        }).exceptionally(t -> {
            LOG.error("recording the outcome of trigger instance {} failed; it stays unfinished and is dispatched again "
                    + "at the next start", ti.id(), t);
            return null;
        });
    }

    /**
     * Matches one instance and enforces the matching rules; returns its outcome and the insert of its
     * enforcements (their JSON made here, so that the store's one writer thread only inserts).
     */
    private InstanceProcessor.Outcome evaluate(TriggerInstance ti) {
        List<EnforcementRepository.Prepared> toStore = new ArrayList<>();
        TriggerInstanceStatus outcome;
        try {
            MatchResult match = engine.match(ti);
            Set<String> skip = alreadyEnforced.remove(ti.id());
            if (skip != null) {
                match = new MatchResult(ti, match.matched().stream().filter(r -> !skip.contains(r.ref())).toList(),
                        match.failures().stream().filter(f -> !skip.contains(f.rule().ref())).toList());
            }
            for (RuleEnforcer.Enforced e : enforcer.enforceAllWithRequests(match)) {
                toStore.add(EnforcementRepository.prepare(e.enforcement(), e.request()));
            }
            outcome = TriggerInstanceStatus.PROCESSED;
        } catch (RuntimeException e) {
            // recorded as failed rather than failing the emit: executions it requested may already run
            LOG.error("processing trigger instance {} of {} failed", ti.id(), ti.trigger().ref(), e);
            toStore.clear();
            outcome = TriggerInstanceStatus.PROCESSING_FAILED;
            failed.increment();
        }
        processed.increment();
        return new InstanceProcessor.Outcome(outcome, c -> {
            for (EnforcementRepository.Prepared e : toStore) {
                EnforcementRepository.insert(c, e);
            }
            return null;
        });
    }
}
