package org.doorbell.recognition.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.doorbell.bench.FreeRun;
import org.doorbell.face.FaceBox;
import org.doorbell.identity.TrackOutcome;
import org.doorbell.recognition.RecognitionSettings;
import org.doorbell.recognition.RecognizedFace;
import org.doorbell.testing.FakeFaceEngine;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.VisitorSettings;
import org.doorbell.visitors.VisitorStore;
import org.doorbell.visitors.store.VisitorStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Mat;

/**
 * The concurrent core (the analysing threads, the whole-frame search on a thread of its own,
 * {@link InOrder}, {@link LatestFrame}) with a {@link FakeFaceEngine}: drawn faces found and
 * encoded in microseconds, so that the threads' ordering is what is tested, in milliseconds. The
 * same doorstep video on 1, 2 and 3 threads must give the same visitors, the same people under
 * the same labels, and the faces found within 1%.
 */
class RecognitionThreadsTest {
    private static final double FPS = 15;
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;

    @TempDir
    Path tmp;

    /** Someone at the door from frame {@code from} to {@code to}, their face drifting 2 px a frame. */
    private record Appearance(int person, int from, int to, int x, int y, int size) {
        FaceBox box(int frame) {
            int left = x + 2 * (frame - from);
            return new FaceBox(y, left + size - 1, y + size - 1, left);
        }
    }

    /**
     * Six visits of five people, 2 s each with 0.67 s of empty doorstep between them: 1, 2, 1
     * again, 3 and 4 together, 2 again, 5.
     */
    private static final List<Appearance> VISITS = List.of(
            new Appearance(1, 0, 29, 250, 180, 120),
            new Appearance(2, 40, 69, 250, 170, 130),
            new Appearance(1, 80, 109, 240, 190, 110),
            new Appearance(3, 120, 149, 60, 160, 120),
            new Appearance(4, 120, 149, 400, 170, 110),
            new Appearance(2, 160, 189, 250, 180, 120),
            new Appearance(5, 200, 229, 260, 180, 125));
    private static final int FRAMES = 240;

    private static final FreeRun.Frames VIDEO = new FreeRun.Frames() {
        @Override
        public int count() {
            return FRAMES;
        }

        @Override
        public void render(int i, Mat into) {
            into.create(HEIGHT, WIDTH, org.opencv.core.CvType.CV_8UC3);
            into.setTo(FakeFaceEngine.DOORSTEP);
            for (Appearance a : VISITS) {
                if (i >= a.from() && i <= a.to()) {
                    FakeFaceEngine.draw(into, a.person(), a.box(i));
                }
            }
        }
    };

    private record Run(FreeRun.Result result, Map<Long, TrackOutcome> outcomes) {
    }

    private Run run(int threads) throws Exception {
        Map<Long, TrackOutcome> outcomes = new ConcurrentHashMap<>();
        try (FakeFaceEngine engine = new FakeFaceEngine();
             VisitorStore store = VisitorStores.open(tmp.resolve(threads + ".db"), TestVisitors.MODEL)) {
            FreeRun.Result r = FreeRun.run(engine, store, VisitorSettings.DEFAULTS,
                    RecognitionSettings.DEFAULTS.withThreads(threads), VIDEO, FPS, threads, o -> outcomes.put(o.trackId(), o));
            return new Run(r, outcomes);
        }
    }

    /** The person drawn where a face was found in frame {@code i}, or 0. */
    private static int personAt(int i, FaceBox box) {
        for (Appearance a : VISITS) {
            if (i >= a.from() && i <= a.to() && a.box(i).iou(box) > 0.5) {
                return a.person();
            }
        }
        return 0;
    }

    /** For each person, the visitors shown on their face (decided labels), in order of first showing. */
    private static Map<Integer, List<Long>> shown(FreeRun.Result r) {
        Map<Integer, List<Long>> out = new TreeMap<>();
        for (FreeRun.FrameResult f : r.frames()) {
            for (RecognizedFace face : f.faces()) {
                if (face.kind() == RecognizedFace.Kind.NEW_VISITOR || face.kind() == RecognizedFace.Kind.KNOWN_VISITOR) {
                    List<Long> ids = out.computeIfAbsent(personAt((int) f.sequence(), face.box()), k -> new ArrayList<>());
                    if (!ids.contains(face.visitorId())) {
                        ids.add(face.visitorId());
                    }
                }
            }
        }
        return out;
    }

    private static int facesFound(FreeRun.Result r) {
        return r.frames().stream().mapToInt(f -> f.faces().size()).sum();
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2, 3})
    void everyPersonIsOneVisitorShownOnTheirFaceOnly(int threads) throws Exception {
        Run run = run(threads);
        FreeRun.Result r = run.result();
        assertEquals(threads, r.threads());
        assertEquals(FRAMES, r.frames().size(), "every frame analysed and applied");
        for (int i = 0; i < FRAMES; i++) {
            assertEquals(i, r.frames().get(i).sequence(), "in capture order");
        }
        assertEquals(5, r.visitors(), "five people, five visitors");
        Map<Integer, List<Long>> shown = shown(r);
        assertEquals(List.of(1, 2, 3, 4, 5), new ArrayList<>(shown.keySet()), "every person named, and nothing else");
        List<Long> all = new ArrayList<>();
        shown.forEach((person, ids) -> {
            assertEquals(1, ids.size(), "person " + person + " shown as " + ids);
            all.add(ids.get(0));
        });
        assertEquals(5, all.stream().distinct().count(), "no visitor shown on two people: " + shown);
        // each face is found by the first whole-frame search after it appears (every 150 ms, 3 frames),
        // and a returning person is named in the frame they are found in
        for (Appearance a : List.of(VISITS.get(2), VISITS.get(5))) {
            int found = a.from();
            while (r.frames().get(found).faces().isEmpty()) {
                found++;
            }
            assertTrue(found - a.from() < 3, "person " + a.person() + " found " + (found - a.from()) + " frames late");
            RecognizedFace first = r.frames().get(found).faces().get(0);
            assertEquals(RecognizedFace.Kind.KNOWN_VISITOR, first.kind(), "person " + a.person() + " back, first frame found");
        }
        // a new person who stands still (one view) is "New visitor!" a second after being found
        for (Appearance a : List.of(VISITS.get(0), VISITS.get(1), VISITS.get(6))) {
            int found = a.from();
            while (r.frames().get(found).faces().isEmpty()) {
                found++;
            }
            boolean named = false;
            for (int i = found; i <= found + FPS && !named; i++) {
                named = r.frames().get(i).faces().stream().anyMatch(f -> f.kind() == RecognizedFace.Kind.NEW_VISITOR);
            }
            assertTrue(named, "person " + a.person() + " a new visitor within a second");
        }
        for (TrackOutcome o : run.outcomes().values()) {
            assertTrue(all.contains(o.visitorId()), "track " + o.trackId() + " given a visitor shown: " + o);
        }
    }

    @Test
    void oneTwoAndThreeThreadsGiveTheSameAnswer() throws Exception {
        FreeRun.Result one = run(1).result();
        Map<Integer, List<Long>> shownOne = shown(one);
        int facesOne = facesFound(one);
        int drawn = VISITS.stream().mapToInt(a -> a.to() - a.from() + 1).sum();
        // each visit's faces from the first whole-frame search after they appear on
        assertTrue(facesOne <= drawn && facesOne >= drawn - 2 * VISITS.size(), facesOne + " faces of " + drawn + " drawn");
        for (int threads = 2; threads <= 3; threads++) {
            FreeRun.Result r = run(threads).result();
            assertEquals(one.visitors(), r.visitors(), threads + " threads: visitors");
            assertEquals(shownOne, shown(r), threads + " threads: the same visitors on the same faces");
            int faces = facesFound(r);
            assertTrue(Math.abs(faces - facesOne) <= facesOne / 100, threads + " threads: " + faces + " faces found, "
                    + facesOne + " on one thread");
        }
    }

    @Test
    void inOrderHandsResultsOnInTicketOrderWhateverOrderTheyFinishIn() throws Exception {
        List<Long> handed = new CopyOnWriteArrayList<>();
        InOrder<Long> inOrder = new InOrder<>(handed::add);
        List<Long> tickets = new ArrayList<>();
        for (long t = 0; t < 200; t++) {
            tickets.add(t);
        }
        Collections.shuffle(tickets, new java.util.Random(3));
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            List<Long> mine = tickets.subList(k * 50, (k + 1) * 50);
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                mine.forEach(x -> inOrder.submit(x, x));
            });
            threads.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        List<Long> expected = new ArrayList<>(tickets);
        Collections.sort(expected);
        assertEquals(expected, handed);
        assertEquals(0, inOrder.waiting());
    }

    @Test
    void latestFrameGivesOnlyNewerFramesAndTheNewestLast() throws Exception {
        LatestFrame latest = new LatestFrame();
        Mat frame = FakeFaceEngine.doorstep(32, 24);
        List<Long> taken = new CopyOnWriteArrayList<>();
        Thread taker = new Thread(() -> {
            Mat[] work = {new Mat()};
            try {
                FrameFeed.Taken t;
                while ((t = latest.take(work)) != null) {
                    taken.add(t.sequence());
                    Thread.onSpinWait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                work[0].release();
            }
        });
        taker.start();
        Instant at = Instant.parse("2026-12-06T10:00:00Z");
        for (long seq = 0; seq < 500; seq++) {
            latest.offer(frame, seq, at.plusMillis(seq), System.nanoTime());
        }
        latest.closeAfterNewest();
        taker.join(10_000);
        assertTrue(!taker.isAlive(), "the taker ends once the newest frame is taken");
        assertTrue(!taken.isEmpty(), "frames taken");
        for (int i = 1; i < taken.size(); i++) {
            assertTrue(taken.get(i) > taken.get(i - 1), "frames taken newer each time: " + taken);
        }
        assertEquals(499L, taken.get(taken.size() - 1), "the newest frame is taken last");
        frame.release();
        latest.release();
    }
}
