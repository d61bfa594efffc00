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

    @Test
    void theDayFieldTakesWeekdayPositionsAsApschedulerDoes() {
        ZoneId utc = ZoneId.of("UTC");
        // November 2026 starts on a Sunday: its Fridays are the 6th, 13th, 20th and 27th; NOW is Saturday the 21st
        assertThat(new CronSchedule(Map.of("day", "last fri"), utc).next(NOW)).contains(Instant.parse("2026-11-27T00:00:00Z"));
        assertThat(new CronSchedule(Map.of("day", "3rd fri"), utc).next(NOW)).contains(Instant.parse("2026-12-18T00:00:00Z"));
        assertThat(new CronSchedule(Map.of("day", "1st fri", "hour", 9L), utc).next(Instant.parse("2026-11-01T00:00:00Z")))
                .contains(Instant.parse("2026-11-06T09:00:00Z"));
        // a month without a fifth Friday is skipped: December 2026 has four, January 2027 five (1st … 29th)
        assertThat(new CronSchedule(Map.of("day", "5th fri"), utc).next(NOW)).contains(Instant.parse("2027-01-29T00:00:00Z"));
        // lists mix positions, plain days and last
        CronSchedule mixed = new CronSchedule(Map.of("day", "1st mon, last, 15", "hour", 6L), utc);
        assertThat(mixed.next(NOW)).contains(Instant.parse("2026-11-30T06:00:00Z"));
        assertThat(mixed.next(Instant.parse("2026-11-30T06:00:00Z"))).contains(Instant.parse("2026-12-07T06:00:00Z"));
        assertThat(mixed.next(Instant.parse("2026-12-07T06:00:00Z"))).contains(Instant.parse("2026-12-15T06:00:00Z"));
        assertThat(new CronSchedule(Map.of("day", "LAST Sun"), utc).next(NOW)).contains(Instant.parse("2026-11-29T00:00:00Z"));
        assertThatThrownBy(() -> new CronSchedule(Map.of("day", "2nd funday"), utc))
                .hasMessageContaining("cron field day").hasMessageContaining("'funday' is not a weekday name");
        assertThatThrownBy(() -> new CronSchedule(Map.of("day", "6th fri"), utc)).hasMessageContaining("cron field day");
    }

    @Test
    void aStepLargerThanItsRangeIsRefusedAsApschedulerRefusesIt() {
        ZoneId utc = ZoneId.of("UTC");
        assertThat(new CronSchedule(Map.of("minute", "*/59"), utc).expressions()).containsEntry("minute", "*/59");
        assertThatThrownBy(() -> new CronSchedule(Map.of("minute", "*/60"), utc))
                .hasMessageContaining("cron field minute '*/60'").hasMessageContaining("the step 60 is larger than the range");
        assertThatThrownBy(() -> new CronSchedule(Map.of("hour", "1-5/5"), utc)).hasMessageContaining("the step 5");
        assertThatThrownBy(() -> new CronSchedule(Map.of("second", "50/10"), utc)).hasMessageContaining("the step 10");
        assertThat(new CronSchedule(Map.of("second", "50/9"), utc).next(NOW)).contains(NOW.plusSeconds(50));
    }
}
