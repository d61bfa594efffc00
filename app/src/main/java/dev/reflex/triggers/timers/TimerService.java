package dev.reflex.triggers.timers;

import dev.reflex.app.Service;
import dev.reflex.rules.Rule;
import dev.reflex.rules.service.RuleSetListener;
import dev.reflex.triggers.Trigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the timers of the enabled rules. {@link #tick()} fires every timer that is due by the
 * injected clock, if this node holds the {@code timers} lease; the service's thread calls it about
 * every second (tests call it after moving a test clock). Each firing emits
 * {@code {executed_at, schedule}} with the trace tag {@code <type name>-<trigger name>}.
 */
public final class TimerService implements Service, RuleSetListener {

    private static final Logger LOG = LoggerFactory.getLogger(TimerService.class);
    private static final DateTimeFormatter EXECUTED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    /** Emits one timer occurrence; the trigger emitter in the server. */
    @FunctionalInterface
    public interface Emit {
        /** Emits a trigger instance. */
        void emit(Trigger trigger, Map<String, Object> payload, String traceTag);
    }

    private record Scheduled(Trigger trigger, TimerSpec spec, Instant next) {
    }

    private final Emit emitter;
    private final Lease lease;
    private final Clock clock;
    private final boolean background;
    private final Map<String, Scheduled> timers = new LinkedHashMap<>();
    private volatile boolean running;
    private Thread thread;

    /**
     * A timer service.
     *
     * @param emitter    where firings go
     * @param lease      the lease that makes this node the one that fires
     * @param clock      the time source
     * @param background whether {@link #start()} runs a thread that ticks; false in tests, which tick themselves
     */
    public TimerService(Emit emitter, Lease lease, Clock clock, boolean background) {
        this.emitter = emitter;
        this.lease = lease;
        this.clock = clock;
        this.background = background;
    }

    @Override
    public String name() {
        return "timers";
    }

    @Override
    public synchronized void rulesChanged(List<Rule> rules) {
        Map<String, Trigger> wanted = new LinkedHashMap<>();
        for (Rule r : rules) {
            if (r.enabled() && TimerSpec.isTimer(r.trigger().type())) {
                Trigger t = Trigger.of(r.trigger().type(), r.trigger().parameters());
                wanted.putIfAbsent(t.ref(), t);
            }
        }
        timers.keySet().retainAll(wanted.keySet());
        Instant now = clock.instant();
        for (Trigger t : wanted.values()) {
            if (timers.containsKey(t.ref())) {
                continue;
            }
            try {
                TimerSpec spec = TimerSpec.of(t);
                Optional<Instant> first = spec.first(now);
                if (first.isPresent()) {
                    timers.put(t.ref(), new Scheduled(t, spec, first.get()));
                } else {
                    LOG.warn("timer {} {} is in the past or never fires; not scheduled", t.type(), t.parameters());
                }
            } catch (IllegalArgumentException e) {
                LOG.error("timer {} {} cannot be scheduled: {}", t.type(), t.parameters(), e.getMessage());
            }
        }
    }

    /**
     * Fires every due timer if this node holds the lease.
     *
     * @return how many timers fired
     */
    public int tick() {
        List<Scheduled> due;
        Instant now = clock.instant();
        synchronized (this) {
            due = timers.values().stream().filter(s -> !s.next().isAfter(now)).toList();
        }
        if (due.isEmpty() || !lease.hold()) {
            return 0;
        }
        int fired = 0;
        for (Scheduled s : due) {
            Map<String, Object> payload = new HashMap<>();
            payload.put("executed_at", EXECUTED_AT.format(now));
            payload.put("schedule", s.trigger().parameters().get("time"));
            String typeName = s.trigger().type().substring(s.trigger().type().indexOf('.') + 1);
            try {
                emitter.emit(s.trigger(), payload, typeName + "-" + s.trigger().name());
                fired++;
            } catch (RuntimeException e) {
                LOG.error("timer {} could not emit: {}", s.trigger().ref(), e.toString());
            }
            synchronized (this) {
                if (timers.get(s.trigger().ref()) == s) {
                    Optional<Instant> next = s.spec().after(s.next(), now);
                    if (next.isPresent()) {
                        timers.put(s.trigger().ref(), new Scheduled(s.trigger(), s.spec(), next.get()));
                    } else {
                        timers.remove(s.trigger().ref());
                    }
                }
            }
        }
        return fired;
    }

    /** The next fire time of each scheduled timer, by trigger ref. */
    public synchronized Map<String, Instant> schedule() {
        Map<String, Instant> out = new LinkedHashMap<>();
        timers.forEach((ref, s) -> out.put(ref, s.next()));
        return out;
    }

    @Override
    public void start() {
        if (!background) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("reflex-timers").daemon(true).start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.warn("timer tick failed: {}", e.toString());
            }
            Duration wait = Duration.ofSeconds(1);
            synchronized (this) {
                Instant now = clock.instant();
                for (Scheduled s : timers.values()) {
                    Duration until = Duration.between(now, s.next());
                    if (until.compareTo(wait) < 0) {
                        wait = until;
                    }
                }
            }
            try {
                Thread.sleep(Math.max(10, wait.toMillis()));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5000);
            try {
                lease.release();
            } catch (RuntimeException e) {
                LOG.debug("releasing the timers lease failed: {}", e.toString());
            }
        }
    }
}
