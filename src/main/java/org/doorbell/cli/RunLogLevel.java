package org.doorbell.cli;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code run} logs at INFO, the other commands at WARN. The appliance's journal is its only
 * account of itself (start-up facts, new visitors, camera outages, the stats line every minute),
 * while a one-shot command's stderr should carry only what went wrong. logback.xml's root level
 * is WARN unless {@code DOORBELL_LOG_LEVEL} says otherwise; {@code run} raises it to INFO for its
 * duration, and never overrides a level that the variable (or the same system property) chose.
 */
final class RunLogLevel implements AutoCloseable {
    static final String VARIABLE = "DOORBELL_LOG_LEVEL";

    private final ch.qos.logback.classic.Logger root;
    private final Level previous;

    private RunLogLevel(ch.qos.logback.classic.Logger root, Level previous) {
        this.root = root;
        this.previous = previous;
    }

    /** INFO until {@link #close()}, unless DOORBELL_LOG_LEVEL is set or logback is not the logger. */
    static RunLogLevel info() {
        boolean chosen = System.getenv(VARIABLE) != null || System.getProperty(VARIABLE) != null;
        if (!chosen && LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            Level previous = root.getLevel();
            root.setLevel(Level.INFO);
            return new RunLogLevel(root, previous);
        }
        return new RunLogLevel(null, null);
    }

    /** Puts the level back (the command line may run other commands in the same process, as tests do). */
    @Override
    public void close() {
        if (root != null) {
            root.setLevel(previous);
        }
    }
}
