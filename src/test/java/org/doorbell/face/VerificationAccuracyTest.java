package org.doorbell.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.image.ImageFiles;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

/**
 * Face verification on every pair of labelled photos in ../shared/faces, plus the one-off
 * strangers in unknown/: same person below 0.6, different people at 0.6 or above.
 */
class VerificationAccuracyTest {
    private static final double THRESHOLD = 0.6;

    private record Sample(String person, Path file, FaceEncoding encoding) {
    }

    @Test
    void atLeast95PercentOfAllPairsAreVerifiedCorrectly() throws Exception {
        List<Sample> samples = new ArrayList<>();
        try (FaceEngine engine = DlibFaceEngine.open(TestFaces.settings())) {
            for (Map.Entry<String, List<Path>> person : TestFaces.people().entrySet()) {
                for (Path photo : person.getValue()) {
                    samples.add(new Sample(person.getKey(), photo, largestFace(engine, photo)));
                }
            }
            for (Path photo : TestFaces.images("unknown")) {
                samples.add(new Sample("unknown/" + photo.getFileName(), photo, largestFace(engine, photo)));
            }
        }
        int same = 0;
        int sameRight = 0;
        int different = 0;
        int differentRight = 0;
        double worstSame = 0;
        double worstDifferent = Double.MAX_VALUE;
        for (int i = 0; i < samples.size(); i++) {
            for (int j = i + 1; j < samples.size(); j++) {
                Sample a = samples.get(i);
                Sample b = samples.get(j);
                double d = a.encoding().distanceTo(b.encoding());
                if (a.person().equals(b.person())) {
                    same++;
                    sameRight += d < THRESHOLD ? 1 : 0;
                    worstSame = Math.max(worstSame, d);
                } else {
                    different++;
                    differentRight += d >= THRESHOLD ? 1 : 0;
                    worstDifferent = Math.min(worstDifferent, d);
                }
            }
        }
        double accuracy = (double) (sameRight + differentRight) / (same + different);
        System.out.printf("verification at %.2f over %d photos: %.2f%% of %d pairs right "
                        + "(same person %d/%d = %.2f%%, different people %d/%d = %.2f%%; "
                        + "largest same-person distance %.3f, smallest different-person distance %.3f)%n",
                THRESHOLD, samples.size(), 100 * accuracy, same + different, sameRight, same, 100.0 * sameRight / same,
                differentRight, different, 100.0 * differentRight / different, worstSame, worstDifferent);
        assertEquals(21, TestFaces.people().size(), "labelled people");
        assertEquals(9, samples.stream().filter(s -> s.person().startsWith("unknown/")).count(), "strangers");
        assertTrue(accuracy >= 0.95, "verification accuracy " + accuracy);
        assertTrue((double) sameRight / same >= 0.90, "same-person pairs right: " + sameRight + "/" + same);
        assertTrue((double) differentRight / different >= 0.95, "different-person pairs right: " + differentRight + "/" + different);
    }

    /** The encoding of the largest face, upsampling once if none is found (one photo needs it). */
    static FaceEncoding largestFace(FaceEngine engine, Path photo) throws Exception {
        Mat image = ImageFiles.readBgr(photo);
        try {
            List<FaceBox> boxes = engine.detect(image, 0);
            if (boxes.isEmpty()) {
                boxes = engine.detect(image, 1);
            }
            assertTrue(!boxes.isEmpty(), "no face in " + photo);
            FaceBox box = boxes.stream().max(Comparator.comparingInt(b -> b.width() * b.height())).orElseThrow();
            return engine.encode(image, List.of(engine.landmarks(image, box))).get(0);
        } finally {
            image.release();
        }
    }
}
