package org.doorbell.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waiting in tests for something another thread or process does: the condition is checked at
 * once and then every {@link #POLL} until it holds or the timeout has passed, so a test waits
 * only as long as the work takes, and a slow machine gets the whole timeout.
 */
public final class Await {
    /** How often the condition is checked again. */
    public static final Duration POLL = Duration.ofMillis(10);

    /** A condition that may throw, such as one that reads a file or asks another process. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /** Whether {@code condition} held within {@code timeout} (checked once more at the end). */
    public static boolean until(Condition condition, Duration timeout) throws Exception {
        return until(condition, timeout, POLL);
    }

    /** As {@link #until(Condition, Duration)}, checking every {@code poll} (for a costly check). */
    public static boolean until(Condition condition, Duration timeout, Duration poll) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline >= 0) {
                return condition.holds();
            }
            Thread.sleep(poll.toMillis());  // the pause between checks
        }
        return true;
    }

    /** Waits for {@code condition}; fails, saying {@code what} was awaited, if it does not hold within {@code timeout}. */
    public static void await(Condition condition, Duration timeout, String what) throws Exception {
        assertTrue(until(condition, timeout), () -> "timed out after " + timeout.toMillis() + " ms waiting for " + what);
    }

    /** As {@link #await(Condition, Duration, String)}, checking every {@code poll} (for a costly check). */
    public static void await(Condition condition, Duration timeout, Duration poll, String what) throws Exception {
        assertTrue(until(condition, timeout, poll), () -> "timed out after " + timeout.toMillis() + " ms waiting for " + what);
    }

    /** As {@link #await(Condition, Duration, String)}, the message made only on failure (the state then). */
    public static void await(Condition condition, Duration timeout, Supplier<String> what) throws Exception {
        assertTrue(until(condition, timeout), () -> "timed out after " + timeout.toMillis() + " ms waiting for "
                + what.get());
    }
}
