package org.doorbell.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.doorbell.bench.DoorstepClip;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.testing.TestFaces;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.VisitorSettings;
import org.doorbell.visitors.VisitorStore;
import org.doorbell.visitors.VisitorStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

/**
 * Faces followed between frames, on real photos: Penny, Sheldon, Penny, Sheldon, each for 20
 * frames (30 fps) at the same place, drifting, 150 down to 80 px tall. Followed, every face is
 * found as when every frame is searched whole, with far fewer encodings; someone else taking the
 * place of the face followed is a new track at once; and on three threads (one of them searching
 * whole frames) every photo is followed and told apart from the one before.
 */
class FaceFollowingTest {
    private static final int EACH = 20;
    private static FaceEngine engine;
    private static List<Mat> frames;

    @TempDir
    Path tmp;

    @BeforeAll
    static void clip() throws Exception {
        engine = DlibFaceEngine.open(TestFaces.settings());
        frames = DoorstepClip.frames(engine, List.of(TestFaces.file("kaley_cuoco/penny1.png"),
                TestFaces.file("jim_parsons/sheldon1.png"), TestFaces.file("kaley_cuoco/penny2.png"),
                TestFaces.file("jim_parsons/sheldon2.png")), 640, 480, EACH);
    }

    @AfterAll
    static void release() {
        frames.forEach(Mat::release);
        engine.close();
    }

    private FreeRun.Result run(String name, boolean follow, int threads) throws Exception {
        try (VisitorStore store = VisitorStores.open(tmp.resolve(name + ".db"), TestVisitors.MODEL)) {
            return FreeRun.run(engine, store, VisitorSettings.DEFAULTS,
                    RecognitionSettings.DEFAULTS.withFollowFaces(follow).withThreads(threads), frames, 30, threads);
        }
    }

    private static int framesWithAFace(FreeRun.Result r) {
        return (int) r.frames().stream().filter(f -> f.faces().size() == 1).count();
    }

    private static int encodings(FreeRun.Result r) {
        return r.frames().stream().mapToInt(FreeRun.FrameResult::encoded).sum();
    }

    /**
     * Each photo's track, from its frames after the first third of a second (a new face is found by
     * the next whole-frame search, due every 150 ms; frames fed faster than real time may be some
     * frames ahead of it).
     */
    private static List<Long> tracks(FreeRun.Result r) {
        List<Long> tracks = new ArrayList<>();
        for (int photo = 0; photo < frames.size() / EACH; photo++) {
            Set<Long> ids = new HashSet<>();
            for (int i = photo * EACH + 10; i < (photo + 1) * EACH; i++) {
                assertEquals(1, r.frames().get(i).faces().size(), "frame " + i + " has its face");
                ids.add(r.frames().get(i).faces().get(0).trackId());
            }
            assertEquals(1, ids.size(), "photo " + photo + " is one track: " + ids);
            tracks.add(ids.iterator().next());
        }
        return tracks;
    }

    @Test
    void followedFacesAreFoundAsOftenWithFewerEncodings() throws Exception {
        FreeRun.Result whole = run("whole", false, 1);
        FreeRun.Result followed = run("followed", true, 1);
        assertEquals(frames.size(), whole.frames().size());
        assertEquals(frames.size(), followed.frames().size());
        assertEquals(framesWithAFace(whole), framesWithAFace(followed), "faces found in the same frames");
        assertEquals(whole.frames().size(), encodings(whole), "every face of every frame encoded");
        assertTrue(encodings(followed) < encodings(whole) / 2, encodings(followed) + " encodings");
        assertEquals(whole.visitors(), followed.visitors(), "visitors");
    }

    @Test
    void someoneElseInThePlaceOfTheFaceFollowedIsANewTrackAtOnce() throws Exception {
        List<Long> tracks = tracks(run("followed", true, 1));
        for (int i = 1; i < tracks.size(); i++) {
            assertNotEquals(tracks.get(i - 1), tracks.get(i), "photo " + i + " is not the face before");
        }
    }

    /**
     * On three threads (one searching whole frames) of a 2-core machine, frames fed as fast as they
     * are taken: when a new face is found depends on how the threads are scheduled, so what is
     * checked is what must hold whatever the schedule.
     */
    @Test
    void threeThreadsFollowEveryPhotoAndTellThePeopleApart() throws Exception {
        FreeRun.Result three = run("three", true, 3);
        assertEquals(3, three.threads());
        assertEquals(frames.size(), three.frames().size(), "every frame analysed and applied, in order");
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(i, three.frames().get(i).sequence(), "in capture order");
        }
        long previous = -1;
        for (int photo = 0; photo < frames.size() / EACH; photo++) {
            java.util.Map<Long, Integer> tracks = new java.util.HashMap<>();
            for (int i = photo * EACH + 10; i < (photo + 1) * EACH; i++) {
                three.frames().get(i).faces().forEach(f -> tracks.merge(f.trackId(), 1, Integer::sum));
            }
            int found = tracks.values().stream().mapToInt(Integer::intValue).sum();
            assertTrue(found >= 8, "photo " + photo + ": a face in " + found + " of 10 frames");
            long track = tracks.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
            assertNotEquals(previous, track, "photo " + photo + " is not the face before");
            previous = track;
        }
        assertTrue(three.visitors() >= 2, "Penny and Sheldon: " + three.visitors());
    }

}
