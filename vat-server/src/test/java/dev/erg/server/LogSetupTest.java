package dev.erg.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

class LogSetupTest {

    @Test
    void sendsTheServersInfoTheAuditTrailAndEveryonesWarningsToStderr() {
        LoggerContext context = new LoggerContext();
        LogSetup setup = new LogSetup();
        setup.setContext(context);

        assertThat(setup.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.erg.server.host").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("dev.erg.audit").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("dev.erg.net.link").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.netty").getEffectiveLevel()).isEqualTo(Level.WARN);
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) root.getAppender("stderr");
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(stderr.isStarted()).isTrue();
        assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern()).isEqualTo(LogSetup.PATTERN);
        context.stop();
    }

    @Test
    void leavesAConfigurationFileTheUserNamedToLogback() {
        LoggerContext context = new LoggerContext();
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        String before = System.setProperty("logback.configurationFile", "custom.xml");
        try {
            assertThat(setup.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("stderr")).isNull();
        } finally {
            if (before == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", before);
            }
        }
    }
}
