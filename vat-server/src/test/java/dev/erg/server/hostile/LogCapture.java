package dev.erg.server.hostile;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The server's log while it is open, as the console would show it: each event's message and
 * its stack trace, if any, line by line, at the levels the server's own log setup lets through.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final Logger root;

    private LogCapture(Logger root) {
        this.root = root;
    }

    /** Starts capturing everything the root logger writes. */
    static LogCapture open() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogCapture capture = new LogCapture(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME));
        capture.setContext(context);
        capture.setName("hostile-capture");
        capture.start();
        capture.root.addAppender(capture);
        return capture;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        lines.add(event.getLoggerName() + " " + event.getLevel() + " " + event.getFormattedMessage());
        if (event.getThrowableProxy() != null) {
            lines.addAll(ThrowableProxyUtil.asString(event.getThrowableProxy()).lines().toList());
        }
    }

    /** The lines captured so far. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
