package org.doorbell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.doorbell.testing.Await;
import org.doorbell.testing.TestFaces;
import org.doorbell.visitors.store.VisitorStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doorbell run} as a real process: headless on a looping video, stopped by SIGTERM. */
class RunCommandTest {
    @Test
    void sigtermSavesTheStoreAndExitsCleanly(@TempDir Path tmp) throws Exception {
        Path config = Files.writeString(tmp.resolve("doorbell.json"), "{\"faces\": {\"modelsDir\": \""
                + TestFaces.models().toAbsolutePath() + "\"}, \"recognition\": {\"minFaceFraction\": 0.07}}");
        Path store = tmp.resolve("data/known_faces.db");
        Path video = TestFaces.file("video/facenet-pytorch_pedestrians_video.mp4").toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.doorbell.cli.DoorbellCli", "run", "--headless",
                "--config", config.toString(), "--store", store.toString(), "--source", "file:" + video));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile());
        pb.environment().put("DOORBELL_LOG_LEVEL", "INFO");
        Process p = pb.start();
        try {
            // wait until a visitor has been registered, then ask it to stop as systemd does
            Await.until(() -> log(tmp).contains("new visitor #") || !p.isAlive(), Duration.ofSeconds(60),
                    Duration.ofMillis(250));
            assertTrue(log(tmp).contains("new visitor #"), "no visitor registered within 60 s: " + log(tmp));
            // the visitors command reads the store while the appliance writes it: always a whole state
            java.util.Map<Long, Long> frames = new java.util.HashMap<>();
            for (int read = 0; read < 10 && p.isAlive(); read++) {
                CliRunner.Result during = CliRunner.run("visitors", "--json", "--store", store.toString());
                assertEquals(0, during.exitCode(), during.err());
                java.util.Set<Long> ids = new java.util.HashSet<>();
                for (String line : during.out().lines().toList()) {
                    com.fasterxml.jackson.databind.JsonNode v = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
                    long id = v.get("id").asLong();
                    assertTrue(ids.add(id), "visitor " + id + " listed twice: " + during.out());
                    long seen = v.get("seen_frames").asLong();
                    assertTrue(seen >= frames.getOrDefault(id, 0L), "visitor " + id + "'s frames went back: " + during.out());
                    assertTrue(v.get("samples").asInt() >= 1, line);
                    frames.put(id, seen);
                }
                // pacing, not a wait for anything: the ten reads spread over about three seconds of the run's writes
                Thread.sleep(300);
            }
            p.destroy();  // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stopped within 30 s");
        } finally {
            p.destroyForcibly();
        }
        String log = log(tmp);
        assertTrue(log.contains("stopped with"), log);
        assertTrue(Files.exists(store), "store saved on SIGTERM");
        int visitors = VisitorStores.readAny(store).size();
        System.out.printf("run: SIGTERM after a few seconds of video saved %d visitors; exit status %d%n", visitors, p.exitValue());
        assertTrue(visitors >= 1, log);
        // what the visitors command lists from the same store
        CliRunner.Result listed = CliRunner.run("visitors", "--json", "--store", store.toString());
        assertEquals(0, listed.exitCode(), listed.err());
        assertEquals(visitors, listed.out().lines().count(), listed.out());
        for (String line : listed.out().lines().toList()) {
            com.fasterxml.jackson.databind.JsonNode v = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            assertTrue(v.get("name").isNull() && v.get("samples").asInt() >= 1 && v.get("seen_frames").asLong() >= 1, line);
        }
        assertEquals(143, p.exitValue(), "the exit status of a process ended by SIGTERM");
    }

    @Test
    void aFileRunToItsEndLeavesTheVisitorsInTheStore(@TempDir Path tmp) throws Exception {
        Path store = tmp.resolve("known_faces.db");
        Path clip = clip(tmp, List.of("kaley_cuoco/penny1.png", "kaley_cuoco/penny2.png", "jim_parsons/sheldon1.png"));
        CliRunner.Result r = CliRunner.run("run", "--headless", "--exit-at-end", "--config", CliRunner.config(tmp).toString(),
                "--source", "file:" + clip, "--store", store.toString());
        assertEquals(0, r.exitCode(), r.err());
        CliRunner.Result listed = CliRunner.run("visitors", "--json", "--store", store.toString());
        assertEquals(0, listed.exitCode(), listed.err());
        List<String> lines = listed.out().lines().toList();
        // Penny, then Sheldon where she stood: two visitors, each seen, even in the file's last frames
        assertEquals(2, lines.size(), listed.out());
        for (String line : lines) {
            com.fasterxml.jackson.databind.JsonNode v = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            assertTrue(v.get("seen_frames").asLong() >= 1 && v.get("visits").asInt() == 1, line);
        }

        // the summary on stdout: every one of the clip's 30 frames arrived; both visitors are new
        System.out.println("run --exit-at-end: " + r.out().strip());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^frames 30, analysed (\\d+) \\((\\d+\\.\\d)/s over "
                + "(\\d+\\.\\d) s\\); visitors 2 known, 2 new; latency median (\\d+) ms, p90 (\\d+) ms$").matcher(r.out().strip());
        assertTrue(m.matches(), r.out());
        int analysed = Integer.parseInt(m.group(1));
        assertTrue(analysed >= 2 && analysed <= 30, r.out());
        assertEquals(analysed / Double.parseDouble(m.group(3)), Double.parseDouble(m.group(2)), 0.2, r.out());
        assertTrue(Integer.parseInt(m.group(4)) <= Integer.parseInt(m.group(5)), r.out());

        // again on the same store, with --json: the summary is the last line, the two are known now
        CliRunner.Result again = CliRunner.run("run", "--headless", "--exit-at-end", "--json", "--config",
                CliRunner.config(tmp).toString(), "--source", "file:" + clip, "--store", store.toString());
        assertEquals(0, again.exitCode(), again.err());
        List<String> out = again.out().lines().toList();
        com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.get(out.size() - 1)).get("summary");
        System.out.println("run --exit-at-end --json, again: " + out.get(out.size() - 1));
        assertEquals(30, summary.get("frames").asInt(), summary.toString());
        assertEquals(2, summary.get("visitors").asInt(), summary.toString());
        assertEquals(0, summary.get("new_visitors").asInt(), summary.toString());
        assertTrue(summary.get("analysed").asInt() >= 2 && summary.get("analysed_per_second").asDouble() > 0
                && summary.get("latency_median_ms").asInt() <= summary.get("latency_p90_ms").asInt(), summary.toString());
        assertTrue(out.subList(0, out.size() - 1).stream().allMatch(l -> l.startsWith("{\"frame\":")), again.out());
    }

    /**
     * {@code run} tells the journal what it starts with and what happens, at INFO without
     * DOORBELL_LOG_LEVEL, and nothing per frame; the other commands keep stderr quiet.
     */
    @Test
    void runLogsItsStartAndEventsAtInfoOtherCommandsStayQuiet(@TempDir Path tmp) throws Exception {
        Path store = tmp.resolve("known_faces.db");
        Path clip = clip(tmp, List.of("kaley_cuoco/penny1.png", "jim_parsons/sheldon1.png"), 20);
        Path config = CliRunner.config(tmp);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.doorbell.cli.DoorbellCli", "run", "--headless",
                "--exit-at-end", "--config", config.toString(), "--store", store.toString(), "--source", "file:" + clip)
                .redirectError(tmp.resolve("log.txt").toFile()).redirectOutput(tmp.resolve("out.txt").toFile());
        pb.environment().remove("DOORBELL_LOG_LEVEL");
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the clip played to its end");
        } finally {
            p.destroyForcibly();
        }
        String log = log(tmp);
        System.out.print("run's log at its default level:\n" + log);
        assertEquals(0, p.exitValue(), log);
        List<String> lines = log.lines().toList();
        for (String fact : List.of("RunCommand - doorbell " + org.doorbell.BuildVersion.get() + " (Java 17", "RunCommand - no screen (--headless)",
                "FramePipeline - visitor store " + store + ": 0 known visitors, matching: gallery",
                "Cameras - Camera file:" + clip + ": filesrc location=",
                "ScaledDetector - detection on 640x480 frames: ",
                "GalleryIdentity - new visitor #1", "GalleryIdentity - new visitor #2",
                "Appliance - stopped with 2 known visitors; frames 40, analysed ")) {
            assertEquals(1, lines.stream().filter(l -> l.contains(" INFO ") && l.contains(fact)).count(), fact + " in\n" + log);
        }
        // on a busy machine the appliance also says, once, that it searches whole frames less often
        long adapted = lines.stream().filter(l -> l.contains("a whole-frame search takes")).count();
        assertTrue(adapted <= 1, "the slow-CPU note at most once\n" + log);
        assertTrue(lines.size() - adapted <= 10, "nothing per frame: " + lines.size() + " lines for 40 frames\n" + log);
        assertTrue(Files.readString(tmp.resolve("out.txt")).startsWith("frames 40, analysed "), "the summary on stdout");

        ProcessBuilder list = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.doorbell.cli.DoorbellCli", "visitors", "--store",
                store.toString()).redirectError(tmp.resolve("visitors-log.txt").toFile());
        list.environment().remove("DOORBELL_LOG_LEVEL");
        Process visitors = list.start();
        visitors.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(visitors.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, visitors.exitValue());
        assertEquals("", Files.readString(tmp.resolve("visitors-log.txt")), "visitors logs nothing at WARN");
    }

    /** A 640x480 MJPEG clip at 10 fps, one second per photo, the face 150 px tall in the middle. */
    static Path clip(Path dir, List<String> photos) throws Exception {
        return clip(dir, photos, 10);
    }

    /** A 640x480 MJPEG clip at 10 fps, {@code frames} frames per photo, the face 150 px tall in the middle. */
    static Path clip(Path dir, List<String> photos, int framesEach) throws Exception {
        Path frames = java.nio.file.Files.createDirectories(dir.resolve("frames"));
        int n = 0;
        try (org.doorbell.face.FaceEngine engine = org.doorbell.face.dlib.DlibFaceEngine.open(TestFaces.settings())) {
            for (String photo : photos) {
                org.opencv.core.Mat frame = org.doorbell.testing.Scenes.withFace(engine, TestFaces.file(photo), 150, 640, 480);
                for (int i = 0; i < framesEach; i++) {
                    org.opencv.imgcodecs.Imgcodecs.imwrite(frames.resolve(String.format("f%04d.jpg", n++)).toString(), frame);
                }
                frame.release();
            }
        }
        Path video = dir.resolve("clip.avi");
        Process p = new ProcessBuilder("gst-launch-1.0", "-q", "multifilesrc", "location=" + frames + "/f%04d.jpg", "index=0",
                "caps=image/jpeg,framerate=10/1", "!", "jpegdec", "!", "videoconvert", "!", "jpegenc", "!", "avimux",
                "!", "filesink", "location=" + video).inheritIO().start();
        assertEquals(0, p.waitFor(), "gst-launch-1.0 made the clip");
        return video;
    }

    @Test
    void noCameraIsOneClearMessage() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("/dev/video0")), "this machine has a camera");
        CliRunner.Result r = CliRunner.run("run", "--headless", "--config", CliRunner.config(Files.createTempDirectory("run")).toString(),
                "--source", "auto");
        assertEquals(DoorbellCli.EXIT_SETUP, r.exitCode(), r.err());
        assertTrue(r.err().contains("No camera found") && r.err().contains("--source file:"), r.err());
    }

    @Test
    void missingModelIsOneClearMessage(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("models"));
        Path config = Files.writeString(tmp.resolve("doorbell.json"), "{\"faces\": {\"modelsDir\": \"models\"}}");
        CliRunner.Result r = CliRunner.run("run", "--headless", "--config", config.toString(), "--source", "file:/nonexistent.mp4");
        assertEquals(DoorbellCli.EXIT_SETUP, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("is missing. Run scripts/fetch-models"), r.err());
    }

    @Test
    void unreadableStoreIsOneClearMessageAndIsLeftAlone(@TempDir Path tmp) throws Exception {
        Path store = Files.createDirectories(tmp.resolve("known_faces.db"));  // a folder: unreadable as a file
        CliRunner.Result r = CliRunner.run("run", "--headless", "--config", CliRunner.config(tmp).toString(),
                "--store", store.toString(), "--source", "file:/nonexistent.mp4");
        assertEquals(DoorbellCli.EXIT_SETUP, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("cannot read the visitor store " + store), r.err());
        assertTrue(Files.isDirectory(store), "left as it was");
    }

    @Test
    void noDisplayIsOneClearMessage() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.awt.GraphicsEnvironment.isHeadless(),
                "a display is set: NoDisplayMessageTest tries the message without one");
        CliRunner.Result r = CliRunner.run("run", "--config", CliRunner.config(Files.createTempDirectory("run")).toString(),
                "--source", "file:/nonexistent.mp4");
        assertEquals(DoorbellCli.EXIT_SETUP, r.exitCode(), r.err());
        assertTrue(r.err().contains("no display") && r.err().contains("--headless"), r.err());
    }

    private static String log(Path tmp) throws Exception {
        Path f = tmp.resolve("log.txt");
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    }
}
