package org.doorbell.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/** Bad image files give one clear reason each; odd but valid ones just work. */
class ImageFilesTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void loadOpenCv() {
        OpenCv.load();
    }

    private static String reason(Path file) {
        ImageReadException e = assertThrows(ImageReadException.class, () -> ImageFiles.readBgr(file));
        assertTrue(e.getMessage().startsWith(file.toString()), "the message names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void missingFile() {
        assertTrue(reason(tmp.resolve("nope.jpg")).endsWith("no such file"));
    }

    @Test
    void emptyFile() throws Exception {
        Path f = Files.createFile(tmp.resolve("empty.jpg"));
        assertTrue(reason(f).endsWith("file is empty"));
    }

    @Test
    void truncatedJpeg() throws Exception {
        byte[] jpeg = Files.readAllBytes(TestFaces.file("angelina_jolie/img10.jpg"));
        Path f = Files.write(tmp.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        assertTrue(reason(f).contains("JPEG data is truncated"), reason(f));
    }

    @Test
    void textFileNamedJpg() throws Exception {
        Path f = Files.writeString(tmp.resolve("notes.jpg"), "this is not a photo\n");
        assertTrue(reason(f).contains("not an image"), reason(f));
    }

    @Test
    void folderInsteadOfFile() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("folder.jpg"));
        assertTrue(reason(d).contains("cannot read file"), reason(d));
    }

    @Test
    void hugeImageIsRefusedBeforeDecoding() throws Exception {
        Path f = tmp.resolve("huge.png");
        Mat big = new Mat(6000, 8000, CvType.CV_8UC3, new Scalar(200, 200, 200));
        try {
            assertTrue(Imgcodecs.imwrite(f.toString(), big));
        } finally {
            big.release();
        }
        assertTrue(reason(f).contains("48 megapixels; the limit is 40"), reason(f));
    }

    @Test
    void onePixelImageHasNoFace() throws Exception {
        Path f = tmp.resolve("dot.png");
        Mat dot = new Mat(1, 1, CvType.CV_8UC3, new Scalar(10, 20, 30));
        Imgcodecs.imwrite(f.toString(), dot);
        dot.release();
        Mat image = ImageFiles.readBgr(f);
        try (FaceEngine engine = DlibFaceEngine.open(TestFaces.settings())) {
            assertEquals(1, image.rows());
            assertEquals(0, engine.faces(image).size());
            assertEquals(0, engine.detect(image, 2).size());
        } finally {
            image.release();
        }
    }

    @Test
    void grayAndPngPhotosComeBackAsBgr() throws Exception {
        Mat image = ImageFiles.readBgr(TestFaces.images("kaley_cuoco").get(0));
        try {
            assertEquals(CvType.CV_8UC3, image.type());
            assertEquals(150, image.cols());
        } finally {
            image.release();
        }
    }
}
