package org.doorbell.visitors;

import static org.doorbell.testing.TestVisitors.MODEL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.doorbell.testing.MutableClock;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.store.VisitorStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pictures on demand, on a real SQLite store: visitors are loaded without their pictures, which
 * are read by id when asked for; pictures taken during the run are saved and then leave memory;
 * the owner's edits still keep each picture with its visitor.
 */
class StoredPicturesTest {
    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    Path dir;

    private static byte[] jpeg(Random random) {
        byte[] b = new byte[400 + random.nextInt(100)];
        random.nextBytes(b);
        return b;
    }

    @Test
    void loadedVisitorsHoldNoPictureBytesAndReadThemById() throws Exception {
        Path file = dir.resolve("known_faces.db");
        List<Visitor> saved = TestVisitors.galleryVisitors(30, 5, 2000);
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            store.load();
            store.save(saved);
        }
        List<Visitor> loaded;
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            loaded = store.load();
            assertEquals(saved.size(), loaded.size());
            for (int i = 0; i < saved.size(); i++) {
                Visitor v = loaded.get(i);
                assertFalse(v.thumbnail().inMemory(), "visitor " + v.id() + "'s thumbnail is not in memory");
                assertTrue(v.visit() == null || !v.visit().inMemory());
                assertArrayEquals(saved.get(i).thumbnailJpeg(), v.thumbnailJpeg(), "read by id");
                assertArrayEquals(saved.get(i).visitJpeg(), v.visitJpeg());
                assertArrayEquals(saved.get(i).picture(), v.picture());
                assertFalse(v.thumbnail().inMemory(), "reading does not keep the bytes");
            }
        }
        // the store closed: still readable, with a connection of its own
        assertArrayEquals(saved.get(3).picture(), loaded.get(3).picture());
    }

    @Test
    void picturesTakenInTheRunAreSavedThenReadFromTheStore() throws Exception {
        Path file = dir.resolve("known_faces.db");
        Random random = new Random(7);
        MutableClock clock = new MutableClock(T);
        byte[] first = jpeg(random);
        byte[] better = jpeg(random);
        byte[] worse = jpeg(random);
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            VisitorRegistry registry = new VisitorRegistry(VisitorSettings.DEFAULTS, clock, store.load());
            var face = TestVisitors.randomFace(random);
            Visitor v = registry.register(List.of(new FaceSample(face, 0.5, T)), first, 0.5).visitor();
            store.save(registry.drainChanges().visitors());
            assertFalse(registry.find(v.id()).orElseThrow().thumbnail().inMemory(), "saved: out of memory");
            assertArrayEquals(first, registry.find(v.id()).orElseThrow().thumbnailJpeg());

            // a better view of the same visit, saved; then a new visit makes it the thumbnail
            registry.addViews(v.id(), registry.find(v.id()).orElseThrow().samples(), better, 0.9);
            registry.addViews(v.id(), registry.find(v.id()).orElseThrow().samples(), worse, 0.7);
            store.save(registry.drainChanges().visitors());
            Visitor afterVisit = registry.find(v.id()).orElseThrow();
            assertFalse(afterVisit.visit().inMemory());
            assertArrayEquals(better, afterVisit.picture());

            clock.advance(Duration.ofHours(1));
            registry.seen(v.id());
            store.save(registry.drainChanges().visitors());
            Visitor next = registry.find(v.id()).orElseThrow();
            assertEquals(2, next.visits());
            assertNull(next.visit(), "a new visit has no picture yet");
            assertArrayEquals(better, next.thumbnailJpeg(), "the better view became the thumbnail, in the store too");
        }
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            Visitor reloaded = store.load().get(0);
            assertArrayEquals(better, reloaded.thumbnailJpeg());
            assertNull(reloaded.visitJpeg());
            assertEquals(0.9, reloaded.thumbnailQuality());
        }
    }

    @Test
    void aRoutineSaveDoesNotWriteOverTheOwnersEditNorItsPicture() throws Exception {
        Path file = dir.resolve("known_faces.db");
        Random random = new Random(11);
        List<Visitor> saved = TestVisitors.galleryVisitors(3, 9, 500);
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            store.load();
            store.save(saved);
        }
        try (VisitorStore appliance = VisitorStores.open(file, MODEL);
             VisitorStore owner = VisitorStores.openExisting(file, MODEL)) {
            VisitorRegistry registry = new VisitorRegistry(VisitorSettings.DEFAULTS, Clock.fixed(T, ZoneOffset.UTC),
                    appliance.load());
            new VisitorEditor(owner, Clock.fixed(T, ZoneOffset.UTC), Duration.ofMinutes(5), null).rename(2, "Alice");
            byte[] picture = jpeg(random);
            Visitor two = registry.find(2).orElseThrow();
            registry.addViews(2, two.samples(), picture, two.pictureQuality() + 1);
            appliance.save(registry.drainChanges().visitors());
            assertTrue(registry.find(2).orElseThrow().visit().inMemory(), "not written: still in memory");
            VisitorStore.Edits edits = appliance.editsSince(0);
            Visitor alice = edits.find(2).orElseThrow();
            assertEquals("Alice", alice.name());
            assertArrayEquals(saved.get(1).picture(), alice.picture(), "the edit's picture is the stored one");
        }
    }

    @Test
    void mergeAndSplitOfLoadedVisitorsKeepEachPictureWithItsVisitor() throws Exception {
        Path file = dir.resolve("known_faces.db");
        Random random = new Random(3);
        Duration newVisit = Duration.ofMinutes(5);
        var face = TestVisitors.randomFace(random);
        byte[] old = jpeg(random);
        byte[] latest = jpeg(random);
        Visitor v = new Visitor(1, null, List.of(new FaceSample(face, 0.5, T)), old, 0.5, T, T, T, 1, 1);
        Instant later = T.plus(Duration.ofDays(1));
        v = v.seenAt(later, newVisit).withViews(List.of(v.samples().get(0),
                new FaceSample(TestVisitors.sameFace(face, random), 0.6, later)), latest, 0.6);
        byte[] otherPicture = jpeg(random);
        Visitor other = new Visitor(2, null, List.of(new FaceSample(TestVisitors.randomFace(random), 0.4, T)),
                otherPicture, 0.4, T, T, T, 1, 1);
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            store.load();
            store.save(List.of(v, other));
        }
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            List<Visitor> loaded = store.load();
            Visitor before = loaded.get(0);
            assertFalse(before.visit().inMemory());
            VisitorRegistry registry = new VisitorRegistry(VisitorSettings.DEFAULTS, Clock.fixed(later, ZoneOffset.UTC),
                    loaded);
            VisitorEditor editor = new VisitorEditor(store, Clock.fixed(later, ZoneOffset.UTC), newVisit, registry);
            VisitorEditor.Outcome split = editor.split(1);
            assertTrue(split.done(), split.message());
            long createdId = split.created().iterator().next();
            assertArrayEquals(old, registry.find(1).orElseThrow().picture(), "the older picture stays");
            assertArrayEquals(latest, registry.find(createdId).orElseThrow().picture(), "the visit's goes along");
            assertArrayEquals(latest, before.visitJpeg(), "a snapshot from before the split keeps its own picture");
            assertArrayEquals(old, before.thumbnailJpeg());

            VisitorEditor.Outcome merge = editor.merge(2, 1);
            assertTrue(merge.done(), merge.message());
            assertArrayEquals(old, registry.find(1).orElseThrow().picture(), "the better older picture");
            editor.undo(merge);
            assertArrayEquals(otherPicture, registry.find(2).orElseThrow().picture(), "back with its own picture");
            assertArrayEquals(old, registry.find(1).orElseThrow().picture());
        }
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            List<Visitor> all = store.load();
            assertEquals(3, all.size());
            assertArrayEquals(old, all.get(0).picture());
            assertArrayEquals(otherPicture, all.get(1).picture());
            assertNotNull(all.get(2).thumbnailJpeg());
            assertArrayEquals(latest, all.get(2).picture());
        }
    }

    /**
     * A face not drawn before is read while a correction holds the store's write transaction open
     * (and the store's lock): the read sees the last commit and does not wait for the writer. A
     * handle on the very row being written over still gives its own picture.
     */
    @Test
    void aPictureIsReadWhileAWriteTransactionIsOpen() throws Exception {
        Path file = dir.resolve("known_faces.db");
        List<Visitor> saved = TestVisitors.galleryVisitors(3, 5, 2000);
        byte[] replacement = jpeg(new Random(11));
        java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            store.load();
            store.save(saved);
            List<Visitor> loaded = store.load();
            // what each picture is (read now: saved visitors' pictures are read from the store too)
            byte[] firstPicture = saved.get(0).picture();
            byte[] overwrittenPicture = saved.get(2).picture();
            java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.Future<VisitorStore.Edits> edit = writer.submit(() -> store.edit(tx -> {
                tx.put(tx.find(saved.get(1).id()).orElseThrow().withName("Renamed"));
                tx.put(tx.find(saved.get(2).id()).orElseThrow().withViews(saved.get(2).samples(), replacement, 9));
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertTrue(inside.await(30, java.util.concurrent.TimeUnit.SECONDS), "the correction started");
            try {
                java.util.concurrent.CompletableFuture<byte[]> first =
                        java.util.concurrent.CompletableFuture.supplyAsync(() -> loaded.get(0).picture());
                java.util.concurrent.CompletableFuture<byte[]> overwritten =
                        java.util.concurrent.CompletableFuture.supplyAsync(() -> loaded.get(2).picture());
                // with the transaction still open
                assertArrayEquals(firstPicture, first.get(30, java.util.concurrent.TimeUnit.SECONDS));
                assertArrayEquals(overwrittenPicture, overwritten.get(30, java.util.concurrent.TimeUnit.SECONDS));
                assertFalse(edit.isDone(), "read while the correction was still being written");
            } finally {
                release.countDown();
            }
            VisitorStore.Edits done = edit.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertArrayEquals(replacement, done.find(saved.get(2).id()).orElseThrow().picture());
            // after the commit, each handle still gives its own picture
            assertArrayEquals(overwrittenPicture, loaded.get(2).picture());
            assertArrayEquals(firstPicture, loaded.get(0).picture());
        } finally {
            writer.shutdownNow();
        }
    }

    /** The owner's export goes through the store one picture at a time: none is held before it is asked for. */
    @Test
    void readingEveryVisitorForExportReadsEachPictureWhenAskedFor() throws Exception {
        Path file = dir.resolve("known_faces.db");
        List<Visitor> saved = TestVisitors.galleryVisitors(20, 5, 2000);
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            store.load();
            store.save(saved);
        }
        List<Long> ids = new java.util.ArrayList<>();
        VisitorStores.readAny(file, visitors -> {
            assertTrue(visitors.stream().noneMatch(v -> v.thumbnail().inMemory()), "no picture read yet");
            for (int i = 0; i < visitors.size(); i++) {
                Visitor v = visitors.get(i);
                assertArrayEquals(saved.get(i).picture(), v.picture(), "visitor " + v.id());
                assertFalse(v.thumbnail().inMemory(), "not kept once read");
                ids.add(v.id());
            }
        });
        assertEquals(saved.stream().map(Visitor::id).toList(), ids);
    }
}
