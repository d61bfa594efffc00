package dev.reflex.checks;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A check's {@code cron} schedule: a UNIX five-field expression (minute, hour, day of month,
 * month, day of week). When a check has {@code cron}, it takes precedence over {@code interval}:
 * the next run is at the next matching minute, and the check is scheduled again after each run.
 */
public final class CronSchedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ExecutionTime executionTime;

    private CronSchedule(String expression, ExecutionTime executionTime) {
        this.expression = expression;
        this.executionTime = executionTime;
    }

    /**
     * Parses a UNIX cron expression.
     *
     * @throws IllegalArgumentException when the text is not a valid five-field expression
     */
    public static CronSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("cron expression is empty");
        }
        try {
            return new CronSchedule(expression, ExecutionTime.forCron(PARSER.parse(expression.trim())));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage() == null ? "invalid cron expression" : e.getMessage(), e);
        }
    }

    /** True when {@link #parse} accepts the text. */
    public static boolean isValid(String expression) {
        try {
            return parse(expression).next(ZonedDateTime.now(java.time.ZoneOffset.UTC)).isPresent();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The next run strictly after {@code now}, if the expression ever matches. */
    public Optional<ZonedDateTime> next(ZonedDateTime now) {
        return executionTime.nextExecution(now);
    }

    /** The delay from {@code now} to the next run (Sensu's {@code next_cron - now}). */
    public Optional<Duration> delayFrom(ZonedDateTime now) {
        return next(now).map(n -> Duration.between(now, n));
    }

    /** The expression as given. */
    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return expression;
    }
}
