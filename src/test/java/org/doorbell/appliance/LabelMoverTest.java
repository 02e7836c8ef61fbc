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

/** Boxes and labels move with a face that moved after it was recognised. */
class LabelMoverTest {
    @Test
    void aBoxMovesWithItsFace() throws Exception {
        try (FaceEngine engine = DlibFaceEngine.open(TestFaces.settings())) {
            Mat frame = Scenes.withFace(engine, TestFaces.file("angelina_jolie/img10.jpg"), 120, 640, 480);
            Mat moved = new Mat();
            MatOfDouble shift = new MatOfDouble(1, 0, 14, 0, 1, -9);  // 14 px right, 9 px up
            LabelMover labels = new LabelMover();
            try {
                Imgproc.warpAffine(frame, moved, shift.reshape(1, 2), new Size(640, 480));
                FaceBox box = engine.detect(frame).get(0);
                RecognizedFace face = new RecognizedFace(box, RecognizedFace.Kind.KNOWN_VISITOR, "At door 3s", 1, 1);
                List<LabelMover.Anchor> anchors = LabelMover.anchor(frame, List.of(face));

                FaceOverlay still = labels.move(frame, anchors).get(0);
                assertEquals(box, still.box(), "no motion, no move");
                FaceOverlay followed = labels.move(moved, anchors).get(0);
                assertEquals(box.left() + 14, followed.box().left(), 2.0);
                assertEquals(box.top() - 9, followed.box().top(), 2.0);
                assertEquals("At door 3s", followed.label());
                FaceBox truth = engine.detect(moved).get(0);
                System.out.printf("label mover: recognised at %s, face moved by (14, -9), moved to %s, detector finds %s%n",
                        box, followed.box(), truth);
            } finally {
                frame.release();
                moved.release();
                shift.release();
                labels.release();
            }
        }
    }
}
