package dev.reflex.triggers.timers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reflex.triggers.Trigger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Timer schedules computed from StackStorm's timer parameters, on fixed instants (no waiting). */
class TimerSpecTest {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    static TimerSpec spec(String type, Map<String, Object> params) {
        return TimerSpec.of(Trigger.of(type, params));
    }

    @Test
    void intervalsFireEveryDeltaAndSkipWhatWasMissed() {
        TimerSpec every = spec(TimerSpec.INTERVAL, Map.of("unit", "minutes", "delta", 5L));
        assertThat(every.first(NOW)).contains(NOW.plusSeconds(300));
        assertThat(every.after(NOW.plusSeconds(300), NOW.plusSeconds(300))).contains(NOW.plusSeconds(600));
        assertThat(every.after(NOW.plusSeconds(300), NOW.plusSeconds(1000))).contains(NOW.plusSeconds(1200));
        assertThatThrownBy(() -> spec(TimerSpec.INTERVAL, Map.of("unit", "fortnights", "delta", 1L)))
                .hasMessageContaining("weeks, days, hours, minutes or seconds");
    }

    @Test
    void aDateTimerFiresOnceAndNotWhenAlreadyPast() {
        TimerSpec at = spec(TimerSpec.DATE, Map.of("date", "2026-12-31 23:59:59", "timezone", "Europe/Paris"));
        assertThat(at.first(NOW)).contains(Instant.parse("2026-12-31T22:59:59Z"));
        assertThat(at.after(Instant.parse("2026-12-31T22:59:59Z"), NOW)).isEmpty();
        assertThat(spec(TimerSpec.DATE, Map.of("date", "2014-12-31 23:59:59")).first(NOW)).isEmpty();
    }

    @Test
    void cronFieldsFollowApschedulerDefaults() {
        TimerSpec noon = spec(TimerSpec.CRON, Map.of("hour", 12L));
        assertThat(noon.first(NOW)).contains(Instant.parse("2026-11-21T12:00:00Z"));
        assertThat(noon.after(Instant.parse("2026-11-21T12:00:00Z"), Instant.parse("2026-11-21T12:00:00Z")))
                .contains(Instant.parse("2026-11-22T12:00:00Z"));
        TimerSpec fiveMinutes = spec(TimerSpec.CRON, Map.of("minute", "*/5"));
        assertThat(fiveMinutes.first(NOW.plusSeconds(61))).contains(Instant.parse("2026-11-21T10:05:00Z"));
        TimerSpec mondays = spec(TimerSpec.CRON, Map.of("day_of_week", "mon", "hour", 9L, "timezone", "America/New_York"));
        assertThat(mondays.first(NOW)).contains(Instant.parse("2026-11-23T14:00:00Z"));
        TimerSpec weekdaysLast = new TimerSpec.Cron(new CronSchedule(Map.of("day", "last", "hour", "0"), ZoneId.of("UTC")));
        assertThat(weekdaysLast.first(NOW)).contains(Instant.parse("2026-11-30T00:00:00Z"));
        assertThat(new CronSchedule(Map.of("hour", 12L), ZoneId.of("UTC")).expressions())
                .containsEntry("year", "*").containsEntry("day", "*").containsEntry("minute", "0").containsEntry("second", "0");
        assertThatThrownBy(() -> spec(TimerSpec.CRON, Map.of("minute", "61"))).hasMessageContaining("cron field minute");
        assertThatThrownBy(() -> spec(TimerSpec.CRON, Map.of("hour", "1", "timezone", "Mars/Base")))
                .hasMessageContaining("unknown time zone");
    }
}
