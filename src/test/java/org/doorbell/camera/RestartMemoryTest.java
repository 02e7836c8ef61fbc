package org.doorbell.camera;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Hundreds of pipeline restarts do not make the process grow. */
class RestartMemoryTest {
    private static final long MAX_GROWTH_KB = 40 * 1024;

    @Test
    void twoHundredRestartsDoNotLeak() throws Exception {
        Recorder rec = new Recorder();
        String source = "pipeline:videotestsrc num-buffers=1 ! video/x-raw,width=320,height=240";
        CameraSettings settings = new CameraSettings(source, 1280, 720, 30, -1, 0,
                Duration.ofMillis(1), Duration.ofMillis(1), false);
        long after20;
        long after200;
        try (Camera camera = Cameras.open(settings, rec)) {
            camera.start();
            assertTrue(rec.await(r -> r.count(CameraState.RETRYING) >= 20), "20 restarts");
            after20 = rssKb();
            assertTrue(rec.await(r -> r.count(CameraState.RETRYING) >= 200), "200 restarts");
            after200 = rssKb();
        }
        long growth = after200 - after20;
        System.out.printf("VmRSS after 20 restarts: %d kB, after 200: %d kB, growth %d kB%n", after20, after200, growth);
        assertTrue(rec.frames().size() >= 200, "a frame per restart");
        assertTrue(growth < MAX_GROWTH_KB, "grew " + growth + " kB over 180 restarts");
    }

    private static long rssKb() throws IOException, InterruptedException {
        System.gc();
        Thread.sleep(100);
        System.gc();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
