package dev.reflex.triggers.timers;

import dev.reflex.triggers.Trigger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** When a timer trigger fires: every interval, once at a date, or on a cron schedule. */
public sealed interface TimerSpec {

    /** The interval timer's trigger type. */
    String INTERVAL = "core.st2.IntervalTimer";
    /** The date timer's trigger type. */
    String DATE = "core.st2.DateTimer";
    /** The cron timer's trigger type. */
    String CRON = "core.st2.CronTimer";

    /** The first fire time after the timer is scheduled at {@code now}, or empty when it never fires. */
    Optional<Instant> first(Instant now);

    /** The fire time after one at {@code fired}, judged at {@code now}; empty when it fires no more. */
    Optional<Instant> after(Instant fired, Instant now);

    /** Every {@code every}, the first time one interval after it is scheduled. */
    record Interval(Duration every) implements TimerSpec {
        @Override
        public Optional<Instant> first(Instant now) {
            return Optional.of(now.plus(every));
        }

        @Override
        public Optional<Instant> after(Instant fired, Instant now) {
            Instant next = fired.plus(every);
            if (!next.isAfter(now)) {
                long missed = Duration.between(fired, now).dividedBy(every);
                next = fired.plus(every.multipliedBy(missed + 1));
            }
            return Optional.of(next);
        }
    }

    /** Once, at {@code at}; a date already past when scheduled never fires (as StackStorm). */
    record At(Instant at) implements TimerSpec {
        @Override
        public Optional<Instant> first(Instant now) {
            return now.isAfter(at) ? Optional.empty() : Optional.of(at);
        }

        @Override
        public Optional<Instant> after(Instant fired, Instant now) {
            return Optional.empty();
        }
    }

    /** On a cron schedule. */
    record Cron(CronSchedule schedule) implements TimerSpec {
        @Override
        public Optional<Instant> first(Instant now) {
            return schedule.next(now);
        }

        @Override
        public Optional<Instant> after(Instant fired, Instant now) {
            return schedule.next(now.isAfter(fired) ? now : fired);
        }
    }

    /** Whether a trigger type is a timer's. */
    static boolean isTimer(String type) {
        return INTERVAL.equals(type) || DATE.equals(type) || CRON.equals(type);
    }

    /**
     * The spec of a timer trigger.
     *
     * @throws IllegalArgumentException when the parameters cannot be scheduled, saying why
     */
    static TimerSpec of(Trigger trigger) {
        Map<String, Object> p = trigger.parameters();
        ZoneId zone = zone(p.get("timezone"));
        return switch (trigger.type()) {
            case INTERVAL -> {
                if (!(p.get("delta") instanceof Number n) || n.longValue() < 1) {
                    throw new IllegalArgumentException("an IntervalTimer needs a positive integer 'delta'");
                }
                Duration unit = switch (String.valueOf(p.get("unit"))) {
                    case "weeks" -> Duration.ofDays(7);
                    case "days" -> Duration.ofDays(1);
                    case "hours" -> Duration.ofHours(1);
                    case "minutes" -> Duration.ofMinutes(1);
                    case "seconds" -> Duration.ofSeconds(1);
                    default -> throw new IllegalArgumentException("an IntervalTimer's 'unit' must be weeks, days, hours, "
                            + "minutes or seconds, got " + p.get("unit"));
                };
                yield new Interval(unit.multipliedBy(n.longValue()));
            }
            case DATE -> new At(date(String.valueOf(p.get("date")), zone));
            case CRON -> {
                Map<String, Object> fields = new LinkedHashMap<>(p);
                fields.remove("timezone");
                yield new Cron(new CronSchedule(fields, zone));
            }
            default -> throw new IllegalArgumentException(trigger.type() + " is not a timer trigger type");
        };
    }

    private static ZoneId zone(Object tz) {
        if (tz == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(String.valueOf(tz));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + tz + "'");
        }
    }

    /** A date as StackStorm's users write it: {@code 2014-12-31 23:59:59}, ISO-8601, with or without an offset. */
    private static Instant date(String text, ZoneId zone) {
        String t = text.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(zone).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("a DateTimer's 'date' must be a date and time such as "
                        + "2014-12-31 23:59:59, got '" + text + "'");
            }
        }
    }
}
