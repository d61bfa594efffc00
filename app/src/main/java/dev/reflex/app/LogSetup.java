package dev.reflex.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Reflex's logging set-up, in code rather than in a {@code logback.xml}: every line goes to stderr
 * (so that command output on stdout stays clean) as {@code 2026-11-21T15:47:59.123Z INFO  [thread]
 * d.r.agent.ServerLink - message}, the root level is {@code REFLEX_LOG_LEVEL} (a system property or
 * an environment variable; default {@code INFO}) and the chatty libraries log warnings only.
 *
 * <p>Configuring in code keeps logback's XML configurator and the XML parser out of every process
 * (several hundred classes, which a small process such as the agent carries for its whole life).
 * When a {@code logback.configurationFile} system property is set, or a {@code logback.xml} or
 * {@code logback-test.xml} is on the class path, logback's own configuration takes over as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    /** The libraries that log at WARN and above only. */
    static final List<String> QUIET = List.of("org.eclipse.jetty", "io.javalin", "org.flywaydb", "org.apache.sshd",
            "com.zaxxer.hikari", "com.hubspot.jinjava");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (configuredByFile(LogSetup.class.getClassLoader())) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context, rootLevel());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Whether logback's own configuration file applies (then logback's usual configurators run). */
    static boolean configuredByFile(ClassLoader loader) {
        return System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null;
    }

    /** Sets up {@code context}: stderr, {@code level} (INFO when null or unknown) at the root, the quiet libraries at WARN. */
    static void apply(LoggerContext context, String level) {
        LineLayout layout = new LineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
        root.addAppender(stderr);
        for (String name : QUIET) {
            context.getLogger(name).setLevel(Level.WARN);
        }
    }

    private static String rootLevel() {
        String level = System.getProperty("REFLEX_LOG_LEVEL");
        return level != null ? level : System.getenv("REFLEX_LOG_LEVEL");
    }

    /** One line per event: time with offset, level, thread, abbreviated logger, message, then any stack trace. */
    static final class LineLayout extends LayoutBase<ILoggingEvent> {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        private final TargetLengthBasedClassNameAbbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(24);
        private final ZoneId zone = ZoneId.systemDefault();

        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(128);
            TIME.formatTo(Instant.ofEpochMilli(event.getTimeStamp()).atZone(zone), line);
            String level = event.getLevel().toString();
            line.append(' ').append(level).repeat(' ', Math.max(0, 5 - level.length()));
            line.append(" [").append(event.getThreadName()).append("] ")
                    .append(abbreviator.abbreviate(event.getLoggerName())).append(" - ")
                    .append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                line.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
            }
            return line.toString();
        }
    }
}
