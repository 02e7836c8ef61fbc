package org.doorbell.face.dlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.doorbell.face.DetectorKind;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.FaceSettings;
import org.doorbell.face.ModelFileException;
import org.doorbell.face.ModelPaths;
import org.doorbell.image.ImageFiles;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

/** Missing, truncated and wrong model files are refused with one message naming the file and the fix. */
class ModelFileTest {
    @TempDir
    Path tmp;

    private static final ModelPaths REAL = TestFaces.settings().models();

    private static String refusal(ModelPaths paths, DetectorKind detector, Path expectedFile) {
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> DlibFaceEngine.open(new FaceSettings(detector, 0, 1, paths)).close());
        assertEquals(expectedFile, e.file());
        assertTrue(e.getMessage().contains(expectedFile.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("scripts/fetch-models"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void missingRecognitionModel() {
        Path missing = tmp.resolve(ModelPaths.RECOGNITION);
        String m = refusal(new ModelPaths(REAL.landmarks(), missing, REAL.cnnDetector()), DetectorKind.HOG, missing);
        assertTrue(m.contains("is missing"), m);
    }

    @Test
    void truncatedRecognitionModel() throws Exception {
        Path cut = tmp.resolve(ModelPaths.RECOGNITION);
        byte[] bytes = Files.readAllBytes(REAL.recognition());
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 3));
        String m = refusal(new ModelPaths(REAL.landmarks(), cut, REAL.cnnDetector()), DetectorKind.HOG, cut);
        assertTrue(m.contains("not a valid dlib face recognition ResNet"), m);
    }

    @Test
    void landmarksModelGivenAsRecognitionModel() throws Exception {
        Path wrong = Files.copy(REAL.landmarks(), tmp.resolve(ModelPaths.RECOGNITION));
        refusal(new ModelPaths(REAL.landmarks(), wrong, REAL.cnnDetector()), DetectorKind.HOG, wrong);
    }

    @Test
    void recognitionModelGivenAsLandmarksModel() throws Exception {
        Path wrong = Files.copy(REAL.recognition(), tmp.resolve(ModelPaths.LANDMARKS_68));
        String m = refusal(new ModelPaths(wrong, REAL.recognition(), REAL.cnnDetector()), DetectorKind.HOG, wrong);
        assertTrue(m.contains("shape predictor"), m);
    }

    @Test
    void photoGivenAsModel() throws Exception {
        Path wrong = Files.copy(TestFaces.file("angelina_jolie/img10.jpg"), tmp.resolve(ModelPaths.LANDMARKS_68));
        refusal(new ModelPaths(wrong, REAL.recognition(), REAL.cnnDetector()), DetectorKind.HOG, wrong);
    }

    @Test
    void cnnDetectorWithoutItsModel() {
        Path missing = tmp.resolve(ModelPaths.CNN_DETECTOR);
        refusal(new ModelPaths(REAL.landmarks(), REAL.recognition(), missing), DetectorKind.CNN, missing);
    }

    @Test
    void cnnDetectorFindsFacesWhenItsModelIsInstalled() throws Exception {
        // The CNN model comes only from dlib.net; this runs where scripts/fetch-models could reach it.
        assumeTrue(Files.exists(REAL.cnnDetector()), "no " + ModelPaths.CNN_DETECTOR + " in models/");
        Mat image = ImageFiles.readBgr(TestFaces.file("groups/bbt1.jpg"));
        try (FaceEngine engine = DlibFaceEngine.open(TestFaces.settings().withDetector(DetectorKind.CNN))) {
            assertEquals(4, engine.detect(image).size(), "the four faces HOG finds too");
            assertEquals(4, engine.faces(image).size());
        } finally {
            image.release();
        }
    }
}
