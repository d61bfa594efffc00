package dev.reflex.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Subdue and filter {@code when} windows, on fixed instants (no wall clock). */
class TimeWindowsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static TimeWindows windows(String day, String begin, String end) {
        return Definitions.timeWindows(Map.of("days", Map.of(day, List.of(Map.of("begin", begin, "end", end)))));
    }

    private static boolean active(TimeWindows w, int dayOfMonth, int hour, int minute) {
        // 2026-11-16 is a Monday
        ZonedDateTime at = ZonedDateTime.of(2026, 11, dayOfMonth, hour, minute, 0, 0, PARIS);
        return w.isActive(at.toInstant(), PARIS);
    }

    @Test
    void parsesTheTimeFormsSensuSettingsUse() {
        assertThat(TimeWindows.ClockTime.parse("5:00 PM")).get().extracting(TimeWindows.ClockTime::time).isEqualTo(LocalTime.of(17, 0));
        assertThat(TimeWindows.ClockTime.parse("12:00 AM")).get().extracting(TimeWindows.ClockTime::time).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(TimeWindows.ClockTime.parse("11:30:15 PM")).get().extracting(TimeWindows.ClockTime::time).isEqualTo(LocalTime.of(23, 30, 15));
        assertThat(TimeWindows.ClockTime.parse("9 am")).get().extracting(TimeWindows.ClockTime::time).isEqualTo(LocalTime.of(9, 0));
        assertThat(TimeWindows.ClockTime.parse("22:30 UTC")).get().extracting(TimeWindows.ClockTime::zone).isEqualTo(ZoneOffset.UTC);
        assertThat(TimeWindows.ClockTime.parse("08:00 +02:00")).get().extracting(TimeWindows.ClockTime::zone).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(TimeWindows.ClockTime.parse("5")).isEmpty();
        assertThat(TimeWindows.ClockTime.parse("25:00")).isEmpty();
        assertThat(TimeWindows.ClockTime.parse("13:00 PM")).isEmpty();
        assertThat(TimeWindows.ClockTime.parse("noon")).isEmpty();
    }

    @Test
    void aWindowWithinADayIncludesBothBounds() {
        TimeWindows w = windows("all", "9:00 AM", "5:00 PM");
        assertThat(active(w, 16, 8, 59)).isFalse();
        assertThat(active(w, 16, 9, 0)).isTrue();
        assertThat(active(w, 16, 17, 0)).isTrue();
        assertThat(active(w, 16, 17, 1)).isFalse();
    }

    @Test
    void aWindowEndingBeforeItBeginsWrapsMidnight() {
        TimeWindows w = windows("all", "5:00 PM", "8:00 AM");
        assertThat(active(w, 16, 16, 59)).isFalse();
        assertThat(active(w, 16, 17, 0)).isTrue();
        assertThat(active(w, 16, 23, 59)).isTrue();
        assertThat(active(w, 17, 0, 0)).isTrue();
        assertThat(active(w, 17, 7, 59)).isTrue();
        assertThat(active(w, 17, 8, 1)).isFalse();
    }

    @Test
    void dayWindowsApplyOnThatWeekdayOnly() {
        TimeWindows friday = windows("friday", "12:00 PM", "5:00 PM");
        assertThat(active(friday, 20, 13, 0)).as("Friday").isTrue();
        assertThat(active(friday, 19, 13, 0)).as("Thursday").isFalse();
    }

    @Test
    void boundsNamingAZoneAreReadInIt() {
        TimeWindows w = windows("all", "22:00 UTC", "23:00 UTC");
        // 22:30 UTC is 23:30 in Paris (UTC+1 in November)
        assertThat(active(w, 16, 23, 30)).isTrue();
        assertThat(active(w, 16, 22, 30)).isFalse();
    }

    @Test
    void emptyWindowsNeverApply() {
        assertThat(new TimeWindows(Map.of()).isActive(ZonedDateTime.now(PARIS).toInstant(), PARIS)).isFalse();
    }
}
