package org.doorbell.recognition;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The visitor registry's clock: the capture time of the frame being recognised, so that visits
 * are timed by when faces were seen, not by when the recogniser got to them.
 */
final class FrameClock extends Clock {
    private volatile Instant now;

    FrameClock(Instant start) {
        this.now = start;
    }

    void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a frame clock has no zone");
    }
}
