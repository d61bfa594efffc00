package dev.reflex.store;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Records every log event of every logger, at every level, until closed; then puts the levels back.
 * Tests use it to prove that something never reaches a log.
 */
final class LogCapture implements AutoCloseable {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Map<Logger, Level> levels = new HashMap<>();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private LogCapture() {
        for (Logger logger : context.getLoggerList()) {
            levels.put(logger, logger.getLevel());
            if (logger != root) {
                logger.setLevel(null);
            }
        }
        root.setLevel(Level.TRACE);
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }

    /** Starts capturing. */
    static LogCapture everything() {
        return new LogCapture();
    }

    /** Each event's formatted message followed by its exceptions' descriptions. */
    List<String> messages() {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(appender.list)) {
            StringBuilder text = new StringBuilder(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
            }
            out.add(text.toString());
        }
        return out;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        levels.forEach(Logger::setLevel);
    }
}
