package dev.reflex.checks;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Day-of-week time windows, as used by a check's {@code subdue} and a filter's {@code when}:
 * {@code {"days": {"all": [{"begin": "5:00 PM", "end": "8:00 AM"}], "friday": [...]}}}.
 *
 * <p>Evaluation follows Sensu: the {@code all} windows are tried first, then those of the current
 * weekday. Each bound is a time of day on the current date (in the bound's own zone when it names
 * one, such as {@code "22:30 UTC"}, otherwise in the local zone); a window whose end is before its
 * begin wraps midnight, and both bounds are inclusive.
 *
 * @param days lower-case day name ({@code all}, {@code sunday}..{@code saturday}) to its windows
 */
public record TimeWindows(Map<String, List<Window>> days) {

    /** The accepted day keys. */
    public static final List<String> DAY_KEYS =
            List.of("all", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday");

    public TimeWindows {
        days = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(days));
    }

    /**
     * One window of a day.
     *
     * @param begin the start, inclusive
     * @param end   the end, inclusive; before {@code begin} when the window wraps midnight
     */
    public record Window(ClockTime begin, ClockTime end) {
    }

    /** True when {@code now} falls inside one of the windows, with local times in {@code zone}. */
    public boolean isActive(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        for (Window w : days.getOrDefault("all", List.of())) {
            if (inWindow(w, local)) {
                return true;
            }
        }
        String today = dayKey(local.getDayOfWeek());
        for (Window w : days.getOrDefault(today, List.of())) {
            if (inWindow(w, local)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inWindow(Window w, ZonedDateTime now) {
        LocalDate date = now.toLocalDate();
        ZonedDateTime begin = w.begin().on(date, now.getZone());
        ZonedDateTime end = w.end().on(date, now.getZone());
        if (end.isBefore(begin)) {
            if (now.isBefore(end)) {
                begin = begin.toLocalDate().atStartOfDay(begin.getZone());
            } else {
                end = end.toLocalDate().atTime(LocalTime.MAX).atZone(end.getZone());
            }
        }
        return !now.isBefore(begin) && !now.isAfter(end);
    }

    /** The day key of a {@link DayOfWeek}. */
    public static String dayKey(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }

    /**
     * A time of day as Sensu's settings write it: {@code "5:00 PM"}, {@code "17:00"},
     * {@code "11:30:00 PM"}, {@code "22:30 UTC"}, {@code "9 AM"}, {@code "08:00 +02:00"}.
     *
     * <p>This accepts the forms Ruby's {@code Time.parse} reads for a time of day; unlike Ruby, it
     * rejects text that carries no time of day at all (such as a bare {@code "5"}, which Ruby reads
     * as the fifth of the month).
     *
     * @param time the time of day
     * @param zone the zone named in the text, or null for the local zone
     */
    public record ClockTime(LocalTime time, ZoneId zone) {

        private static final Pattern FORM = Pattern.compile(
                "\\s*(\\d{1,2})(?::(\\d{2}))?(?::(\\d{2}))?\\s*([AaPp]\\.?[Mm]\\.?)?\\s*([A-Za-z]{1,5}|[+-]\\d{2}:?\\d{2})?\\s*");
        private static final Map<String, ZoneOffset> ZONES = Map.ofEntries(
                Map.entry("UTC", ZoneOffset.UTC), Map.entry("GMT", ZoneOffset.UTC), Map.entry("Z", ZoneOffset.UTC),
                Map.entry("UT", ZoneOffset.UTC),
                Map.entry("EST", ZoneOffset.ofHours(-5)), Map.entry("EDT", ZoneOffset.ofHours(-4)),
                Map.entry("CST", ZoneOffset.ofHours(-6)), Map.entry("CDT", ZoneOffset.ofHours(-5)),
                Map.entry("MST", ZoneOffset.ofHours(-7)), Map.entry("MDT", ZoneOffset.ofHours(-6)),
                Map.entry("PST", ZoneOffset.ofHours(-8)), Map.entry("PDT", ZoneOffset.ofHours(-7)));

        /** Parses a time of day, or returns empty when the text is not one. */
        public static Optional<ClockTime> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            Matcher m = FORM.matcher(text);
            if (!m.matches()) {
                return Optional.empty();
            }
            int hour = Integer.parseInt(m.group(1));
            int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            int second = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            String meridian = m.group(4);
            if (m.group(2) == null && meridian == null) {
                return Optional.empty();
            }
            if (meridian != null) {
                if (hour < 1 || hour > 12) {
                    return Optional.empty();
                }
                boolean pm = Character.toLowerCase(meridian.charAt(0)) == 'p';
                hour = hour % 12 + (pm ? 12 : 0);
            }
            if (hour > 23 || minute > 59 || second > 59) {
                return Optional.empty();
            }
            ZoneId zone = null;
            if (m.group(5) != null) {
                String z = m.group(5);
                if (z.startsWith("+") || z.startsWith("-")) {
                    String digits = z.replace(":", "");
                    int h = Integer.parseInt(digits.substring(1, 3));
                    int mm = Integer.parseInt(digits.substring(3, 5));
                    if (h > 18 || mm > 59) {
                        return Optional.empty();
                    }
                    int sign = z.startsWith("-") ? -1 : 1;
                    zone = ZoneOffset.ofHoursMinutes(sign * h, sign * mm);
                } else {
                    zone = ZONES.get(z.toUpperCase(Locale.ROOT));
                    if (zone == null) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(new ClockTime(LocalTime.of(hour, minute, second), zone));
        }

        /** This time on {@code date}, in its own zone or else in {@code localZone}. */
        public ZonedDateTime on(LocalDate date, ZoneId localZone) {
            return date.atTime(time).atZone(zone == null ? localZone : zone);
        }
    }
}
