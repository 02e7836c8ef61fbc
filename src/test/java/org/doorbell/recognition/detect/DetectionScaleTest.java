package org.doorbell.recognition.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.testing.Scenes;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** The detection scale finds the faces the appliance promises, on real photos. */
class DetectionScaleTest {
    private static final List<String> PHOTOS = List.of("angelina_jolie/img10.jpg", "katy_perry/img26.jpg",
            "mark_zuckerberg/img13.jpg", "matt_damon/img29.jpg", "jack_dorsey/img16.jpg", "jennifer_aniston/img3.jpg");

    @Test
    void scaleAndUpsampleFollowTheFrameSize() {
        assertEquals(new DetectionScale(0.875, 0), DetectionScale.forFrame(480, 1.0 / 6));  // 80 px -> 70 px
        assertEquals(70.0 / 120, DetectionScale.forFrame(720, 1.0 / 6).scale(), 1e-9);
        assertEquals(0, DetectionScale.forFrame(1080, 1.0 / 6).upsample());
        assertEquals(new DetectionScale(0.875, 1), DetectionScale.forFrame(480, 1.0 / 12));  // 40 px faces
        assertEquals(new DetectionScale(1.0, 2), DetectionScale.forFrame(480, 1.0 / 48));  // 10 px: as far as it goes
    }

    @Test
    void findsTheSmallestPromisedFaceIn640x480And1280x720() throws Exception {
        try (FaceEngine engine = DlibFaceEngine.open(TestFaces.settings())) {
            for (int[] size : new int[][] {{640, 480}, {1280, 720}}) {
                DetectionScale scale = DetectionScale.forFrame(size[1], 1.0 / 6);
                int promised = (int) Math.ceil(size[1] / 6.0);
                List<String> report = new ArrayList<>();
                int smallestAll = Integer.MAX_VALUE;
                for (int faceHeight : new int[] {promised + 20, promised, promised - 10, promised - 20, promised - 30}) {
                    int found = 0;
                    for (String photo : PHOTOS) {
                        Mat frame = Scenes.withFace(engine, TestFaces.file(photo), faceHeight, size[0], size[1]);
                        try {
                            found += detect(engine, frame, scale).isEmpty() ? 0 : 1;
                        } finally {
                            frame.release();
                        }
                    }
                    report.add(faceHeight + " px: " + found + "/" + PHOTOS.size());
                    if (found == PHOTOS.size()) {
                        smallestAll = faceHeight;
                    }
                    if (faceHeight >= promised) {
                        assertEquals(PHOTOS.size(), found, size[0] + "x" + size[1] + " faces of " + faceHeight + " px");
                    }
                }
                System.out.printf("detection scale %dx%d (%s): faces found by height %s; smallest found in all: %d px%n",
                        size[0], size[1], scale, report, smallestAll);
                assertTrue(smallestAll <= promised);
            }
        }
    }

    private static List<FaceBox> detect(FaceEngine engine, Mat frame, DetectionScale scale) {
        if (scale.scale() >= 1.0) {
            return engine.detect(frame, scale.upsample());
        }
        Mat small = new Mat();
        try {
            Imgproc.resize(frame, small, new Size(), scale.scale(), scale.scale(), Imgproc.INTER_AREA);
            return engine.detect(small, scale.upsample());
        } finally {
            small.release();
        }
    }
}
