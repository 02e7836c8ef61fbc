package org.doorbell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.doorbell.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure that recognition or the camera cannot recover from ends the process with status 75
 * after saving the store, so that systemd restarts it: real processes ({@link FailingRunMain}) on
 * a clip of Penny then Sheldon, one failing on the recogniser thread with a real
 * OutOfMemoryError, one on the camera thread with an InternalError.
 */
class RunFailureTest {
    /** From the failure's log line to the end of the process. */
    private static final long EXIT_WITHIN_MS = 5000;
    /** The failure grace of the child processes (the service's is {@link ApplianceRun#FAILURE_GRACE}). */
    private static final long GRACE_SECONDS = 3;

    @Test
    void outOfMemoryOnTheRecognizerSavesAndExitsForARestart(@TempDir Path tmp) throws Exception {
        // the recogniser fills the heap; another thread may be the one to meet the error first
        String log = runFailing(tmp, "recognizer-oom", 20,
                " thread failed: java.lang.OutOfMemoryError: Java heap space", EXIT_WITHIN_MS);
        assertTrue(log.contains("stopped with"), log);
    }

    @Test
    void anErrorOnTheCameraThreadSavesAndExitsForARestart(@TempDir Path tmp) throws Exception {
        String log = runFailing(tmp, "camera-error", 20,
                "camera thread failed: java.lang.InternalError: injected camera failure at frame 19", EXIT_WITHIN_MS);
        assertTrue(log.contains("stopped with"), log);
    }

    /** The recogniser hangs, then the camera fails: the stop cannot finish, and the watchdog halts. */
    @Test
    void aStopThatHangsAfterAFailureIsHalted(@TempDir Path tmp) throws Exception {
        String log = runFailing(tmp, "stuck", 20,
                "camera thread failed: java.lang.InternalError: injected camera failure at frame 29",
                TimeUnit.SECONDS.toMillis(GRACE_SECONDS) + EXIT_WITHIN_MS);
        assertTrue(log.contains("doorbell: the appliance did not stop within " + GRACE_SECONDS + " s of its failure; halting"),
                log);
        assertTrue(!log.contains("stopped with"), log);
    }

    /** Runs the child until it exits; checks the status, the one error line and the store; returns the log. */
    private static String runFailing(Path tmp, String mode, int failAt, String errorLine, long exitWithinMs)
            throws Exception {
        Path clip = RunCommandTest.clip(tmp, List.of("kaley_cuoco/penny1.png", "jim_parsons/sheldon1.png"), 30);
        Path config = CliRunner.config(tmp);
        Path store = tmp.resolve("known_faces.db");
        Path logFile = tmp.resolve("log.txt");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), FailingRunMain.class.getName(),
                config.toString(), store.toString(), clip.toString(), mode, String.valueOf(failAt), String.valueOf(GRACE_SECONDS))
                .redirectErrorStream(true).redirectOutput(logFile.toFile());
        pb.environment().put("DOORBELL_LOG_LEVEL", "INFO");
        Process p = pb.start();
        long failedAt = 0;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            // the error line, then the end of the process: how long it takes to exit after the error
            Await.until(() -> !p.isAlive() || read(logFile).contains(" failed: "), Duration.ofSeconds(90));
            if (read(logFile).contains(" failed: ")) {
                failedAt = System.nanoTime();
            }
            p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertTrue(p.waitFor(1, TimeUnit.SECONDS), "the process ended: " + read(logFile));
        } finally {
            p.destroyForcibly();
        }
        long exitMs = failedAt == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - failedAt);
        String log = read(logFile);
        List<String> errors = log.lines().filter(l -> l.contains(" ERROR ")).toList();
        int visitors = org.doorbell.visitors.store.VisitorStores.readAny(store).size();
        System.out.printf("run failure (%s): exit status %d, %d ms after the error line; %d visitor(s) in the store; %s%n",
                mode, p.exitValue(), exitMs, visitors, errors);
        assertEquals(DoorbellCli.EXIT_FAILED_RUNNING, p.exitValue(), log);
        assertEquals(1, errors.size(), log);
        assertTrue(errors.get(0).contains(errorLine + "; saving the store and stopping"), log);
        assertTrue(failedAt != 0 && exitMs < exitWithinMs, exitMs + " ms: " + log);

        // Penny was recognised before the failure: she is in the store, seen
        CliRunner.Result listed = CliRunner.run("visitors", "--json", "--store", store.toString());
        assertEquals(0, listed.exitCode(), listed.err());
        List<String> lines = listed.out().lines().toList();
        assertTrue(!lines.isEmpty(), log);
        for (String line : lines) {
            JsonNode v = new ObjectMapper().readTree(line);
            assertTrue(v.get("seen_frames").asLong() >= 1 && v.get("samples").asInt() >= 1, line);
        }
        return log;
    }

    private static String read(Path file) throws Exception {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
