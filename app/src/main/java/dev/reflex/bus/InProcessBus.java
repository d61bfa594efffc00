package dev.reflex.bus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus inside one process: a bounded queue and a virtual thread per subscriber.
 *
 * <p>Publishing puts the message into every subscriber's queue, blocking while a queue is full.
 * Dropped deliveries are counted per topic and logged at most once per ten seconds per topic, with
 * the count since the last log line.
 */
public final class InProcessBus implements Bus {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessBus.class);
    private static final Topic<String> PROBE = new Topic<>("reflex.bus.probe", String.class, 16);
    private static final Duration DROP_LOG_INTERVAL = Duration.ofSeconds(10);

    private final Clock clock;
    private final Map<String, TopicState> topics = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> probes = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Subscription probeSubscription;

    /** A bus whose drop log is paced by {@code clock}. */
    public InProcessBus(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return "bus";
    }

    @Override
    public void start() {
        running = true;
        probeSubscription = subscribe(PROBE, "bus.check", token -> {
            CompletableFuture<Void> f = probes.remove(token);
            if (f != null) {
                f.complete(null);
            }
        });
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        if (probeSubscription != null) {
            probeSubscription.close();
        }
        for (TopicState t : topics.values()) {
            for (Sub<?> s : t.subs) {
                s.finish();
            }
        }
        for (TopicState t : topics.values()) {
            for (Sub<?> s : t.subs) {
                s.awaitFinished(Duration.ofSeconds(5));
            }
        }
    }

    @Override
    public <T> void publish(Topic<T> topic, T message) throws InterruptedException {
        TopicState state = accept(topic, message);
        for (Sub<?> s : state.subs) {
            s.queue.put(message);
        }
    }

    @Override
    public <T> boolean offer(Topic<T> topic, T message, Duration maxWait) {
        TopicState state = accept(topic, message);
        boolean all = true;
        long deadline = System.nanoTime() + maxWait.toNanos();
        for (Sub<?> s : state.subs) {
            boolean taken;
            try {
                taken = s.queue.offer(message, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                taken = false;
            }
            if (!taken) {
                all = false;
                state.dropped(s.name, clock.instant());
            }
        }
        return all;
    }

    private TopicState accept(Topic<?> topic, Object message) {
        if (!running) {
            throw new IllegalStateException("the bus is not running; cannot publish on " + topic.name());
        }
        if (!topic.type().isInstance(message)) {
            throw new IllegalArgumentException("topic " + topic.name() + " carries " + topic.type().getName()
                    + ", not " + (message == null ? "null" : message.getClass().getName()));
        }
        TopicState state = state(topic);
        state.published.increment();
        return state;
    }

    @Override
    public <T> Subscription subscribe(Topic<T> topic, String subscriber, Consumer<? super T> handler) {
        TopicState state = state(topic);
        Sub<T> sub = new Sub<>(topic, subscriber, handler, state);
        state.subs.add(sub);
        sub.thread = Thread.ofVirtual().name("bus-" + topic.name() + "-" + subscriber).start(sub::loop);
        return () -> {
            state.subs.remove(sub);
            sub.finish();
        };
    }

    private TopicState state(Topic<?> topic) {
        TopicState state = topics.computeIfAbsent(topic.name(), n -> new TopicState(topic));
        if (state.topic.type() != topic.type()) {
            throw new IllegalArgumentException("topic " + topic.name() + " is already declared with type "
                    + state.topic.type().getName());
        }
        return state;
    }

    @Override
    public BusStats stats() {
        Map<String, BusStats.TopicStats> out = new HashMap<>();
        topics.forEach((name, t) -> {
            long waiting = 0;
            for (Sub<?> s : t.subs) {
                waiting += s.queue.size();
            }
            out.put(name, new BusStats.TopicStats(t.published.sum(), t.delivered.sum(), t.droppedTotal.sum(),
                    t.failed.sum(), waiting));
        });
        return new BusStats(out);
    }

    @Override
    public void check() {
        String token = UUID.randomUUID().toString();
        CompletableFuture<Void> f = new CompletableFuture<>();
        probes.put(token, f);
        try {
            if (!offer(PROBE, token, Duration.ofMillis(200))) {
                throw new IllegalStateException("the bus probe topic is full");
            }
            f.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a probe message was not delivered within 1 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the bus", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the bus probe failed", e.getCause());
        } finally {
            probes.remove(token);
        }
    }

    /** Counters and subscribers of one topic. */
    private static final class TopicState {
        final Topic<?> topic;
        final List<Sub<?>> subs = new CopyOnWriteArrayList<>();
        final LongAdder published = new LongAdder();
        final LongAdder delivered = new LongAdder();
        final LongAdder droppedTotal = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder droppedSinceLog = new LongAdder();
        final AtomicReference<Instant> lastDropLog = new AtomicReference<>(Instant.MIN);

        TopicState(Topic<?> topic) {
            this.topic = topic;
        }

        void dropped(String subscriber, Instant now) {
            droppedTotal.increment();
            droppedSinceLog.increment();
            Instant last = lastDropLog.get();
            if (Duration.between(last, now).compareTo(DROP_LOG_INTERVAL) >= 0 && lastDropLog.compareAndSet(last, now)) {
                LOG.warn("bus topic {}: dropped {} message(s) since the last report because subscriber {} stayed full"
                        + " (capacity {}); {} dropped in all", topic.name(), droppedSinceLog.sumThenReset(), subscriber,
                        topic.capacity(), droppedTotal.sum());
            }
        }
    }

    /** One subscriber: its queue and the loop that drains it. */
    private static final class Sub<T> {
        private static final Object END = new Object();
        final Topic<T> topic;
        final String name;
        final Consumer<? super T> handler;
        final TopicState state;
        final BlockingQueue<Object> queue;
        final CompletableFuture<Void> finished = new CompletableFuture<>();
        volatile Thread thread;

        Sub(Topic<T> topic, String name, Consumer<? super T> handler, TopicState state) {
            this.topic = topic;
            this.name = name;
            this.handler = handler;
            this.state = state;
            this.queue = new ArrayBlockingQueue<>(topic.capacity());
        }

        void loop() {
            try {
                while (true) {
                    Object m = queue.take();
                    if (m == END) {
                        return;
                    }
                    try {
                        handler.accept(topic.type().cast(m));
                        state.delivered.increment();
                    } catch (RuntimeException e) {
                        state.failed.increment();
                        LOG.error("bus topic {}: subscriber {} failed on a message", topic.name(), name, e);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                finished.complete(null);
            }
        }

        /** Lets the subscriber finish what is queued, then end. */
        void finish() {
            Thread.ofVirtual().start(() -> {
                try {
                    queue.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        void awaitFinished(Duration max) throws InterruptedException {
            try {
                finished.get(max.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.warn("bus topic {}: subscriber {} did not finish within {}; interrupting", topic.name(), name, max);
                Thread t = thread;
                if (t != null) {
                    t.interrupt();
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
