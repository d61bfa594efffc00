package dev.reflex.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

/** Reflex's logging set-up in code: the line format, the levels, and deferring to a logback file. */
class LogSetupTest {

    @Test
    void aLineHasTimeLevelThreadAbbreviatedLoggerMessageAndTheStackTrace() {
        LoggerContext context = new LoggerContext();
        LogSetup.LineLayout layout = new LogSetup.LineLayout();
        layout.setContext(context);
        layout.start();
        Logger logger = context.getLogger("dev.reflex.agent.ServerLink");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, "send failed: {}",
                new IllegalStateException("boom"), new Object[] {"closed"});
        event.setThreadName("agent-link");
        String line = layout.doLayout(event);
        assertThat(line).matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) WARN  "
                + "\\[agent-link\\] d\\.r\\.agent\\.ServerLink - send failed: closed\\R"
                + "java\\.lang\\.IllegalStateException: boom\\R\\s+at dev\\.reflex\\.app\\.LogSetupTest\\..*");
    }

    @Test
    void theRootTakesTheGivenLevelAndTheChattyLibrariesWarnOnly() {
        LoggerContext context = new LoggerContext();
        LogSetup.apply(context, "debug");
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
        assertThat(root.getAppender("STDERR")).isInstanceOf(ConsoleAppender.class);
        assertThat(((ConsoleAppender<?>) root.getAppender("STDERR")).getTarget()).isEqualTo("System.err");
        assertThat(context.getLogger("org.eclipse.jetty").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.hubspot.jinjava.lib").getEffectiveLevel()).isEqualTo(Level.WARN);

        LoggerContext unset = new LoggerContext();
        LogSetup.apply(unset, null);
        assertThat(unset.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void aLogbackFileOnTheClassPathTakesOver() {
        assertThat(LogSetup.configuredByFile(getClass().getClassLoader()))
                .as("the tests' logback-test.xml").isTrue();
        assertThat(LogSetup.configuredByFile(new ClassLoader(null) { })).isFalse();
    }
}
