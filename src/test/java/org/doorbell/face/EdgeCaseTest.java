package org.doorbell.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.image.ImageFiles;
import org.doorbell.testing.PythonApiBoxes;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;

/** The files of ../shared/faces/edge_cases, and faces cut by the image's edges. */
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

    @Test
    void faceCutByTheRightAndBottomEdgesIsTrimmedAsFaceRecognitionTrimsIt(@TempDir Path tmp) throws Exception {
        Mat photo = ImageFiles.readBgr(TestFaces.file("angelina_jolie/img10.jpg"));
        Mat cut = null;
        try {
            List<FaceBox> whole = engine.detect(photo, 0);
            assertEquals(1, whole.size(), "faces in the whole photo");
            FaceBox face = whole.get(0);
            // the photo's top-left part, ending a tenth of the face before its right and bottom sides
            int width = face.right() + 1 - face.width() / 10;
            int height = face.bottom() + 1 - face.height() / 10;
            cut = photo.submat(new Rect(0, 0, width, height)).clone();
            Path png = tmp.resolve("cut.png");
            assertTrue(Imgcodecs.imwrite(png.toString(), cut), "writing " + png);

            // dlib's own box (face_recognition's _raw_face_locations) runs past both edges
            Map<Path, List<FaceBox>> raw = PythonApiBoxes.of(0, List.of(png));
            assertEquals(1, raw.get(png).size(), "dlib's boxes in the cut photo");
            FaceBox dlib = raw.get(png).get(0);
            assertTrue(dlib.right() > width - 1, "dlib's right " + dlib.right() + " inside the width " + width);
            assertTrue(dlib.bottom() > height - 1, "dlib's bottom " + dlib.bottom() + " inside the height " + height);
            assertTrue(dlib.top() >= 0 && dlib.left() >= 0, "a box cut only on the right and bottom: " + dlib);

            // face_recognition's _trim_css_to_bounds: max(top, 0), min(right, width), min(bottom, height), max(left, 0)
            List<FaceBox> found = engine.detect(cut, 0);
            System.out.printf("edge case: %dx%d cut, dlib's box %s, trimmed %s%n", width, height, dlib, found);
            assertEquals(List.of(new FaceBox(dlib.top(), width, height, dlib.left())), found);
            assertEquals(found, engine.faces(cut).stream().map(Face::box).toList(), "the whole chain's boxes");
        } finally {
            photo.release();
            if (cut != null) {
                cut.release();
            }
        }
    }
}
