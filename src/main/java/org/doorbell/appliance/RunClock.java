package org.doorbell.appliance;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The run's time: the wall clock's instant at start, or the newest instant in the store if the
 * wall clock is behind it (a board without a clock battery boots with an old time), moved on by a
 * monotonic clock. It never goes back and never jumps, whatever NTP or a person does to the wall
 * clock during the run, so the durations of visits measured on it are always true. Thread-safe.
 */
public final class RunClock extends Clock {
    private final LongSupplier nanos;
    /** Where the run's time stands at a monotonic reading; replaced whole, so readers see one pair. */
    private volatile Anchor anchor;

    private record Anchor(Instant at, long nanos) {
    }

    /**
     * @param wall  the wall clock, read once, at start
     * @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    public RunClock(Clock wall, LongSupplier nanos) {
        this.nanos = Objects.requireNonNull(nanos);
        this.anchor = new Anchor(wall.instant(), nanos.getAsLong());
    }

    /** The system's wall clock and {@link System#nanoTime()}. */
    public static RunClock system() {
        return new RunClock(Clock.systemUTC(), System::nanoTime);
    }

    /**
     * Moves the run's time forward to just after {@code instant} if it is behind it (called at start
     * with the newest instant stored); never moves it back.
     *
     * @return whether it moved
     */
    public synchronized boolean notBefore(Instant instant) {
        long now = nanos.getAsLong();
        Anchor a = anchor;
        if (!a.at().plusNanos(now - a.nanos()).isBefore(instant)) {
            return false;
        }
        anchor = new Anchor(instant.plusMillis(1), now);
        return true;
    }

    @Override
    public Instant instant() {
        Anchor a = anchor;
        return a.at().plusNanos(nanos.getAsLong() - a.nanos());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the run's clock has no zone");
    }
}
