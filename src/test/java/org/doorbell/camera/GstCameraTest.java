package org.doorbell.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real GStreamer pipelines through {@link Cameras#open}: frames, ends, errors and recoveries. */
class GstCameraTest {
    @TempDir
    static Path dir;
    static Path video;

    @BeforeAll
    static void makeVideo() throws Exception {
        video = dir.resolve("test clip.avi");
        makeVideo(video);
    }

    /** 60 frames of 160x120 MJPEG in AVI, 60 per second. */
    static void makeVideo(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("gst-launch-1.0", "-q", "videotestsrc", "num-buffers=60", "!",
                "video/x-raw,width=160,height=120,framerate=60/1", "!", "jpegenc", "!", "avimux", "!",
                "filesink", "location=" + file).inheritIO().start();
        assertEquals(0, p.waitFor(), "gst-launch-1.0 makes the test video");
    }

    static CameraSettings settings(String source) {
        return new CameraSettings(source, 1280, 720, 30, -1, 0, Duration.ofMillis(20), Duration.ofMillis(100), false);
    }

    @Test
    void framesHaveTheirSizeAndPixelsDespiteRowPadding() throws Exception {
        // 321 BGR pixels are 963 bytes; GStreamer pads each row to 964.
        Recorder rec = new Recorder();
        String source = "pipeline:videotestsrc num-buffers=30 pattern=solid-color foreground-color=0xff2040c0"
                + " ! video/x-raw,format=BGR,width=321,height=240,framerate=30/1";
        try (Camera camera = Cameras.open(settings(source), rec)) {
            camera.start();
            assertTrue(rec.await(r -> r.frames().size() >= 30), "30 frames");
        }
        List<Recorder.Frame> frames = rec.frames();
        for (int i = 0; i < frames.size(); i++) {
            Recorder.Frame f = frames.get(i);
            assertEquals(i, f.sequence());
            assertEquals(321, f.width());
            assertEquals(240, f.height());
            assertArrayEquals(new double[] {0xc0, 0x40, 0x20}, f.first());
            assertArrayEquals(new double[] {0xc0, 0x40, 0x20}, f.second());
            assertArrayEquals(new double[] {0xc0, 0x40, 0x20}, f.last());
        }
        assertEquals(List.of(CameraState.STARTING, CameraState.RUNNING), rec.stateSequence().subList(0, 2));
        assertEquals(CameraState.ENDED, rec.states().get(rec.states().size() - 1).state());
    }

    @Test
    void fileWithExitAtEndDeliversEveryFrameThenEnds() throws Exception {
        Recorder rec = new Recorder();
        try (Camera camera = Cameras.open(settings("file:" + video).withExitAtEnd(true), rec)) {
            camera.start();
            assertTrue(rec.await(r -> r.count(CameraState.ENDED) == 1), "ENDED at the end of the file");
            List<Recorder.Frame> frames = rec.frames();
            assertEquals(60, frames.size());
            assertEquals(59, frames.get(59).sequence());
            assertEquals(160, frames.get(0).width());
            assertEquals(List.of(CameraState.STARTING, CameraState.RUNNING, CameraState.ENDED), rec.stateSequence());
        }
        assertEquals(1, rec.count(CameraState.ENDED));
    }

    @Test
    void fileWithoutExitAtEndStartsOver() throws Exception {
        Recorder rec = new Recorder();
        try (Camera camera = Cameras.open(settings("file:" + video), rec)) {
            camera.start();
            assertTrue(rec.await(r -> r.count(CameraState.RUNNING) >= 2), "running again after the end");
        }
        List<CameraState> seq = rec.stateSequence();
        assertEquals(List.of(CameraState.STARTING, CameraState.RUNNING, CameraState.RETRYING, CameraState.STARTING,
                CameraState.RUNNING), seq.subList(0, 5));
        assertTrue(rec.frames().size() >= 61, "frames after the restart");
        assertEquals(CameraState.ENDED, seq.get(seq.size() - 1));
    }

    @Test
    void errorMidStreamIsRetried() throws Exception {
        Recorder rec = new Recorder();
        String source = "pipeline:videotestsrc ! video/x-raw,width=64,height=48 ! identity error-after=20";
        try (Camera camera = Cameras.open(settings(source), rec)) {
            camera.start();
            assertTrue(rec.await(r -> r.count(CameraState.RUNNING) >= 3), "running again after errors");
        }
        Recorder.State retrying = rec.states().stream().filter(s -> s.state() == CameraState.RETRYING)
                .findFirst().orElseThrow();
        assertTrue(retrying.detail().startsWith("identity"), retrying.detail());
        List<Recorder.Frame> frames = rec.frames();
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(i, frames.get(i).sequence(), "sequence continues across restarts");
        }
    }

    @Test
    void missingFileThatAppearsLaterIsPickedUp() throws Exception {
        Path later = dir.resolve("later.avi");
        Recorder rec = new Recorder();
        try (Camera camera = Cameras.open(settings("file:" + later), rec)) {
            camera.start();
            assertTrue(rec.await(r -> r.count(CameraState.RETRYING) >= 3), "retrying while the file is missing");
            assertEquals(0, rec.frames().size());
            Files.copy(video, later);
            assertTrue(rec.await(r -> r.count(CameraState.RUNNING) >= 1), "running once the file exists");
        }
        assertTrue(rec.states().get(1).detail().contains("later.avi"), rec.states().get(1).detail());
    }

    @Test
    void missingDeviceIsRetried() throws Exception {
        Recorder rec = new Recorder();
        try (Camera camera = Cameras.open(settings("usb:/dev/video99"), rec)) {
            camera.start();
            assertTrue(rec.await(r -> r.count(CameraState.RETRYING) >= 3), "retrying");
        }
        assertTrue(rec.states().get(1).detail().contains("/dev/video99"), rec.states().get(1).detail());
        assertEquals(CameraState.ENDED, rec.states().get(rec.states().size() - 1).state());
    }

    @Test
    void unreachableRtspServerIsRetried() throws Exception {
        Recorder rec = new Recorder();
        try (Camera camera = Cameras.open(settings("rtsp://127.0.0.1:1/door"), rec)) {
            camera.start();
            assertTrue(rec.await(r -> r.count(CameraState.RETRYING) >= 2), "retrying");
        }
        assertTrue(rec.states().get(1).detail().startsWith("rtspsrc"), rec.states().get(1).detail());
        assertEquals(CameraState.ENDED, rec.states().get(rec.states().size() - 1).state());
    }

    @Test
    void unknownElementIsRetriedWithoutHanging() throws Exception {
        Recorder rec = new Recorder();
        try (Camera camera = Cameras.open(settings("pipeline:videotestsrc ! nosuchelement"), rec)) {
            camera.start();
            assertTrue(rec.await(r -> r.count(CameraState.RETRYING) >= 3), "retrying");
        }
        String detail = rec.states().get(1).detail();
        assertTrue(detail.contains("nosuchelement"), detail);
        assertEquals(CameraState.ENDED, rec.states().get(rec.states().size() - 1).state());
    }

    @Test
    void silentSourceCountsAsFailed() throws Exception {
        Recorder rec = new Recorder();
        String source = "pipeline:videotestsrc is-live=true ! video/x-raw,width=64,height=48,framerate=10/1"
                + " ! valve drop=true";
        try (Camera camera = Cameras.open(settings(source), rec)) {
            camera.start();
            assertTrue(rec.await(r -> r.count(CameraState.RETRYING) >= 1), "retrying");
        }
        assertEquals("no frame for 5 s", rec.states().get(1).detail());
    }

    @Test
    void closeIsIdempotentAndEndsOnce() throws Exception {
        Recorder rec = new Recorder();
        Camera camera = Cameras.open(settings("pipeline:videotestsrc ! video/x-raw,width=64,height=48"), rec);
        camera.start();
        assertTrue(rec.await(r -> r.frames().size() >= 5), "frames");
        camera.close();
        camera.close();
        assertEquals(1, rec.count(CameraState.ENDED));
        int frames = rec.frames().size();
        Thread.sleep(100);
        assertEquals(frames, rec.frames().size(), "no frame after close()");
    }

    @Test
    void aThrowingListenerDoesNotStopTheCamera() throws Exception {
        Recorder rec = new Recorder() {
            @Override
            public synchronized void onFrame(org.opencv.core.Mat frame, long sequence) {
                super.onFrame(frame, sequence);
                throw new IllegalStateException("listener bug");
            }
        };
        try (Camera camera = Cameras.open(settings("pipeline:videotestsrc ! video/x-raw,width=64,height=48"), rec)) {
            camera.start();
            assertTrue(rec.await(r -> r.frames().size() >= 10), "frames keep coming");
        }
        assertEquals(0, rec.count(CameraState.RETRYING));
    }
}
