package org.doorbell.camera;

import java.time.Duration;

/** Waits between attempts: the first wait, doubled after each failure up to a ceiling. */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private Duration next;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max.compareTo(initial) < 0 ? initial : max;
        this.next = initial;
    }

    /** The wait before the coming attempt; the one after is twice as long (at most the ceiling). */
    Duration next() {
        Duration wait = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return wait;
    }

    /** Frames flow again: the next failure waits the first wait. */
    void reset() {
        next = initial;
    }
}
