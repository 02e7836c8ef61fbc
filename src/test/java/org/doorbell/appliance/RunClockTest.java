package org.doorbell.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.doorbell.testing.MutableClock;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorRegistry;
import org.doorbell.visitors.VisitorSettings;
import org.junit.jupiter.api.Test;

/**
 * The run's clock and the visitor registry under a wall clock that is stepped back and forward
 * during a run, or found behind the store at start: durations never go negative, nobody stays
 * "recent", no visit starts or splits spuriously, and stored instants never go back.
 */
class RunClockTest {
    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    /** The monotonic clock, and the wall clock moving with it unless stepped. */
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final MutableClock wall = new MutableClock(T);

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
        wall.advance(d);
    }

    @Test
    void aWallClockSteppedBackOrForwardDuringARunChangesNoDuration() {
        RunClock run = new RunClock(wall, nanos::get);
        VisitorRegistry registry = new VisitorRegistry(VisitorSettings.DEFAULTS, run, wall, List.of());
        Visitor v = registry.register(TestVisitors.randomFace(new Random(1)), new byte[] {1}).visitor();
        Duration lastAtDoor = Duration.ZERO;
        Instant lastStored = v.lastSeen();
        for (int second = 1; second <= 90; second++) {
            advance(Duration.ofSeconds(1));
            if (second == 30) {
                wall.advance(Duration.ofHours(-3));  // stepped back
            }
            if (second == 60) {
                wall.advance(Duration.ofHours(6));  // stepped forward past the truth
            }
            Visitor seen = registry.seen(v.id()).orElseThrow().visitor();
            Duration atDoor = registry.atDoor(seen);
            assertEquals(Duration.ofSeconds(second), atDoor, "at the door, second " + second);
            assertTrue(atDoor.compareTo(lastAtDoor) > 0);
            assertEquals(1, seen.visits(), "one visit, second " + second);
            assertFalse(seen.lastSeen().isBefore(lastStored), "stored times never go back, second " + second);
            assertEquals(List.of(seen), registry.recent(), "recent, second " + second);
            lastAtDoor = atDoor;
            lastStored = seen.lastSeen();
        }
        assertEquals(wall.instant(), lastStored, "after a step forward, stored instants are the wall clock's");
        // gone for 20 s of the run's time while the wall clock is stepped back a day: not recent
        advance(Duration.ofSeconds(20));
        wall.advance(Duration.ofDays(-1));
        assertTrue(registry.recent().isEmpty(), "nobody stays recent");
        assertEquals(Duration.ZERO, registry.atDoor(registry.find(v.id()).orElseThrow()));
        // back after 6 minutes of the run's time: a new visit, however the wall clock moved
        advance(Duration.ofMinutes(6));
        assertEquals(2, registry.seen(v.id()).orElseThrow().visitor().visits());
    }

    @Test
    void aWallClockBehindTheStoreAtStartTimesTheRunFromTheStore() {
        Instant newest = T.plus(Duration.ofDays(400));  // stored by a good clock; this boot's clock is behind
        Visitor stored = new Visitor(1, TestVisitors.randomFace(new Random(2)), new byte[] {1}, newest.minusSeconds(60),
                newest, newest.minusSeconds(60), 3, 40);
        RunClock run = new RunClock(wall, nanos::get);
        assertTrue(run.notBefore(newest));
        assertFalse(run.notBefore(newest), "only forward, once");
        VisitorRegistry registry = new VisitorRegistry(VisitorSettings.DEFAULTS, run, wall, List.of(stored));
        assertTrue(run.instant().isAfter(newest));
        Duration atDoor = registry.atDoor(stored);
        assertFalse(atDoor.isNegative(), "at the door " + atDoor);
        advance(Duration.ofSeconds(11));
        assertTrue(registry.recent().isEmpty(), "recent no longer than the window");
        advance(Duration.ofMinutes(6));
        Visitor seen = registry.seen(1).orElseThrow().visitor();
        assertEquals(4, seen.visits(), "a new visit after six minutes of the run's time");
        assertFalse(seen.lastSeen().isBefore(newest), "stored times never go back before the store's");
        assertEquals(Duration.ZERO, registry.atDoor(seen), "just arrived");
    }

    @Test
    void aVisitorStoredInTheFutureOfTheRunIsNotStuckRecent() {
        // the wall clock was ahead when another process wrote this visitor
        Instant future = T.plus(Duration.ofDays(30));
        Visitor edited = new Visitor(1, TestVisitors.randomFace(new Random(3)), new byte[] {1}, future, future, future,
                2, 10);
        RunClock run = new RunClock(wall, nanos::get);
        VisitorRegistry registry = new VisitorRegistry(VisitorSettings.DEFAULTS, run, wall, List.of(edited));
        assertTrue(registry.recent().isEmpty(), "not recent");
        assertEquals(Duration.ZERO, registry.atDoor(edited));
        advance(Duration.ofSeconds(1));
        Visitor seen = registry.seen(1).orElseThrow().visitor();
        assertEquals(3, seen.visits(), "its next sighting is a new visit");
        advance(Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(5), registry.atDoor(registry.find(1).orElseThrow()));
    }
}
