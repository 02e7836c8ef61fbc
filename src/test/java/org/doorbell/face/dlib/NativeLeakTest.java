package org.doorbell.face.dlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.doorbell.face.FaceEngine;
import org.doorbell.image.ImageFiles;
import org.doorbell.image.ImageReadException;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

/** Native memory stays flat over many calls, good and bad, as it must for frames that flow forever. */
class NativeLeakTest {
    private static final long MB = 1024 * 1024;

    @Test
    void residentMemoryIsStableOver1000Calls(@TempDir Path tmp) throws Exception {
        Path photo = TestFaces.images("john_salley").get(0);
        byte[] jpeg = Files.readAllBytes(TestFaces.file("angelina_jolie/img10.jpg"));
        Path truncated = Files.write(tmp.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Path text = Files.writeString(tmp.resolve("text.jpg"), "not an image");
        try (FaceEngine engine = DlibFaceEngine.open(TestFaces.settings())) {
            Runnable call = () -> {
                try {
                    Mat image = ImageFiles.readBgr(photo);
                    try {
                        assertEquals(1, engine.faces(image).size());
                        assertEquals(1, engine.detect(image, 1).size());
                    } finally {
                        image.release();
                    }
                } catch (ImageReadException e) {
                    throw new AssertionError(e);
                }
                assertThrows(ImageReadException.class, () -> ImageFiles.readBgr(truncated));
                assertThrows(ImageReadException.class, () -> ImageFiles.readBgr(text));
            };
            for (int i = 0; i < 200; i++) {
                call.run();
            }
            long before = settledRss();
            for (int i = 0; i < 1000; i++) {
                call.run();
            }
            long after = settledRss();
            System.out.printf("native memory: RSS %d MB before, %d MB after 1000 calls (%+d MB)%n", before / MB,
                    after / MB, (after - before) / MB);
            assertTrue(after - before < 24 * MB, "RSS grew by " + (after - before) / MB + " MB");
        }
    }

    @Test
    void openingAndClosingEnginesFreesTheirModels() throws Exception {
        DlibFaceEngine.open(TestFaces.settings()).close();
        long before = settledRss();
        for (int i = 0; i < 15; i++) {
            DlibFaceEngine.open(TestFaces.settings()).close();
        }
        long after = settledRss();
        System.out.printf("native memory: RSS %d MB before, %d MB after 15 engines opened and closed (%+d MB)%n",
                before / MB, after / MB, (after - before) / MB);
        // each engine holds about 120 MB of models; a leak would add that much per cycle
        assertTrue(after - before < 100 * MB, "RSS grew by " + (after - before) / MB + " MB");
    }

    private static long settledRss() throws Exception {
        System.gc();
        Thread.sleep(200);
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
