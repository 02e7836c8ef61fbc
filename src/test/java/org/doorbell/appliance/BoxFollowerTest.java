package org.doorbell.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.doorbell.display.FaceOverlay;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.recognition.RecognizedFace;
import org.doorbell.testing.Scenes;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Boxes follow a face that moved after it was recognised. */
class BoxFollowerTest {
    @Test
    void aBoxMovesWithItsFace() throws Exception {
        try (FaceEngine engine = DlibFaceEngine.open(TestFaces.settings())) {
            Mat frame = Scenes.withFace(engine, TestFaces.file("angelina_jolie/img10.jpg"), 120, 640, 480);
            Mat moved = new Mat();
            MatOfDouble shift = new MatOfDouble(1, 0, 14, 0, 1, -9);  // 14 px right, 9 px up
            BoxFollower follower = new BoxFollower();
            try {
                Imgproc.warpAffine(frame, moved, shift.reshape(1, 2), new Size(640, 480));
                FaceBox box = engine.detect(frame).get(0);
                RecognizedFace face = new RecognizedFace(box, RecognizedFace.Kind.KNOWN_VISITOR, "At door 3s", 1, 1);
                List<BoxFollower.Anchor> anchors = BoxFollower.anchor(frame, List.of(face));

                FaceOverlay still = follower.follow(frame, anchors).get(0);
                assertEquals(box, still.box(), "no motion, no move");
                FaceOverlay followed = follower.follow(moved, anchors).get(0);
                assertEquals(box.left() + 14, followed.box().left(), 2.0);
                assertEquals(box.top() - 9, followed.box().top(), 2.0);
                assertEquals("At door 3s", followed.label());
                FaceBox truth = engine.detect(moved).get(0);
                System.out.printf("box follower: recognised at %s, face moved by (14, -9), followed to %s, detector finds %s%n",
                        box, followed.box(), truth);
            } finally {
                frame.release();
                moved.release();
                shift.release();
                follower.release();
            }
        }
    }
}
