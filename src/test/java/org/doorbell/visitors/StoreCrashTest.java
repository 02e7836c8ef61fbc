package org.doorbell.visitors;

import static org.doorbell.testing.TestVisitors.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.doorbell.visitors.store.VisitorStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process committing changes in a loop ({@link StoreWriterMain}) is killed with SIGKILL at
 * random moments; after every kill the database must pass {@code integrity_check} and hold every
 * change the process had reported committed, each visitor whole and each change complete.
 */
class StoreCrashTest {
    private static final int KILLS = 100;

    @TempDir
    Path tmp;

    @Test
    void aKilledWriterLosesNoCommittedChange() throws Exception {
        Path file = tmp.resolve("data").resolve("known_faces.db");
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            store.save(StoreWriterMain.initial());
        }
        Random random = new Random(2026);
        long started = System.nanoTime();
        long reported = 0;
        int unreported = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = startWriter(file);
            List<String> lines = new ArrayList<>();
            Thread reader = readLines(child, lines);
            try {
                awaitReady(child, lines);
                Thread.sleep(50 + random.nextInt(551));
            } finally {
                // SIGKILL; through the handle, because Process.destroyForcibly also closes the pipe
                // and drops what the child wrote and the reader has not read yet
                child.toHandle().destroyForcibly();
                assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the killed writer exits");
                reader.join(10_000);
            }
            List<String> out;
            synchronized (lines) {
                out = List.copyOf(lines);
            }
            String last = out.get(out.size() - 1);
            long printed = Long.parseLong(last.substring(last.indexOf(' ') + 1));
            assertEquals("ok", integrityCheck(file), "kill " + kill);

            List<Visitor> stored;
            try (VisitorStore store = VisitorStores.open(file, MODEL)) {
                stored = store.load();
            }
            long c = StoreWriterMain.check(stored, last.startsWith("d "));
            assertTrue(c >= printed, "kill " + kill + ": change " + printed + " was reported committed, the store holds "
                    + c);
            assertTrue(c <= printed + 1, "kill " + kill + ": the store holds change " + c + " beyond " + printed + " + 1");
            if (c > printed) {
                unreported++;
            }
            reported += out.stream().filter(l -> !l.startsWith("ready")).count();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("StoreCrashTest: %d kills in %.1f s, %d commits and deletes reported, none lost;"
                + " %d kills landed after a commit and before its report%n", KILLS, seconds, reported, unreported);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of("known_faces.db"), files.map(p -> p.getFileName().toString()).toList(),
                    "nothing moved aside");
        }
    }

    private static String integrityCheck(Path file) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = db.createStatement();
             ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            r.next();
            return r.getString(1);
        }
    }

    static Process startWriter(Path file) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), StoreWriterMain.class.getName(),
                file.toString(), MODEL);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    static Thread readLines(Process child, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (java.io.IOException e) {
                // the child is gone
            }
        }, "writer-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits until the writer has opened the store, so that kills land while it commits. */
    static void awaitReady(Process child, List<String> lines) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        synchronized (lines) {
            while (lines.isEmpty()) {
                if (!child.isAlive()) {
                    throw new AssertionError("the writer exited with status " + child.exitValue() + " before it was ready");
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the writer was not ready within a minute");
                }
                lines.wait(20);
            }
            assertTrue(lines.get(0).startsWith("ready "), lines.get(0));
        }
    }
}
