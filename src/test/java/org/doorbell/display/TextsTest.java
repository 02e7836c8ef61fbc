package org.doorbell.display;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Dates and durations as the screens word them, in the clock's zone. */
class TextsTest {
    /** 00:30 on Thursday 26 November in Berlin, still the 25th in UTC. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T23:30:00Z"), ZoneId.of("Europe/Berlin"));

    @Test
    void datesAreLocalAndRelativeToToday() {
        assertEquals("Today, 00:10", Texts.when(Instant.parse("2026-11-25T23:10:00Z"), CLOCK));
        assertEquals("Yesterday, 23:59", Texts.when(Instant.parse("2026-11-25T22:59:00Z"), CLOCK));
        assertEquals("Mon 23 Nov, 09:05", Texts.when(Instant.parse("2026-11-23T08:05:00Z"), CLOCK));
        assertEquals("31 Dec 2025, 18:00", Texts.when(Instant.parse("2025-12-31T17:00:00Z"), CLOCK));
    }

    @Test
    void atTheDoorInSecondsThenMinutes() {
        assertEquals("At door 12s now", Texts.atDoor(Duration.ofSeconds(12)));
        assertEquals("At door 3m 05s now", Texts.atDoor(Duration.ofSeconds(185)));
        assertEquals("Not at the door", Texts.atDoor(Duration.ZERO));
        assertEquals("Not at the door", Texts.atDoor(null));
    }
}
