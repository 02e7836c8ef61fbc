package org.doorbell.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What "auto" chooses, tried with real GStreamer pipelines: this machine has neither a CSI sensor
 * nor a /dev/video*, so the candidates that must answer are videotestsrc pipelines standing in for
 * a USB camera, and the ones that must not are the real CSI and v4l2src pipelines, an element that
 * does not exist, or a live pipeline whose frames never reach the appsink.
 */
class CameraProbeTest {
    private static final Duration WITHIN = Duration.ofSeconds(2);
    private static final String SINK = " ! videoconvert ! video/x-raw,format=BGR ! appsink name=sink max-buffers=1 drop=true sync=false";
    /** A camera that answers. */
    private static final String GIVES_FRAMES = "videotestsrc is-live=true ! video/x-raw,width=64,height=48" + SINK;
    /** A live source that plays, but whose frames never arrive: never reaches PLAYING. */
    private static final String NEVER_ANSWERS = "videotestsrc is-live=true ! valve drop=true" + SINK;

    private static CameraSettings auto() {
        return CameraSettings.defaults("auto");
    }

    /** The real candidates of a Jetson with nvarguscamerasrc and these device nodes. */
    private static List<CameraProbe.Candidate> jetsonWith(String... devices) {
        List<Path> paths = java.util.Arrays.stream(devices).map(Path::of).toList();
        return new ArrayList<>(new PipelineFactory(name -> true, () -> paths).autoCandidates(auto()));
    }

    @Test
    void csiWithoutSensorThenTheFirstDeviceThatGivesFrames() {
        List<CameraProbe.Candidate> candidates = jetsonWith("/dev/video97");
        candidates.add(new CameraProbe.Candidate("usb:/dev/video98", GIVES_FRAMES));
        candidates.add(new CameraProbe.Candidate("usb:/dev/video99", GIVES_FRAMES));
        CameraProbe.Choice choice = CameraProbe.gstreamer(WITHIN).choose(candidates);
        System.out.println("probe: " + choice.describe());
        assertEquals("usb:/dev/video98", choice.source());
        assertEquals(2, choice.passedOver().size(), choice.passedOver().toString());
        assertTrue(choice.passedOver().get(0).startsWith("CSI sensor did not answer: ")
                && choice.passedOver().get(0).contains("nvarguscamerasrc"), choice.passedOver().get(0));
        assertTrue(choice.passedOver().get(1).startsWith("/dev/video97 gave no frames: ")
                && choice.passedOver().get(1).contains("/dev/video97"), choice.passedOver().get(1));
        assertTrue(choice.describe().startsWith("auto chose usb:/dev/video98 (CSI sensor did not answer: "), choice.describe());
    }

    @Test
    void aSensorThatAnswersIsChosen() {
        CameraProbe.Choice choice = CameraProbe.gstreamer(WITHIN).choose(List.of(
                new CameraProbe.Candidate("csi", GIVES_FRAMES), new CameraProbe.Candidate("usb:/dev/video0", GIVES_FRAMES)));
        assertEquals("csi", choice.source());
        assertEquals("auto chose csi", choice.describe());
    }

    @Test
    void aPipelineThatNeverReachesPlayingIsPassedOverInTime() {
        long start = System.nanoTime();
        CameraProbe.Choice choice = CameraProbe.gstreamer(WITHIN).choose(List.of(
                new CameraProbe.Candidate("csi", NEVER_ANSWERS), new CameraProbe.Candidate("usb:/dev/video0", GIVES_FRAMES)));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("probe: a silent CSI pipeline passed over in %.2f s%n", seconds);
        assertEquals("usb:/dev/video0", choice.source());
        assertEquals(List.of("CSI sensor did not answer: no frame within 2.0 s"), choice.passedOver());
        assertTrue(seconds < 6, seconds + " s");
    }

    @Test
    void noCsiElementIsSaid() {
        CameraProbe.Choice choice = CameraProbe.gstreamer(WITHIN).choose(List.of(
                new CameraProbe.Candidate("usb:/dev/video0", GIVES_FRAMES)));
        assertEquals("auto chose usb:/dev/video0 (no CSI camera)", choice.describe());
    }

    @Test
    void nothingAnswersIsOneClearMessage() {
        List<CameraProbe.Candidate> candidates = jetsonWith("/dev/video97");
        candidates.add(new CameraProbe.Candidate("usb:/dev/video98", NEVER_ANSWERS));
        CameraException e = assertThrows(CameraException.class, () -> CameraProbe.gstreamer(WITHIN).choose(candidates));
        System.out.println("probe: " + e.getMessage());
        String m = e.getMessage();
        assertTrue(m.startsWith("No camera found (CSI sensor did not answer: "), m);
        assertTrue(m.contains("; /dev/video97 gave no frames: ") && m.contains("; /dev/video98 gave no frames: no frame within 2.0 s"), m);
        assertTrue(m.endsWith("). Choose one with --source, e.g. --source file:video.mp4"), m);
        assertEquals(1, m.lines().count(), m);

        CameraException csiOnly = assertThrows(CameraException.class, () -> CameraProbe.gstreamer(WITHIN).choose(jetsonWith()));
        assertTrue(csiOnly.getMessage().contains("; no /dev/video*). Choose one with --source"), csiOnly.getMessage());
    }

    @Test
    void endOfStreamBeforeAFrameIsNoAnswer() {
        assertEquals("the stream ended before its first frame", CameraProbe.firstFrame(
                "videotestsrc num-buffers=0" + SINK, WITHIN));
        assertNull(CameraProbe.firstFrame(GIVES_FRAMES, WITHIN));
    }

    /**
     * Every try builds and disposes a whole pipeline. Each GStreamer pipeline left behind keeps
     * file descriptors open (its file, the bus's wake-up pipe, decoder threads' polls), so after
     * warming up, a hundred tries of each kind must leave exactly as many open as before.
     */
    @Test
    void probesReleaseWhatTheyCreate(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path clip = dir.resolve("clip.avi");
        GstCameraTest.makeVideo(clip);
        String file = "filesrc location=" + PipelineFactory.quote(clip.toString()) + " ! decodebin" + SINK;
        probeEachKind(file);
        long before = openFiles();
        for (int i = 0; i < 100; i++) {
            probeEachKind(file);
        }
        assertEquals("no frame within 0.2 s",
                CameraProbe.firstFrame(NEVER_ANSWERS, Duration.ofMillis(200)));
        long after = openFiles();
        System.out.printf("probe: open file descriptors before 301 tries %d, after %d%n", before, after);
        assertEquals(before, after, "file descriptors left open by the probe");
    }

    private static void probeEachKind(String file) {
        assertNull(CameraProbe.firstFrame(GIVES_FRAMES, WITHIN));
        assertNull(CameraProbe.firstFrame(file, WITHIN));
        assertTrue(CameraProbe.firstFrame("v4l2src device=/dev/video97" + SINK, WITHIN).contains("/dev/video97"));
    }

    private static long openFiles() throws Exception {
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
