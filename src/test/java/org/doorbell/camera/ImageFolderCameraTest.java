package org.doorbell.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.doorbell.image.OpenCv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/** "images:DIR": stills in name order, at the requested rate, looping or ending. */
class ImageFolderCameraTest {
    @TempDir
    static Path folder;

    @BeforeAll
    static void writeStills() throws Exception {
        OpenCv.load();
        // Written out of order: shown by name, b (blue 10) then c (blue 20) then d (blue 30).
        write("d.png", 30);
        write("b.png", 10);
        write("c.jpg", 20);
        Files.writeString(folder.resolve("notes.txt"), "not a still");
        Files.writeString(folder.resolve("broken.png"), "not a png either");
    }

    private static void write(String name, int blue) {
        Mat image = new Mat(48, 65, CvType.CV_8UC3, new Scalar(blue, 100, 200));
        assertTrue(Imgcodecs.imwrite(folder.resolve(name).toString(), image));
        image.release();
    }

    private static CameraSettings settings(String source, boolean exitAtEnd) {
        return new CameraSettings(source, 0, 0, 50, -1, 0, Duration.ofMillis(20), Duration.ofMillis(100), exitAtEnd);
    }

    @Test
    void stillsInNameOrderThenEnd() throws Exception {
        Recorder rec = new Recorder();
        try (Camera camera = Cameras.open(settings("images:" + folder, true), rec)) {
            camera.start();
            assertTrue(rec.await(r -> r.count(CameraState.ENDED) == 1), "ENDED after the last still");
        }
        List<Recorder.Frame> frames = rec.frames();
        assertEquals(3, frames.size());
        assertEquals(10, frames.get(0).first()[0]);
        assertEquals(30, frames.get(2).first()[0]);
        assertArrayEquals(new double[] {30, 100, 200}, frames.get(2).last());
        assertEquals(65, frames.get(1).width());
        assertEquals(List.of(CameraState.STARTING, CameraState.RUNNING, CameraState.ENDED), rec.stateSequence());
    }

    @Test
    void stillsLoopWithoutExitAtEnd() throws Exception {
        Recorder rec = new Recorder();
        try (Camera camera = Cameras.open(settings("images:" + folder, false), rec)) {
            camera.start();
            assertTrue(rec.await(r -> r.frames().size() >= 7), "seven frames from three stills");
        }
        List<Recorder.Frame> frames = rec.frames();
        assertEquals(10, frames.get(3).first()[0], "the fourth frame is the first still again");
        assertEquals(6, frames.get(6).sequence());
        assertEquals(0, rec.count(CameraState.RETRYING));
    }

    @Test
    void missingFolderIsRetriedUntilItAppears() throws Exception {
        Path later = folder.resolveSibling(folder.getFileName() + "-later");
        Recorder rec = new Recorder();
        try (Camera camera = Cameras.open(settings("images:" + later, false), rec)) {
            camera.start();
            assertTrue(rec.await(r -> r.count(CameraState.RETRYING) >= 2), "retrying");
            Files.createDirectory(later);
            Files.copy(folder.resolve("b.png"), later.resolve("b.png"));
            assertTrue(rec.await(r -> r.frames().size() >= 1), "frames once the folder exists");
        } finally {
            Files.deleteIfExists(later.resolve("b.png"));
            Files.deleteIfExists(later);
        }
        assertTrue(rec.states().get(1).detail().contains("-later"), rec.states().get(1).detail());
    }
}
