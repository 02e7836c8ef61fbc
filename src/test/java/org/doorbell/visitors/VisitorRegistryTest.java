package org.doorbell.visitors;

import static org.doorbell.testing.TestVisitors.randomFace;
import static org.doorbell.testing.TestVisitors.sameFace;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.doorbell.face.FaceEncoding;
import org.doorbell.testing.MutableClock;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.store.VisitorStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Matching, registering and visit counting, with the reference numbers (0.65, 5 min, 10 s). */
class VisitorRegistryTest {
    private static final Instant START = Instant.parse("2026-11-25T19:00:00Z");
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, 1, 2, 3};

    private final Random random = new Random(42);
    private final MutableClock clock = new MutableClock(START);
    private final VisitorRegistry registry = new VisitorRegistry(VisitorSettings.DEFAULTS, clock, List.of());

    @TempDir
    Path tmp;

    @Test
    void listenersAreToldOfEachVisitThatStartsAndEachSightingInAVisit() {
        List<String> told = new java.util.ArrayList<>();
        registry.addVisitListener(new VisitListener() {
            @Override
            public void visitStarted(Visitor v, boolean newVisitor, Instant at) {
                told.add("start #" + v.id() + (newVisitor ? " new" : "") + " visits " + v.visits() + " at " + at);
            }

            @Override
            public void seen(Visitor v, Instant at) {
                told.add("seen #" + v.id() + " at " + at);
            }
        });
        registry.addVisitListener(new VisitListener() {  // a failing listener changes nothing for the others
            @Override
            public void visitStarted(Visitor v, boolean newVisitor, Instant at) {
                throw new IllegalStateException("broken");
            }

            @Override
            public void seen(Visitor v, Instant at) {
                throw new IllegalStateException("broken");
            }
        });
        long id = registry.register(randomFace(random), JPEG).visitor().id();
        clock.advance(Duration.ofMinutes(4));
        registry.seen(id);
        clock.advance(Duration.ofMinutes(6));
        registry.seen(id);
        assertEquals(List.of("start #1 new visits 1 at 2026-11-25T19:00:00Z", "seen #1 at 2026-11-25T19:04:00Z",
                "start #1 visits 2 at 2026-11-25T19:10:00Z"), told);
        assertEquals(2, registry.find(id).orElseThrow().visits());
    }

    @Test
    void anUnknownFaceRegistersANewVisitor() {
        AtomicInteger thumbnails = new AtomicInteger();
        Sighting s = registry.observe(randomFace(random), () -> {
            thumbnails.incrementAndGet();
            return JPEG;
        });
        assertTrue(s.isNew());
        assertTrue(Double.isNaN(s.distance()));
        Visitor v = s.visitor();
        assertEquals(1, v.id());
        assertArrayEquals(JPEG, v.thumbnailJpeg());
        assertEquals(START, v.firstSeen());
        assertEquals(START, v.lastSeen());
        assertEquals(START, v.firstSeenThisInteraction());
        assertEquals(1, v.visits());
        assertEquals(1, v.seenFrames());
        assertEquals(1, thumbnails.get());
        assertEquals(1, registry.size());
    }

    @Test
    void theSamePersonMatchesAndTheThumbnailIsNotTakenAgain() {
        FaceEncoding alice = randomFace(random);
        registry.observe(alice, () -> JPEG);
        clock.advance(Duration.ofSeconds(2));
        FaceEncoding again = sameFace(alice, random);
        Sighting s = registry.observe(again, () -> {
            throw new AssertionError("thumbnail taken for a known visitor");
        });
        assertFalse(s.isNew());
        assertEquals(alice.distanceTo(again), s.distance());
        assertTrue(s.distance() > 0.2 && s.distance() < 0.4, "same person about 0.3 away: " + s.distance());
        assertEquals(1, s.visitor().id());
        assertEquals(2, s.visitor().seenFrames());
        assertEquals(START.plusSeconds(2), s.visitor().lastSeen());
        assertEquals(1, s.visitor().visits());
        assertEquals(1, registry.size());
    }

    @Test
    void aDifferentPersonIsANewVisitor() {
        FaceEncoding alice = randomFace(random);
        FaceEncoding bob = randomFace(random);
        assertTrue(alice.distanceTo(bob) > 1.2, "random faces about 1.4 apart: " + alice.distanceTo(bob));
        registry.observe(alice, () -> JPEG);
        Sighting s = registry.observe(bob, () -> JPEG);
        assertTrue(s.isNew());
        assertEquals(2, s.visitor().id());
        assertEquals(2, registry.size());
    }

    @Test
    void matchesBelowTheToleranceOnly() {
        double[] base = new double[FaceEncoding.DIMENSIONS];
        registry.observe(FaceEncoding.of(base), () -> JPEG);

        Sighting below = registry.observe(offset(base, 0.6499), () -> JPEG);
        assertFalse(below.isNew());
        assertEquals(0.6499, below.distance(), 1e-7, "encodings are floats");

        // 0.65 itself is no float: the nearest float above it
        Sighting at = registry.observe(offset(base, Math.nextUp(0.65f)), () -> JPEG);
        assertTrue(at.isNew(), "a distance of the tolerance or more is not a match");
        assertEquals(2, at.visitor().id());

        VisitorRegistry fresh = new VisitorRegistry(VisitorSettings.DEFAULTS, clock, List.of());
        fresh.observe(FaceEncoding.of(base), () -> JPEG);
        assertTrue(fresh.observe(offset(base, 0.7), () -> JPEG).isNew());
    }

    @Test
    void theNearestVisitorWins() {
        double[] base = new double[FaceEncoding.DIMENSIONS];
        registry.observe(offset(base, 0.0), () -> JPEG);
        registry.observe(offset(base, 1.0), () -> JPEG);
        // 0.55 from the first, 0.45 from the second: both within the tolerance
        Sighting s = registry.observe(offset(base, 0.55), () -> JPEG);
        assertEquals(2, s.visitor().id());
        assertEquals(0.45, s.distance(), 1e-7);
        Sighting t = registry.observe(offset(base, 0.45), () -> JPEG);
        assertEquals(1, t.visitor().id());
    }

    @Test
    void sixMinutesUnseenIsASecondVisit() {
        FaceEncoding alice = randomFace(random);
        registry.observe(alice, () -> JPEG);
        clock.advance(Duration.ofMinutes(6));
        Visitor v = registry.observe(sameFace(alice, random), () -> JPEG).visitor();
        assertEquals(2, v.visits());
        assertEquals(START.plus(Duration.ofMinutes(6)), v.firstSeenThisInteraction());
        assertEquals(START, v.firstSeen());
        assertEquals(2, v.seenFrames());
    }

    @Test
    void fiveMinutesUnseenIsStillTheSameVisit() {
        FaceEncoding alice = randomFace(random);
        registry.observe(alice, () -> JPEG);
        clock.advance(Duration.ofMinutes(5));
        assertEquals(1, registry.observe(sameFace(alice, random), () -> JPEG).visitor().visits());
    }

    @Test
    void standingAtTheDoorForSixMinutesIsOneVisit() {
        FaceEncoding alice = randomFace(random);
        registry.observe(alice, () -> JPEG);
        Visitor v = null;
        for (int i = 0; i < 36; i++) {
            clock.advance(Duration.ofSeconds(10));
            v = registry.observe(sameFace(alice, random), () -> JPEG).visitor();
        }
        assertEquals(1, v.visits());
        assertEquals(37, v.seenFrames());
        assertEquals(START, v.firstSeenThisInteraction());
        assertEquals(Duration.ofMinutes(6), registry.atDoor(v));
    }

    @Test
    void seenUpdatesAKnownVisitorAndIsEmptyForAnUnknownId() {
        registry.observe(randomFace(random), () -> JPEG);
        clock.advance(Duration.ofMinutes(6));
        Sighting s = registry.seen(1).orElseThrow();
        assertFalse(s.isNew());
        assertTrue(Double.isNaN(s.distance()));
        assertEquals(2, s.visitor().visits());
        assertEquals(2, s.visitor().seenFrames());
        assertEquals(clock.instant(), s.visitor().lastSeen());
        assertTrue(registry.seen(2).isEmpty());
        assertTrue(registry.seen(0).isEmpty());
    }

    @Test
    void recentHoldsVisitorsSeenInTheLastTenSecondsNewestFirst() {
        FaceEncoding alice = randomFace(random);
        FaceEncoding bob = randomFace(random);
        FaceEncoding carol = randomFace(random);
        registry.observe(alice, () -> JPEG);
        clock.advance(Duration.ofSeconds(5));
        registry.observe(bob, () -> JPEG);
        clock.advance(Duration.ofSeconds(3));
        registry.observe(carol, () -> JPEG);
        assertEquals(List.of(3L, 2L, 1L), ids(registry.recent()));

        clock.advance(Duration.ofSeconds(2)); // alice seen exactly 10 s ago: still recent
        assertEquals(List.of(3L, 2L, 1L), ids(registry.recent()));
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of(3L, 2L), ids(registry.recent()));

        registry.observe(sameFace(alice, random), () -> JPEG);
        assertEquals(List.of(1L, 3L, 2L), ids(registry.recent()));
        clock.advance(Duration.ofSeconds(20));
        assertEquals(List.of(), registry.recent());
        assertEquals(List.of(1L, 3L, 2L), ids(registry.all()));
    }

    @Test
    void recentFollowsLoadsEditsAndForgetsWithoutScanningEveryone() {
        Visitor justSeen = stored(1, START.minusSeconds(3));
        Visitor longAgo = stored(2, START.minus(Duration.ofHours(1)));
        Visitor ahead = stored(3, START.plusSeconds(5));  // stored by a wall clock that was ahead
        VisitorRegistry r = new VisitorRegistry(VisitorSettings.DEFAULTS, clock, List.of(longAgo, ahead, justSeen));
        assertEquals(List.of(1L), ids(r.recent()));
        clock.advance(Duration.ofSeconds(6));
        assertEquals(List.of(3L, 1L), ids(r.recent()), "the future sighting is recent once the run passes it");

        r.applyEdits(new VisitorStore.Edits(1, List.of(longAgo.withName("Alice")), java.util.Set.of(1L)));
        assertEquals(List.of(3L), ids(r.recent()), "a forgotten visitor leaves the strip; a rename does not bring one");
        r.seen(2);
        assertEquals(List.of(2L, 3L), ids(r.recent()));
        clock.advance(Duration.ofSeconds(20));
        assertEquals(List.of(), r.recent());

        Visitor split = stored(10, clock.instant());
        r.applyEdits(new VisitorStore.Edits(2, List.of(split), java.util.Set.of()));
        assertEquals(List.of(10L), ids(r.recent()), "a visitor an edit made, seen just now");
        Visitor renamed = r.find(2).orElseThrow().withName("Bob");
        r.applyEdits(new VisitorStore.Edits(3, List.of(renamed), java.util.Set.of()));
        assertEquals(List.of(10L), ids(r.recent()));
    }

    @Test
    void recentIsEveryVisitorSeenWithinTheWindowAfterRandomWork() {
        List<Visitor> loaded = new java.util.ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            loaded.add(stored(i, START.minusMillis(random.nextInt(60_000))));
        }
        VisitorRegistry r = new VisitorRegistry(VisitorSettings.DEFAULTS, clock, loaded);
        long seq = 0;
        for (int step = 0; step < 2000; step++) {
            switch (random.nextInt(6)) {
                case 0 -> r.observe(randomFace(random), () -> JPEG);
                case 1, 2 -> r.seen(1 + random.nextInt(r.size() + 20));
                case 3 -> clock.advance(Duration.ofMillis(random.nextInt(4000)));
                case 4 -> {
                    Visitor v = r.snapshot().get(random.nextInt(r.size()));
                    r.applyEdits(new VisitorStore.Edits(++seq, List.of(v.withName("N" + step)), java.util.Set.of()));
                }
                default -> {
                    if (r.size() > 50) {
                        long id = r.snapshot().get(random.nextInt(r.size())).id();
                        r.applyEdits(new VisitorStore.Edits(++seq, List.of(), java.util.Set.of(id)));
                    }
                }
            }
            Instant now = clock.instant();
            List<Long> expected = ids(r.all().stream().filter(v -> !v.lastSeen().isAfter(now)
                    && Duration.between(v.lastSeen(), now).compareTo(Duration.ofSeconds(10)) <= 0).toList());
            assertEquals(expected, ids(r.recent()), "step " + step);
        }
    }

    private Visitor stored(long id, Instant lastSeen) {
        return new Visitor(id, randomFace(random), JPEG, lastSeen.minusSeconds(60), lastSeen, lastSeen, 1, 1);
    }

    @Test
    void atDoorIsTheTimeSinceTheVisitBeganWhileTheVisitorIsRecent() {
        FaceEncoding alice = randomFace(random);
        registry.observe(alice, () -> JPEG);
        clock.advance(Duration.ofSeconds(8));
        Visitor v = registry.observe(sameFace(alice, random), () -> JPEG).visitor();
        clock.advance(Duration.ofSeconds(4));
        assertEquals(Duration.ofSeconds(12), registry.atDoor(v));
        clock.advance(Duration.ofSeconds(7));
        assertEquals(Duration.ZERO, registry.atDoor(v), "gone for more than 10 s");
    }

    @Test
    void findSnapshotAndVersion() {
        long v0 = registry.version();
        registry.observe(randomFace(random), () -> JPEG);
        long v1 = registry.version();
        assertNotEquals(v0, v1);
        registry.observe(randomFace(random), () -> JPEG);
        long v2 = registry.version();
        assertNotEquals(v1, v2);
        registry.seen(1);
        assertNotEquals(v2, registry.version());
        long v3 = registry.version();
        registry.recent();
        registry.all();
        registry.seen(99);
        assertEquals(v3, registry.version(), "reading and unknown ids change nothing");

        assertEquals(2, registry.find(2).orElseThrow().id());
        assertTrue(registry.find(3).isEmpty());
        assertEquals(List.of(1L, 2L), ids(registry.snapshot()));
        assertThrows(UnsupportedOperationException.class, () -> registry.snapshot().clear());
    }

    @Test
    void timesAreKeptToTheMillisecondAsTheStoreKeepsThem() {
        clock.advance(Duration.ofNanos(1_234_567));
        Visitor v = registry.observe(randomFace(random), () -> JPEG).visitor();
        assertEquals(START.plusMillis(1), v.lastSeen());
    }

    @Test
    void idsAreNeverReusedAfterAReload() throws Exception {
        Path file = tmp.resolve("known_faces.db");
        FaceEncoding alice = randomFace(random);
        registry.observe(alice, () -> JPEG);
        registry.observe(randomFace(random), () -> JPEG);
        registry.observe(randomFace(random), () -> JPEG);
        // keep only visitors 1 and 3, as if 2 had been forgotten
        try (VisitorStore store = VisitorStores.open(file, TestVisitors.MODEL)) {
            store.save(List.of(registry.find(3).orElseThrow(), registry.find(1).orElseThrow()));
        }

        VisitorRegistry reloaded;
        try (VisitorStore store = VisitorStores.open(file, TestVisitors.MODEL)) {
            reloaded = new VisitorRegistry(VisitorSettings.DEFAULTS, clock, store.load());
        }
        assertEquals(2, reloaded.size());
        assertEquals(1, reloaded.observe(sameFace(alice, random), () -> JPEG).visitor().id());
        assertEquals(4, reloaded.observe(randomFace(random), () -> JPEG).visitor().id());
        assertEquals(List.of(1L, 3L, 4L), ids(reloaded.snapshot()));
    }

    @Test
    void refusesRepeatedOrNonPositiveIds() {
        List<Visitor> two = TestVisitors.visitors(2, 1, 10);
        Visitor first = two.get(0);
        assertThrows(IllegalArgumentException.class,
                () -> new VisitorRegistry(VisitorSettings.DEFAULTS, clock, List.of(first, first)));
        Visitor zero = new Visitor(0, first.encoding(), first.thumbnailJpeg(), first.firstSeen(), first.lastSeen(),
                first.firstSeenThisInteraction(), 1, 1);
        assertThrows(IllegalArgumentException.class,
                () -> new VisitorRegistry(VisitorSettings.DEFAULTS, clock, List.of(zero)));
    }

    /** The zero-based encoding moved by {@code d} along the first axis: exactly {@code d} from it. */
    private static FaceEncoding offset(double[] base, double d) {
        double[] v = base.clone();
        v[0] += d;
        return FaceEncoding.of(v);
    }

    private static List<Long> ids(List<Visitor> visitors) {
        return visitors.stream().map(Visitor::id).toList();
    }

    /**
     * The reference rule scans the visitors outside the registry's lock: while corrections add and
     * remove other visitors meanwhile, every face still goes to its own visitor (never to one at an
     * index that moved) and nobody is registered twice.
     */
    @Test
    void theReferenceRuleMatchesRightWhileVisitorsComeAndGo() throws Exception {
        Random random = new Random(3);
        List<FaceEncoding> faces = new java.util.ArrayList<>();
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            faces.add(randomFace(random));
            ids.add(registry.register(faces.get(i), JPEG).visitor().id());  // 1-50
        }
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread corrections = new Thread(() -> {
            Random r = new Random(4);
            for (long seq = 1; !stop.get(); seq += 2) {
                // one of visitors 1-10 forgotten, then back with another face: the later visitors'
                // places in the registry move down and up again
                long id = 1 + r.nextInt(10);
                registry.applyEdits(new VisitorStore.Edits(seq, List.of(), java.util.Set.of(id)));
                registry.applyEdits(new VisitorStore.Edits(seq + 1,
                        List.of(new Visitor(id, randomFace(r), JPEG, START, START, START, 1, 1)), java.util.Set.of()));
            }
        });
        corrections.start();
        try {
            for (int round = 0; round < 200; round++) {
                int i = 10 + round % 40;
                Sighting s = registry.observe(sameFace(faces.get(i), random), () -> JPEG);
                assertFalse(s.isNew(), "round " + round);
                assertEquals(ids.get(i), s.visitor().id(), "round " + round);
            }
        } finally {
            stop.set(true);
            corrections.join();
        }
    }
}
