package org.doorbell.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.image.ImageFiles;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

/** The files of ../shared/faces/edge_cases. */
class EdgeCaseTest {
    private static FaceEngine engine;

    @BeforeAll
    static void open() {
        engine = DlibFaceEngine.open(TestFaces.settings());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static List<Face> faces(Path file) throws Exception {
        Mat image = ImageFiles.readBgr(file);
        try {
            return engine.faces(image);
        } finally {
            image.release();
        }
    }

    @Test
    void webpDataNamedJpgIsDecodedByContentAndRecognised() throws Exception {
        // dlib's load_image rejects this file; we decode by content, so it is just another photo.
        List<Face> faces = faces(TestFaces.file("edge_cases/scarlett_johansson_img47_webp_named_jpg.jpg"));
        assertEquals(1, faces.size());
        int close = 0;
        List<Path> others = TestFaces.images("scarlett_johansson");
        for (Path other : others) {
            double d = faces.get(0).encoding().distanceTo(VerificationAccuracyTest.largestFace(engine, other));
            close += d < 0.6 ? 1 : 0;
        }
        System.out.printf("edge case: WebP-named-.jpg matches %d/%d of Scarlett Johansson's photos%n", close, others.size());
        assertTrue(close >= others.size() - 1, "matches only " + close + "/" + others.size());
    }

    @Test
    void mirroredPhotoIsTheSamePerson() throws Exception {
        List<Face> mirrored = faces(TestFaces.file("edge_cases/angelina_jolie_img11_reflection.jpg"));
        List<Face> original = faces(TestFaces.file("angelina_jolie/img11.jpg"));
        assertEquals(1, mirrored.size());
        assertEquals(1, original.size());
        double d = mirrored.get(0).encoding().distanceTo(original.get(0).encoding());
        System.out.printf("edge case: mirrored photo distance to the original %.4f%n", d);
        assertTrue(d < 0.6, "distance " + d);
    }
}
