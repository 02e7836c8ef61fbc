package org.doorbell.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.Retention;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorEditor;
import org.doorbell.visitors.VisitorRegistry;
import org.doorbell.visitors.VisitorSettings;
import org.doorbell.visitors.VisitorStore;
import org.doorbell.visitors.store.VisitorStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention rules on a real store: who is forgotten, who is kept, and a wrong clock. */
class RetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    /** Visitor i last seen i * 10 days ago; every third one named. */
    private static List<Visitor> visitors(int count) {
        Random random = new Random(9);
        List<Visitor> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Instant last = NOW.minus(Duration.ofDays(10L * i));
            Visitor v = new Visitor(i, TestVisitors.randomFace(random), new byte[] {(byte) i}, last.minusSeconds(60), last,
                    last.minusSeconds(60), 1, 5);
            out.add(i % 3 == 0 ? v.withName("Friend " + i) : v);
        }
        return out;
    }

    @Test
    void aWallClockYearsAheadDoesNotWipeTheStore() {
        VisitorSettings settings = VisitorSettings.DEFAULTS;
        Retention.Choice right = Retention.choose(visitors(12), NOW, settings);
        Retention.Choice wrong = Retention.choose(visitors(12), NOW.plus(Duration.ofDays(3650)), settings);
        assertEquals(List.of(11L), right.stale());
        assertEquals(right, wrong);
        assertTrue(Retention.choose(visitors(12), NOW, settings.withRetention(Duration.ZERO, 0)).isEmpty(),
                "zero: never");
    }

    @Test
    void unnamedVisitorsUnseenForTooLongAndTheOldestPastTheLimitAreForgotten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("known_faces.db");
        VisitorSettings settings = VisitorSettings.DEFAULTS.withRetention(Duration.ofDays(90), 5);
        try (VisitorStore store = VisitorStores.open(file, TestVisitors.MODEL)) {
            store.load();
            store.save(visitors(12));
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            VisitorRegistry registry = new VisitorRegistry(settings, clock, store.load());
            VisitorEditor editor = new VisitorEditor(store, clock, settings.newVisitAfter(), registry);
            RetentionSchedule schedule = new RetentionSchedule(registry, editor, settings, clock);
            assertEquals(7, schedule.runNow());
            // counted back from the newest sighting (10 days ago): unnamed 11 was unseen for more than 90
            // days; then 11 are left, and the limit of 5 takes the six least recently seen unnamed ones;
            // the named ones stay, however old
            List<Long> left = VisitorStores.readAny(file).stream().map(Visitor::id).collect(Collectors.toList());
            assertEquals(List.of(1L, 3L, 6L, 9L, 12L), left);
            assertEquals(left, registry.all().stream().map(Visitor::id).sorted().collect(Collectors.toList()),
                    "the running registry forgot them too");
            assertEquals(0, schedule.runNow(), "nothing more to forget");
            assertTrue(store.newId() > 12, "forgotten ids are not given again");
        }
    }
}
