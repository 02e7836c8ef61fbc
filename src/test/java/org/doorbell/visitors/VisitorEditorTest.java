package org.doorbell.visitors;

import static org.doorbell.testing.TestVisitors.MODEL;
import static org.doorbell.testing.TestVisitors.assertSameVisitor;
import static org.doorbell.testing.TestVisitors.assertSameVisitors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.store.VisitorStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner's corrections on a real SQLite store: what each does, undo, and the running registry. */
class VisitorEditorTest {
    private static final Duration NEW_VISIT = Duration.ofMinutes(5);
    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    Path dir;
    private Path file;
    private VisitorStore store;
    private VisitorEditor editor;

    @BeforeEach
    void open() throws Exception {
        file = dir.resolve("known_faces.db");
        store = VisitorStores.open(file, MODEL);
        store.load();
        editor = new VisitorEditor(store, Clock.fixed(T, ZoneOffset.UTC), NEW_VISIT, null);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A visitor seen at the given visits (each a minute long, one sample and picture each). */
    private static Visitor visitor(long id, Random random, Instant... visits) {
        List<FaceSample> samples = new ArrayList<>();
        var face = TestVisitors.randomFace(random);
        byte[] thumbnail = bytes(random);
        Visitor v = null;
        for (Instant start : visits) {
            FaceSample s = new FaceSample(TestVisitors.sameFace(face, random), 0.5 + random.nextDouble() / 4, start);
            if (v == null) {
                samples.add(s);
                v = new Visitor(id, null, samples, thumbnail, 0.5, start, start, start, 1, 1);
            } else {
                v = v.seenAt(start, NEW_VISIT);
                List<FaceSample> more = new ArrayList<>(v.samples());
                more.add(s);
                v = v.withViews(more, bytes(random), 0.6);
            }
            v = v.seenAt(start.plusSeconds(60), NEW_VISIT);
        }
        return v;
    }

    private static byte[] bytes(Random random) {
        byte[] b = new byte[300];
        random.nextBytes(b);
        return b;
    }

    private Visitor stored(long id) throws Exception {
        return store.load().stream().filter(v -> v.id() == id).findFirst().orElse(null);
    }

    @Test
    void aNameIsGivenClearedAndUndone() throws Exception {
        Visitor v = visitor(1, new Random(1), T);
        store.save(List.of(v));
        VisitorEditor.Outcome named = editor.rename(1, "  Alice   Smith ");
        assertTrue(named.done(), named.message());
        assertEquals("Visitor #1 is now Alice Smith.", named.message());
        assertEquals("Alice Smith", stored(1).name());
        assertFalse(editor.rename(1, "x".repeat(41)).done(), "a name of 41 characters");
        assertEquals("Alice Smith is Visitor #1 again.", editor.rename(1, " ").message());
        assertNull(stored(1).name());
        editor.undo(editor.rename(1, "Bob"));
        assertSameVisitor(v, stored(1));
        assertFalse(editor.rename(7, "Nobody").done(), "no visitor 7");
    }

    @Test
    void aMergeKeepsEveryVisitTheEarliestFirstSeenAndBothGalleries() throws Exception {
        Random random = new Random(2);
        Visitor early = visitor(1, random, T, T.plusSeconds(3600));
        Visitor late = visitor(2, random, T.plusSeconds(86_400));
        store.save(List.of(early, late));
        VisitorEditor.Outcome merged = editor.merge(1, 2);
        assertTrue(merged.done(), merged.message());
        assertEquals("Visitor #1 merged into Visitor #2: 3 visits.", merged.message());
        List<Visitor> now = store.load();
        assertEquals(1, now.size());
        Visitor m = now.get(0);
        assertEquals(2, m.id());
        assertEquals(T, m.firstSeen(), "the earliest first seen");
        assertEquals(late.lastSeen(), m.lastSeen());
        assertEquals(3, m.visits());
        assertEquals(early.seenFrames() + late.seenFrames(), m.seenFrames());
        assertEquals(late.samples().get(0), m.samples().get(0), "the target's registration sample first");
        assertEquals(early.samples().size() + late.samples().size(), m.samples().size());
        assertTrue(m.samples().containsAll(early.samples()));
        assertTrue(store.newId() > 2, "the merged id is never given again");

        editor.undo(merged);
        assertSameVisitors(List.of(early, late), store.load());
        assertFalse(editor.merge(2, 2).done(), "into itself");
    }

    @Test
    void twoVisitorsOfOnePersonAtTheSameVisitCountItOnce() throws Exception {
        Random random = new Random(3);
        Visitor a = visitor(1, random, T);
        Visitor b = visitor(2, random, T.plusSeconds(30));
        store.save(List.of(a, b));
        assertTrue(editor.merge(2, 1).done());
        Visitor m = stored(1);
        assertEquals(1, m.visits());
        assertEquals(T, m.firstSeenThisInteraction());
    }

    @Test
    void aSplitMovesTheLatestVisitOffAndLinksTheTwo() throws Exception {
        Random random = new Random(4);
        Visitor v = visitor(1, random, T, T.plusSeconds(3600));
        Visitor once = visitor(2, random, T);
        store.save(List.of(v, once));
        assertFalse(editor.split(2).done(), "nothing to split off a single visit");

        VisitorEditor.Outcome split = editor.split(1);
        assertTrue(split.done(), split.message());
        assertEquals("The latest visit is now Visitor #3.", split.message());
        Visitor kept = stored(1);
        Visitor created = stored(3);
        assertEquals(1, kept.visits());
        assertEquals(1, created.visits());
        assertEquals(List.of(v.samples().get(0)), kept.samples());
        assertEquals(List.of(v.samples().get(1)), created.samples());
        assertArrayEquals(v.visitJpeg(), created.thumbnailJpeg(), "the latest visit's picture goes with it");
        assertArrayEquals(v.thumbnailJpeg(), kept.picture(), "the older picture stays");
        assertEquals(T.plusSeconds(3600), created.firstSeen());
        assertEquals(v.lastSeen(), created.lastSeen());
        assertTrue(kept.lastSeen().isBefore(created.firstSeen()));
        assertEquals(Set.of(3L), kept.notSame());
        assertEquals(Set.of(1L), created.notSame());

        editor.undo(split);
        assertSameVisitors(List.of(v, once), store.load());
        assertTrue(stored(1).notSame().isEmpty(), "the link goes with the undo");
        assertTrue(store.newId() > 3, "the split's id is not given again");
    }

    @Test
    void editsReachTheRunningRegistryAtOnceAndFromOtherProcessesOnRefresh() throws Exception {
        Random random = new Random(5);
        List<Visitor> visitors = List.of(visitor(1, random, T), visitor(2, random, T), visitor(3, random, T));
        store.save(visitors);
        VisitorRegistry registry = new VisitorRegistry(VisitorSettings.DEFAULTS, Clock.fixed(T, ZoneOffset.UTC),
                store.load());
        VisitorEditor running = new VisitorEditor(store, Clock.fixed(T, ZoneOffset.UTC), NEW_VISIT, registry);
        running.rename(1, "Alice");
        assertEquals("Alice", registry.find(1).orElseThrow().name(), "the screen's edit, at once");
        assertEquals(Set.of(1L), registry.drainEdited());

        try (VisitorStore other = VisitorStores.openExisting(file, null)) {
            VisitorEditor cli = VisitorEditor.of(other, Clock.fixed(T, ZoneOffset.UTC));
            assertTrue(cli.merge(3, 2).done());
            assertTrue(cli.forget(1).done());
        }
        assertTrue(registry.find(3).isPresent(), "not before the refresh");
        assertTrue(running.refresh());
        assertFalse(running.refresh(), "nothing new the second time");
        assertTrue(registry.find(1).isEmpty() && registry.find(3).isEmpty());
        assertEquals(1, registry.find(2).orElseThrow().visits(), "two visitors of one visit merged: one visit");
        assertEquals(Set.of(1L, 2L, 3L), registry.drainEdited());

        // the registry's next routine save goes through, and brings nobody back
        registry.seen(2, T.plusSeconds(1));
        store.save(registry.drainChanges().visitors());
        List<Visitor> now = store.load();
        assertEquals(1, now.size(), now.toString());
        assertEquals(registry.find(2).orElseThrow().seenFrames(), now.get(0).seenFrames());
        // a new visitor never takes a forgotten or merged id
        registry.useIds(() -> {
            try {
                return store.newId();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        long id = registry.register(TestVisitors.randomFace(random), new byte[] {1}).visitor().id();
        assertTrue(id > 3, "id " + id);
    }

    @Test
    void aStoreOfSchemaVersionOneIsUpgradedAndEditable() throws Exception {
        store.close();
        Path old = dir.resolve("old.db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + old); Statement s = db.createStatement()) {
            s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("CREATE TABLE visitors (id INTEGER PRIMARY KEY CHECK (id > 0), name TEXT,"
                    + " first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, visit_start INTEGER NOT NULL,"
                    + " visits INTEGER NOT NULL, seen_frames INTEGER NOT NULL, thumbnail_quality REAL NOT NULL,"
                    + " thumbnail BLOB NOT NULL)");
            s.execute("CREATE TABLE samples (visitor_id INTEGER NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,"
                    + " position INTEGER NOT NULL CHECK (position >= 0), encoding BLOB NOT NULL CHECK (length(encoding) = 1024),"
                    + " quality REAL NOT NULL, seen_at INTEGER NOT NULL, PRIMARY KEY (visitor_id, position))");
            s.execute("INSERT INTO meta VALUES ('face_model', '" + MODEL + "')");
            s.execute("INSERT INTO visitors VALUES (4, 'Dora', 1000, 2000, 1500, 2, 9, 0.5, x'0102')");
            s.execute("INSERT INTO samples VALUES (4, 0, zeroblob(1024), 0.5, 1000)");
            s.execute("PRAGMA user_version = 1");
        }
        assertEquals("Dora", VisitorStores.readAny(old).get(0).name(), "read as it is");
        try (VisitorStore upgraded = VisitorStores.open(old, MODEL)) {
            Visitor dora = upgraded.load().get(0);
            assertEquals(4, dora.id());
            assertEquals("Dora", dora.name());
            assertEquals(2, dora.visits());
            assertTrue(VisitorEditor.of(upgraded, Clock.systemUTC()).rename(4, "Dora M").done());
            assertEquals(5, upgraded.newId());
        }
        assertEquals("Dora M", VisitorStores.readAny(old).get(0).name());
    }
}
