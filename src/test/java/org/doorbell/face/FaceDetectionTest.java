package org.doorbell.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.image.ImageFiles;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

/** Real dlib HOG detection on the real photos of ../shared/faces. */
class FaceDetectionTest {
    private static FaceEngine engine;

    @BeforeAll
    static void open() {
        engine = DlibFaceEngine.open(TestFaces.settings());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static int count(Path file, int upsample) throws Exception {
        Mat image = ImageFiles.readBgr(file);
        try {
            List<FaceBox> boxes = engine.detect(image, upsample);
            for (FaceBox b : boxes) {
                // trimmed as face_recognition trims: right and bottom at most the width and height
                assertTrue(b.left() >= 0 && b.top() >= 0 && b.right() <= image.cols() && b.bottom() <= image.rows(),
                        file + ": box " + b + " outside the image");
            }
            return boxes.size();
        } finally {
            image.release();
        }
    }

    @Test
    void findsAFaceInEverySinglePersonPhoto() throws Exception {
        List<String> missed = new ArrayList<>();
        List<String> neededUpsample = new ArrayList<>();
        int photos = 0;
        for (Map.Entry<String, List<Path>> person : TestFaces.people().entrySet()) {
            for (Path photo : person.getValue()) {
                photos++;
                if (count(photo, 0) >= 1) {
                    continue;
                }
                if (count(photo, 1) >= 1) {
                    neededUpsample.add(photo.getFileName().toString());
                } else {
                    missed.add(photo.toString());
                }
            }
        }
        System.out.printf("detection: %d/%d single-person photos have a face at base scale; after one upsample: %s%n",
                photos - neededUpsample.size() - missed.size(), photos, neededUpsample);
        assertTrue(photos >= 100, "expected the 116 labelled photos, found " + photos);
        assertEquals(List.of(), missed, "photos without a face even after upsampling");
        assertTrue(neededUpsample.size() <= 2, "too many photos need upsampling: " + neededUpsample);
    }

    @Test
    void findsSeveralFacesInGroupPhotos() throws Exception {
        for (Path photo : TestFaces.images("groups")) {
            int n = count(photo, photo.getFileName().toString().startsWith("voc_") ? 1 : 0);
            assertTrue(n >= 2, photo + ": expected several faces, found " + n);
        }
        assertEquals(24, count(TestFaces.file("groups/dlib_bald_guys.jpg"), 0), "dlib's 24-face collage");
    }

    @Test
    void findsNoFaceInNoFacePhotos() throws Exception {
        for (Path photo : TestFaces.images("noface")) {
            assertEquals(0, count(photo, 0), photo.toString());
            assertEquals(0, count(photo, 1), photo + " with upsampling");
        }
    }

    @Test
    void countsMatchDlibsOwnCountsInTheManifest() throws Exception {
        // MANIFEST.tsv records what dlib 19.24's HOG detector finds in each photo (decoded by dlib).
        int compared = 0;
        List<String> differ = new ArrayList<>();
        for (Map.Entry<String, String[]> e : TestFaces.manifestHogCounts().entrySet()) {
            if (!e.getKey().matches("(?i).*\\.(jpe?g|png)$") || e.getKey().startsWith("edge_cases/")) {
                continue;
            }
            Path file = TestFaces.file(e.getKey());
            for (int up = 0; up <= 1; up++) {
                String expected = e.getValue()[up];
                if (!expected.matches("\\d+")) {
                    continue;
                }
                compared++;
                int n = count(file, up);
                if (n != Integer.parseInt(expected)) {
                    differ.add(e.getKey() + " upsample " + up + ": " + n + " (dlib: " + expected + ")");
                }
            }
        }
        System.out.printf("detection: %d of %d face counts equal dlib's own; differ: %s%n", compared - differ.size(),
                compared, differ);
        assertTrue(differ.size() <= compared / 50, "face counts differ from dlib's: " + differ);
    }
}
