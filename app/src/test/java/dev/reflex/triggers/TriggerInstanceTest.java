package dev.reflex.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerInstanceTest {

    @Test
    void thePayloadIsCopiedOnceReadOnlyInOrderAndSharedByItsOtherStatuses() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("z", 1);
        given.put("a", Map.of("b", 2));
        TriggerInstance pending = TriggerInstance.pending("ti-1", Trigger.of("core.st2.webhook", Map.of()), given,
                Instant.parse("2026-11-22T05:00:00Z"));
        given.put("late", true);
        assertThat(pending.payload()).containsExactly(Map.entry("z", 1), Map.entry("a", Map.of("b", 2)))
                .isEqualTo(Map.of("z", 1, "a", Map.of("b", 2)));
        assertThat(pending.payload().get("a")).isEqualTo(Map.of("b", 2));
        assertThat(pending.payload().containsKey("late")).isFalse();
        assertThatThrownBy(() -> pending.payload().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> pending.payload().entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
        TriggerInstance processed = pending.withStatus(TriggerInstanceStatus.PROCESSED);
        assertThat(processed.payload()).isSameAs(pending.payload());
        assertThat(processed).isEqualTo(new TriggerInstance("ti-1", pending.trigger(), Map.of("z", 1, "a", Map.of("b", 2)),
                pending.occurrenceTime(), TriggerInstanceStatus.PROCESSED));
        assertThat(new TriggerInstance("ti-2", pending.trigger(), null, pending.occurrenceTime(),
                TriggerInstanceStatus.PENDING).payload()).isEmpty();
    }
}
