package org.doorbell.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.doorbell.bench.DoorstepClip;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.testing.ForwardingFaceEngine;
import org.doorbell.testing.TestFaces;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.VisitorSettings;
import org.doorbell.visitors.VisitorStore;
import org.doorbell.visitors.store.VisitorStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * A face the detector misses for a few frames while it is still at the door, on real photos and
 * real dlib with its detector blinded in those frames: Penny's first photo for 6 frames (15 fps),
 * the same photo for 5 frames that the detector misses (a third of a second, longer than a track's
 * face may be unseen before it counts as gone), then her second photo, which lies farther from the
 * first than one view may for the identity to take a face where someone had gone for the same
 * person, and nearer than a followed face may move. Still there, she is one track and her box
 * stays on screen; with the door empty in those frames her track has gone, and her second photo
 * is someone new to the track.
 */
class HeldFaceTest {
    private static final int FPS = 15;
    private static FaceEngine dlib;
    private static List<Mat> penny;

    @TempDir
    Path tmp;

    @BeforeAll
    static void clip() throws Exception {
        dlib = DlibFaceEngine.open(TestFaces.settings());
        // frames 0-10 her first photo, 11-21 her second, at one size and place
        penny = DoorstepClip.frames(dlib, List.of(TestFaces.file("kaley_cuoco/penny1.png"),
                TestFaces.file("kaley_cuoco/penny2.png")), 640, 480, 11, 0, 150);
    }

    @AfterAll
    static void release() {
        penny.forEach(Mat::release);
        dlib.close();
    }

    /** dlib, with a detector that finds nothing while {@link #blind}. */
    private static final class Blinded extends ForwardingFaceEngine {
        boolean blind;

        Blinded() {
            super(dlib);
        }

        @Override
        public List<FaceBox> detect(Mat bgr, int upsample) {
            return blind ? List.of() : super.detect(bgr, upsample);
        }
    }

    /**
     * Plays frames 0-5 and 11-21 of the clip, with frames 6-10 blinded: Penny still there, or the
     * door empty. Each frame's faces, in order.
     */
    private List<List<RecognizedFace>> play(String name, boolean stillThere) throws Exception {
        Blinded engine = new Blinded();
        Mat empty = new Mat(480, 640, CvType.CV_8UC3, new Scalar(90, 100, 110));
        List<List<RecognizedFace>> out = new ArrayList<>();
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        try (VisitorStore store = VisitorStores.open(tmp.resolve(name + ".db"), TestVisitors.MODEL)) {
            FramePipeline pipeline = new FramePipeline(engine, store, VisitorSettings.DEFAULTS, RecognitionSettings.DEFAULTS,
                    start, o -> { });
            try {
                for (int i = 0; i < penny.size(); i++) {
                    engine.blind = i >= 6 && i <= 10;
                    Mat frame = engine.blind && !stillThere ? empty : penny.get(i);
                    out.add(pipeline.process(frame, i, start.plus(Duration.ofMillis(1000L * i / FPS))).faces());
                }
                pipeline.finish();
            } finally {
                pipeline.release();
                empty.release();
            }
        }
        return out;
    }

    private static Set<Long> tracks(List<List<RecognizedFace>> frames, int from, int to) {
        Set<Long> ids = new HashSet<>();
        for (int i = from; i <= to; i++) {
            frames.get(i).forEach(f -> ids.add(f.trackId()));
        }
        return ids;
    }

    @Test
    void aFaceTheDetectorMissesWhileItIsStillThereStaysOneTrack() throws Exception {
        List<List<RecognizedFace>> frames = play("there", true);

        for (int i = 0; i < frames.size(); i++) {
            assertEquals(1, frames.get(i).size(), "frame " + i + " shows her face");
        }
        Set<Long> before = tracks(frames, 0, 5);
        assertEquals(1, before.size(), before.toString());
        assertEquals(before, tracks(frames, 6, 10), "held where she was, as the same track");
        assertEquals(before, tracks(frames, 11, 21), "her second photo continues her track");
    }

    @Test
    void anEmptyDoorIsNotHeldAndTheNextFaceThereIsNotTakenForTheOneGone() throws Exception {
        List<List<RecognizedFace>> frames = play("empty", false);

        for (int i = 6; i <= 10; i++) {
            assertTrue(frames.get(i).isEmpty(), "frame " + i + " shows no face: " + frames.get(i));
        }
        Set<Long> before = tracks(frames, 0, 5);
        Set<Long> after = tracks(frames, 11, 21);
        assertEquals(1, before.size(), before.toString());
        assertEquals(1, after.size(), after.toString());
        assertNotEquals(before, after, "her second photo, farther than one view may be, starts a track");
    }
}
