package dev.reflex.app;

import dev.reflex.triggers.Trigger;
import dev.reflex.triggers.TriggerEmitter;
import dev.reflex.triggers.TriggerInstance;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TriggerEmitter} for tests that need no rules: it logs and counts every trigger instance
 * and returns it, persisting nothing.
 */
public final class LoggingTriggerEmitter implements TriggerEmitter {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingTriggerEmitter.class);

    private final Clock clock;
    private final AtomicLong emitted = new AtomicLong();

    public LoggingTriggerEmitter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public TriggerInstance emit(String trigger, Map<String, Object> payload, String traceTag) {
        emitted.incrementAndGet();
        LOG.info("trigger instance {}: {}", trigger, payload.get("id") != null ? "event " + payload.get("id") : "");
        return TriggerInstance.pending(UUID.randomUUID().toString(), Trigger.of(trigger, Map.of()), payload,
                clock.instant());
    }

    /** How many instances were emitted. */
    public long emitted() {
        return emitted.get();
    }
}
