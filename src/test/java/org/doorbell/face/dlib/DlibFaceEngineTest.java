package org.doorbell.face.dlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.doorbell.face.DetectorKind;
import org.doorbell.face.Face;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.FaceSettings;
import org.doorbell.face.Landmarks;
import org.doorbell.image.ImageFiles;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/** The engine's contract on real photos: strides, jitters, landmarks, closing. */
class DlibFaceEngineTest {
    @Test
    void saysWhichDlibItRunsOnAndWhetherCudaIsOn() {
        String build = DlibFaceEngine.build();
        // the system's dlib (Debian's 19.24 here); the CPU build, as no machine here has a GPU
        assertTrue(build.matches("dlib \\d+\\.\\d+\\.\\d+, CUDA (off|on \\(\\d+ GPU\\)).*"), build);
        assertTrue(build.startsWith("dlib 19."), build);
    }

    @Test
    void aSubMatrixWithTheFramesStrideGivesTheSameFacesAsACopy() throws Exception {
        Mat frame = ImageFiles.readBgr(TestFaces.file("groups/bbt1.jpg"));
        Mat roi = frame.submat(new Rect(150, 50, 500, 300));  // rows keep the frame's 1366*3 byte stride
        Mat copy = roi.clone();
        try (FaceEngine engine = DlibFaceEngine.open(TestFaces.settings())) {
            assertFalse(roi.isContinuous());
            List<Face> fromRoi = engine.faces(roi);
            assertEquals(2, fromRoi.size());
            assertEquals(engine.faces(copy), fromRoi);
        } finally {
            frame.release();
            roi.release();
            copy.release();
        }
    }

    @Test
    void jitteringIsDeterministicAndStaysCloseToThePlainEncoding() throws Exception {
        Mat image = ImageFiles.readBgr(TestFaces.file("angelina_jolie/img10.jpg"));
        FaceSettings plain = TestFaces.settings();
        FaceSettings jittered = new FaceSettings(DetectorKind.HOG, 0, 5, plain.models());
        try (FaceEngine one = DlibFaceEngine.open(plain); FaceEngine five = DlibFaceEngine.open(jittered)) {
            Face a = one.faces(image).get(0);
            Face b = five.faces(image).get(0);
            assertEquals(b, five.faces(image).get(0), "same image, same jittered encoding");
            double d = a.encoding().distanceTo(b.encoding());
            assertNotEquals(0.0, d);
            assertTrue(d < 0.15, "jittered encoding is " + d + " from the plain one");
        } finally {
            image.release();
        }
    }

    @Test
    void landmarksLieOnTheFace() throws Exception {
        Mat image = ImageFiles.readBgr(TestFaces.file("angelina_jolie/img10.jpg"));
        try (FaceEngine engine = DlibFaceEngine.open(TestFaces.settings())) {
            FaceBox box = engine.detect(image).get(0);
            Landmarks lm = engine.landmarks(image, box);
            assertEquals(68, lm.count());
            int inside = 0;
            for (int i = 0; i < lm.count(); i++) {
                int x = lm.points()[2 * i];
                int y = lm.points()[2 * i + 1];
                inside += x >= box.left() - 10 && x <= box.right() + 10 && y >= box.top() - 10 && y <= box.bottom() + 10 ? 1 : 0;
            }
            assertTrue(inside >= 60, inside + " of 68 landmarks near the box");
        } finally {
            image.release();
        }
    }

    @Test
    void wrongImagesAndClosedEnginesAreRefused() throws Exception {
        FaceEngine engine = DlibFaceEngine.open(TestFaces.settings());  // loads OpenCV too
        Mat gray = new Mat(100, 100, CvType.CV_8UC1);
        try {
            assertThrows(IllegalArgumentException.class, () -> engine.detect(gray));
            assertThrows(IllegalArgumentException.class, () -> engine.encodeChip(new Mat(10, 10, CvType.CV_8UC3)));
        } finally {
            engine.close();
            gray.release();
        }
        engine.close();  // twice is fine
        assertThrows(IllegalStateException.class, () -> engine.detect(new Mat(10, 10, CvType.CV_8UC3)));
    }
}
