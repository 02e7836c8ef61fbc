package org.doorbell.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.doorbell.camera.CameraSettings;
import org.doorbell.camera.CameraState;
import org.doorbell.camera.Cameras;
import org.doorbell.camera.FrameListener;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.recognition.Recognition;
import org.doorbell.recognition.RecognitionSettings;
import org.doorbell.recognition.RecognizedFace;
import org.doorbell.recognition.Recognizer;
import org.doorbell.testing.Scenes;
import org.doorbell.testing.TestFaces;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorRegistry;
import org.doorbell.visitors.VisitorSettings;
import org.doorbell.visitors.VisitorStore;
import org.doorbell.visitors.store.VisitorStores;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The whole appliance on a video made here from real photos and played through GStreamer: person A
 * comes, goes, B comes, goes, and A returns six minutes later (time follows the video, and moves
 * on six minutes before A's return).
 */
class ApplianceEndToEndTest {
    private static final int FPS = 10;
    private static final int SEGMENT = 20;  // frames per scene: 2 s
    private static final long RETURN_AT = 4L * SEGMENT;  // first frame of A's return

    /** On one recognising thread (a 2-core machine's default), and on three (a Nano's: one searching whole frames). */
    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 3})
    void aComesBComesAReturnsSixMinutesLater(int threads, @TempDir Path tmp) throws Exception {
        List<Recognition> seen = new CopyOnWriteArrayList<>();
        Path store = tmp.resolve("known_faces.db");
        try (FaceEngine engine = DlibFaceEngine.open(TestFaces.settings());
             VisitorStore visitorStore = VisitorStores.open(store, "test-model")) {
            Path video = makeVideo(engine, tmp);
            Instant start = Instant.parse("2026-11-25T18:00:00Z");
            VideoClock clock = new VideoClock(start);
            CameraSettings camera = CameraSettings.defaults("file:" + video).withExitAtEnd(true);
            // six minutes pass in the video: time itself moves on (the run's monotonic clock follows the video)
            RunClock runClock = new RunClock(clock, () -> {
                Instant t = clock.instant();
                return t.getEpochSecond() * 1_000_000_000L + t.getNano();
            });
            Appliance appliance = new Appliance(engine, visitorStore, VisitorSettings.DEFAULTS,
                    RecognitionSettings.DEFAULTS.withThreads(threads), runClock, clock, null, listener -> Cameras.open(camera, clock.following(listener)));
            VisitorRegistry registry = appliance.visitors();
            appliance.addObserver(seen::add);
            appliance.run();

            List<Visitor> visitors = registry.snapshot();
            System.out.printf("end to end: %d frames recognised of %d; visitors %s%n", seen.size(), 5 * SEGMENT,
                    visitors.stream().map(v -> "#" + v.id() + " visits=" + v.visits() + " frames=" + v.seenFrames()).toList());
            assertEquals(2, visitors.size(), "A and B");
            Visitor a = visitors.get(0);
            Visitor b = visitors.get(1);
            assertEquals(2, a.visits(), "A came twice");
            assertEquals(1, b.visits(), "B came once");
            assertEquals(start.plus(Duration.ofMinutes(6)).plusMillis(RETURN_AT * 1000 / FPS).getEpochSecond(),
                    a.firstSeenThisInteraction().getEpochSecond(), 1, "A's second visit starts at the return");

            // before A's track has its evidence, the screen does not guess
            assertEquals(Recognizer.NOT_SURE, seen.stream().flatMap(r -> r.faces().stream()).findFirst().orElseThrow().label());
            List<String> labelsOfA = labels(seen, a.id());
            assertEquals(Recognizer.NEW_VISITOR, labelsOfA.get(0), "A's first label");
            assertTrue(labelsOfA.stream().skip(1).allMatch(l -> l.matches("At door \\d+s")), labelsOfA.toString());
            assertEquals(Recognizer.NEW_VISITOR, labels(seen, b.id()).get(0));
            assertTrue(labelsOfA.contains("At door 1s"), labelsOfA.toString());
            assertTrue(seen.stream().filter(r -> r.sequence() >= RETURN_AT).flatMap(r -> r.faces().stream())
                    .filter(f -> f.visitorId() == a.id()).allMatch(f -> f.kind() == RecognizedFace.Kind.KNOWN_VISITOR));
        }
        // saved on stop, and loads again
        try (VisitorStore reopened = VisitorStores.open(store, "test-model")) {
            assertEquals(2, reopened.load().size());
        }
    }

    private static List<String> labels(List<Recognition> seen, long visitorId) {
        List<String> out = new ArrayList<>();
        for (Recognition r : seen) {
            r.faces().stream().filter(f -> f.visitorId() == visitorId).forEach(f -> out.add(f.label()));
        }
        return out;
    }

    /** Five 2-second scenes at 640x480, 10 fps, MJPEG in AVI, encoded by GStreamer. */
    private static Path makeVideo(FaceEngine engine, Path dir) throws Exception {
        List<List<String>> scenes = List.of(
                List.of("angelina_jolie/img10.jpg", "angelina_jolie/img4.jpg"),
                List.of(),
                List.of("katy_perry/img26.jpg", "katy_perry/img27.jpg"),
                List.of(),
                List.of("angelina_jolie/img5.jpg", "angelina_jolie/img10.jpg"));
        Path frames = Files.createDirectories(dir.resolve("frames"));
        int n = 0;
        for (List<String> scene : scenes) {
            for (int i = 0; i < SEGMENT; i++) {
                Mat frame = scene.isEmpty() ? Scenes.empty(640, 480)
                        : Scenes.withFace(engine, TestFaces.file(scene.get(i * scene.size() / SEGMENT)), 200, 640, 480);
                Imgcodecs.imwrite(frames.resolve(String.format("f%04d.jpg", n++)).toString(), frame);
                frame.release();
            }
        }
        Path video = dir.resolve("doorstep.avi");
        Process p = new ProcessBuilder("gst-launch-1.0", "-q", "multifilesrc", "location=" + frames + "/f%04d.jpg", "index=0",
                "caps=image/jpeg,framerate=" + FPS + "/1", "!", "jpegdec", "!", "videoconvert", "!", "jpegenc", "!", "avimux",
                "!", "filesink", "location=" + video).inheritIO().start();
        assertEquals(0, p.waitFor(), "gst-launch-1.0 made the video");
        return video;
    }

    /** Time as the video tells it: frame n is n/10 s after the start, plus 6 minutes from A's return. */
    private static final class VideoClock extends Clock {
        private final Instant start;
        private volatile Instant now;

        VideoClock(Instant start) {
            this.start = start;
            this.now = start;
        }

        FrameListener following(FrameListener inner) {
            return new FrameListener() {
                @Override
                public void onFrame(Mat frame, long sequence) {
                    now = start.plusMillis(sequence * 1000 / FPS).plus(sequence >= RETURN_AT ? Duration.ofMinutes(6) : Duration.ZERO);
                    inner.onFrame(frame, sequence);
                }

                @Override
                public void onState(CameraState state, String detail) {
                    inner.onState(state, detail);
                }
            };
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
