package dev.reflex.triggers.timers;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cron schedule with the fields and defaults of StackStorm's {@code core.st2.CronTimer}
 * (APScheduler's {@code CronTrigger}): {@code year month day week day_of_week hour minute second},
 * each an expression (a star, a star with a step such as every 5, {@code a}, {@code a-b}, {@code a-b/n}, lists with
 * commas, month and weekday names; for the day also {@code last}, the last day of the month, and
 * {@code 1st fri} … {@code 5th fri} or {@code last fri}, the n-th or last given weekday of the month).
 * {@code day_of_week} counts from 0 = Monday. Fields more significant than the least significant one
 * given default to {@code *}; the less significant ones to their minimum, except {@code week} and
 * {@code day_of_week}, which default to {@code *} (so {@code hour: 12} fires at 12:00:00 every day).
 * As APScheduler does, a step larger than the span of its range is refused.
 */
public final class CronSchedule {

    static final List<String> FIELDS = List.of("year", "month", "day", "week", "day_of_week", "hour", "minute", "second");
    private static final Map<String, String> DEFAULTS = Map.of("year", "*", "month", "1", "day", "1", "week", "*",
            "day_of_week", "*", "hour", "0", "minute", "0", "second", "0");
    private static final int[][] RANGES = {{1970, 2200}, {1, 12}, {1, 31}, {1, 53}, {0, 6}, {0, 23}, {0, 59}, {0, 59}};
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final List<String> POSITIONS = List.of("1st", "2nd", "3rd", "4th", "5th", "last");
    private static final Pattern POSITION = Pattern.compile("(1st|2nd|3rd|4th|5th|last) +(\\w+)");

    private final BitSet[] allowed = new BitSet[FIELDS.size()];
    private boolean lastDay;
    /** The {@code day} field's weekday positions: {position index (0-4, 5 = last), weekday (0 = Monday)}. */
    private final List<int[]> positions = new ArrayList<>();
    private final ZoneId zone;
    private final Map<String, String> expressions = new LinkedHashMap<>();

    /**
     * A schedule from a CronTimer's parameters (without {@code timezone}).
     *
     * @throws IllegalArgumentException naming the field and expression that cannot be read
     */
    public CronSchedule(Map<String, Object> fields, ZoneId zone) {
        this.zone = zone;
        int remaining = (int) FIELDS.stream().filter(fields::containsKey).count();
        for (int i = 0; i < FIELDS.size(); i++) {
            String name = FIELDS.get(i);
            String expr;
            if (fields.containsKey(name)) {
                expr = String.valueOf(fields.get(name)).trim().toLowerCase(Locale.ROOT);
                remaining--;
            } else {
                expr = remaining > 0 ? "*" : DEFAULTS.get(name);
            }
            expressions.put(name, expr);
            allowed[i] = parse(i, expr);
        }
    }

    /** The expression of each field after defaults. */
    public Map<String, String> expressions() {
        return Map.copyOf(expressions);
    }

    private BitSet parse(int field, String expr) {
        int lo = RANGES[field][0];
        int hi = RANGES[field][1];
        BitSet set = new BitSet();
        for (String part : expr.split(",")) {
            String p = part.trim();
            if (field == 2 && p.equals("last")) {
                lastDay = true;
                continue;
            }
            Matcher position = POSITION.matcher(p);
            if (field == 2 && position.matches()) {
                int weekday = DAYS.indexOf(position.group(2));
                if (weekday < 0) {
                    throw bad(field, expr, "'" + position.group(2) + "' is not a weekday name (mon … sun)");
                }
                positions.add(new int[] {POSITIONS.indexOf(position.group(1)), weekday});
                continue;
            }
            int step = 1;
            int slash = p.indexOf('/');
            if (slash >= 0) {
                step = number(field, p.substring(slash + 1), expr);
                if (step < 1) {
                    throw bad(field, expr, "the step must be at least 1");
                }
                p = p.substring(0, slash);
            }
            int from;
            int to;
            if (p.equals("*")) {
                from = lo;
                to = hi;
            } else if (p.contains("-")) {
                String[] ends = p.split("-", 2);
                from = value(field, ends[0], expr);
                to = value(field, ends[1], expr);
            } else {
                from = value(field, p, expr);
                to = slash >= 0 ? hi : from;
            }
            if (from < lo || to > hi || from > to) {
                throw bad(field, expr, "values must be within " + lo + "-" + hi);
            }
            if (slash >= 0 && step > to - from) {
                throw bad(field, expr, "the step " + step + " is larger than the range it steps through (" + (to - from) + ")");
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int value(int field, String s, String expr) {
        String t = s.trim();
        if (field == 1 && MONTHS.contains(t)) {
            return MONTHS.indexOf(t) + 1;
        }
        if (field == 4 && DAYS.contains(t)) {
            return DAYS.indexOf(t);
        }
        return number(field, t, expr);
    }

    private static int number(int field, String s, String expr) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw bad(field, expr, "'" + s + "' is not a number" + (field == 1 ? " or a month name" : field == 4
                    ? " or a weekday name (mon … sun)" : ""));
        }
    }

    private static IllegalArgumentException bad(int field, String expr, String why) {
        return new IllegalArgumentException("cron field " + FIELDS.get(field) + " '" + expr + "' is not valid: " + why);
    }

    /** The first fire time strictly after {@code after}, or empty when there is none before 2200. */
    public Optional<Instant> next(Instant after) {
        LocalDateTime t = LocalDateTime.ofInstant(after, zone).withNano(0).plusSeconds(1);
        for (int guard = 0; guard < 200_000; guard++) {
            if (t.getYear() > RANGES[0][1]) {
                return Optional.empty();
            }
            if (!allowed[0].get(t.getYear())) {
                t = LocalDate.of(t.getYear() + 1, 1, 1).atStartOfDay();
            } else if (!allowed[1].get(t.getMonthValue())) {
                t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
            } else if (!dayAllowed(t.toLocalDate())) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
            } else if (!allowed[5].get(t.getHour())) {
                t = t.withMinute(0).withSecond(0).plusHours(1);
            } else if (!allowed[6].get(t.getMinute())) {
                t = t.withSecond(0).plusMinutes(1);
            } else if (!allowed[7].get(t.getSecond())) {
                t = t.plusSeconds(1);
            } else {
                ZonedDateTime z = t.atZone(zone);
                Instant at = z.toInstant();
                if (at.isAfter(after)) {
                    return Optional.of(at);
                }
                t = t.plusSeconds(1);
            }
        }
        return Optional.empty();
    }

    private boolean dayAllowed(LocalDate d) {
        boolean day = allowed[2].get(d.getDayOfMonth()) || (lastDay && d.getDayOfMonth() == d.lengthOfMonth())
                || positions.stream().anyMatch(p -> atPosition(d, p[0], p[1]));
        DayOfWeek dow = d.getDayOfWeek();
        return day && allowed[4].get(dow.getValue() - 1) && allowed[3].get(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** Whether {@code d} is the n-th ({@code position} 0-4) or the last ({@code position} 5) {@code weekday} of its month. */
    private static boolean atPosition(LocalDate d, int position, int weekday) {
        if (d.getDayOfWeek().getValue() - 1 != weekday) {
            return false;
        }
        return position == 5 ? d.getDayOfMonth() + 7 > d.lengthOfMonth() : (d.getDayOfMonth() - 1) / 7 == position;
    }
}
