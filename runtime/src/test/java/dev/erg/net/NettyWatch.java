package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects, while it is open, what should never happen: exceptions reaching a thread's
 * uncaught-exception handler, and warnings or errors that Netty or Erg log — an exception at
 * the tail of a pipeline, a task that threw, a leaked buffer (leak detection runs at
 * {@code PARANOID} meanwhile). Netty logs through {@code java.util.logging} here, as no other
 * logging library is on the test class path. Also quiets Bouncy Castle's per-connection INFO
 * lines. {@link #close()} restores everything it changed.
 */
final class NettyWatch extends Handler implements AutoCloseable {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final Thread.UncaughtExceptionHandler previousHandler = Thread.getDefaultUncaughtExceptionHandler();
    private final ResourceLeakDetector.Level previousLeakLevel = ResourceLeakDetector.getLevel();
    // Held strongly, so that the levels and handlers set on them are not lost to a collection.
    private final Logger netty = Logger.getLogger("io.netty");
    private final Logger erg = Logger.getLogger("dev.erg");
    private final Logger bouncyCastle = Logger.getLogger("org.bouncycastle");
    private final Level bouncyCastleLevel = bouncyCastle.getLevel();

    private NettyWatch() {
    }

    static NettyWatch start() {
        NettyWatch watch = new NettyWatch();
        watch.setLevel(Level.WARNING);
        watch.netty.addHandler(watch);
        watch.erg.addHandler(watch);
        watch.bouncyCastle.setLevel(Level.WARNING);
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> watch.seen.add("uncaught in " + thread.getName() + ": " + e));
        return watch;
    }

    @Override
    public void publish(LogRecord record) {
        // LinkChannelFaultsTest provokes runtime "bugs" on purpose; the log limiter may sum them
        // up later, while another test watches.
        boolean provoked = record.getMessage() != null && record.getMessage().contains("LinkChannelFaultsTest$");
        if (isLoggable(record) && !provoked) {
            seen.add(record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage()
                    + (record.getThrown() != null ? " " + record.getThrown() : ""));
        }
    }

    /**
     * Gives the leak detector its chance — it reports a leaked buffer when a later allocation
     * finds it collected — then asserts that nothing was seen.
     */
    void assertNone(String context) throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            for (int j = 0; j < 64; j++) {
                ByteBufAllocator.DEFAULT.buffer(16).release();
                ByteBufAllocator.DEFAULT.directBuffer(16).release();
            }
        }
        if (!(InternalLoggerFactory.getDefaultFactory() instanceof JdkLoggerFactory)) {
            System.err.println("NettyWatch: Netty does not log through java.util.logging here, "
                    + "so its warnings and leak reports were not checked");
        }
        assertThat(seen).as("%s: uncaught exceptions, and warnings or errors logged by Netty or Erg", context).isEmpty();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        netty.removeHandler(this);
        erg.removeHandler(this);
        bouncyCastle.setLevel(bouncyCastleLevel);
        ResourceLeakDetector.setLevel(previousLeakLevel);
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }
}
