package org.doorbell.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipeline text for each source kind, without cameras. */
class PipelineFactoryTest {
    private static final String LIVE_SINK = "appsink name=sink max-buffers=1 drop=true sync=false";

    private static CameraSettings settings(String source) {
        return new CameraSettings(source, 1280, 720, 30, -1, 2, Duration.ofMillis(500), Duration.ofSeconds(10), false);
    }

    private static PipelineFactory factory(boolean csiElement, String... devices) {
        List<Path> paths = java.util.Arrays.stream(devices).map(Path::of).toList();
        return new PipelineFactory(name -> csiElement && name.equals("nvarguscamerasrc"), () -> paths);
    }

    @Test
    void csi() {
        assertEquals("nvarguscamerasrc ! video/x-raw(memory:NVMM),width=1280,height=720,format=NV12,framerate=30/1"
                + " ! nvvidconv flip-method=2 ! video/x-raw,format=BGRx ! videoconvert ! video/x-raw,format=BGR ! "
                + LIVE_SINK, factory(false).describe(settings("csi")));
        CameraSettings mode3 = new CameraSettings("csi", 1920, 1080, 28, 3, 0, Duration.ZERO, Duration.ZERO, false);
        assertTrue(factory(false).describe(mode3).startsWith("nvarguscamerasrc sensor-mode=3 ! "
                + "video/x-raw(memory:NVMM),width=1920,height=1080,format=NV12,framerate=28/1 ! nvvidconv flip-method=0"));
    }

    @Test
    void usb() {
        String expected = "v4l2src device=\"/dev/video1\" ! videoconvert ! videoscale"
                + " ! video/x-raw,format=BGR,width=1280,height=720 ! " + LIVE_SINK;
        assertEquals(expected, factory(false, "/dev/video1", "/dev/video2").describe(settings("usb")));
        assertEquals(expected, factory(false).describe(settings("usb:/dev/video1")));
        CameraSettings anySize = new CameraSettings("usb:/dev/video1", 0, 0, 30, -1, 0, Duration.ZERO, Duration.ZERO,
                false);
        assertEquals("v4l2src device=\"/dev/video1\" ! videoconvert ! videoscale ! video/x-raw,format=BGR ! "
                + LIVE_SINK, factory(false).describe(anySize));
    }

    @Test
    void fileIsQuotedAndPlaysAtItsOwnRate() {
        assertEquals("filesrc location=\"/videos/door \\\"1\\\".mp4\" ! decodebin ! videoconvert"
                        + " ! video/x-raw,format=BGR ! appsink name=sink max-buffers=2 drop=false sync=true",
                factory(false).describe(settings("file:/videos/door \"1\".mp4")));
        assertTrue(factory(false).describe(settings("file:clip.avi"))
                .startsWith("filesrc location=\"" + Path.of("clip.avi").toAbsolutePath() + "\" ! "));
    }

    @Test
    void rtsp() {
        assertEquals("rtspsrc location=\"rtsp://cam.local:554/stream1\" latency=200 ! decodebin ! videoconvert"
                        + " ! video/x-raw,format=BGR ! " + LIVE_SINK,
                factory(false).describe(settings("rtsp://cam.local:554/stream1")));
    }

    @Test
    void pipelineGetsAnAppsinkUnlessItNamesOne() {
        assertEquals("videotestsrc ! videoconvert ! video/x-raw,format=BGR"
                        + " ! appsink name=sink max-buffers=2 drop=false sync=false",
                factory(false).describe(settings("pipeline:videotestsrc")));
        String own = "videotestsrc ! videoconvert ! video/x-raw,format=BGR ! appsink name=sink drop=true";
        assertEquals(own, factory(false).describe(settings("pipeline:" + own)));
        assertTrue(factory(false).describe(settings("pipeline:videotestsrc ! fakesink name=sink2"))
                .endsWith("appsink name=sink max-buffers=2 drop=false sync=false"));
    }

    @Test
    void autoTriesCsiThenEveryDeviceInOrder() {
        List<CameraProbe.Candidate> candidates = factory(true, "/dev/video0", "/dev/video2").autoCandidates(settings("auto"));
        assertEquals(List.of("csi", "usb:/dev/video0", "usb:/dev/video2"),
                candidates.stream().map(CameraProbe.Candidate::source).toList());
        assertEquals(factory(false).describe(settings("csi")), candidates.get(0).pipeline());
        assertEquals(factory(false).describe(settings("usb:/dev/video2")), candidates.get(2).pipeline());
        // the CSI camera is tried only where nvarguscamerasrc is installed
        assertEquals(List.of("usb:/dev/video0"), factory(false, "/dev/video0").autoCandidates(settings("auto")).stream()
                .map(CameraProbe.Candidate::source).toList());
        assertEquals(List.of("csi"), factory(true).autoCandidates(settings("auto")).stream()
                .map(CameraProbe.Candidate::source).toList());
    }

    @Test
    void autoWithoutCameraNamesTheOption() {
        CameraException e = assertThrows(CameraException.class,
                () -> new CameraProbe(pipeline -> "unused").choose(factory(false).autoCandidates(settings("auto"))));
        assertEquals("No camera found (no CSI camera, no /dev/video*). "
                + "Choose one with --source, e.g. --source file:video.mp4", e.getMessage());
    }

    @Test
    void autoOnThisMachineWithoutVideoDevices() {
        assumeTrue(PipelineFactory.videoDevices(Path.of("/dev")).isEmpty(), "this machine has /dev/video*");
        CameraException e = assertThrows(CameraException.class,
                () -> Cameras.open(settings("auto"), new Recorder()));
        assertTrue(e.getMessage().contains("--source"), e.getMessage());
    }

    @Test
    void unknownSourceNamesTheOption() {
        CameraException e = assertThrows(CameraException.class, () -> factory(false).describe(settings("webcam")));
        assertTrue(e.getMessage().contains("--source"), e.getMessage());
    }

    @Test
    void devicesInNumberOrder(@org.junit.jupiter.api.io.TempDir Path dev) throws Exception {
        for (String name : List.of("video10", "video2", "video0", "vide", "videoX")) {
            java.nio.file.Files.createFile(dev.resolve(name));
        }
        assertEquals(List.of(dev.resolve("video0"), dev.resolve("video2"), dev.resolve("video10")),
                PipelineFactory.videoDevices(dev));
    }
}
