package org.doorbell.visitors;

import static org.doorbell.testing.TestVisitors.MODEL;
import static org.doorbell.testing.TestVisitors.sameVisitors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process saving the store in a loop is killed at random moments; after every kill the file
 * must hold one of the two complete contents the process was writing.
 */
class StoreCrashTest {
    private static final int KILLS = 25;

    @TempDir
    Path tmp;

    @Test
    void aKilledWriterLeavesTheOldOrTheNewStore() throws Exception {
        Path file = tmp.resolve("data").resolve("known_faces.dat");
        List<Visitor> first = StoreWriterMain.contents(0);
        List<Visitor> second = StoreWriterMain.contents(1);
        new VisitorStore(file, MODEL).save(first);
        Random random = new Random(2026);
        int midSave = 0;
        int saves = 0;
        int[] found = new int[2];
        for (int kill = 0; kill < KILLS; kill++) {
            Path marks = tmp.resolve("marks-" + kill);
            Process child = startWriter(file, marks);
            try {
                awaitReady(child, marks);
                Thread.sleep(50 + random.nextInt(351));
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the killed writer exits");
            }
            String log = Files.readString(marks);
            saves += (int) log.chars().filter(c -> c == 'E').count();
            if (log.endsWith("S")) {
                midSave++;
            }
            List<Visitor> stored = new VisitorStore(file, MODEL).read();
            boolean isFirst = sameVisitors(first, stored);
            assertTrue(isFirst || sameVisitors(second, stored), "kill " + kill + ": the store holds neither content");
            found[isFirst ? 0 : 1]++;
        }
        System.out.printf("StoreCrashTest: %d kills, %d inside a save, %d saves completed;"
                + " store held the first content %d times, the second %d times%n",
                KILLS, midSave, saves, found[0], found[1]);

        VisitorStore store = new VisitorStore(file, MODEL);
        List<Visitor> loaded = store.load();
        assertTrue(sameVisitors(first, loaded) || sameVisitors(second, loaded));
        store.save(first);
        assertTrue(sameVisitors(first, store.load()));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of("known_faces.dat"), files.map(p -> p.getFileName().toString()).toList(),
                    "nothing moved aside, no temporary file after load");
        }
    }

    private static Process startWriter(Path file, Path marks) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), StoreWriterMain.class.getName(), file.toString(), MODEL);
        pb.redirectOutput(marks.toFile());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    /** Waits until the writer has built its contents, so that kills land while it is saving. */
    private static void awaitReady(Process child, Path marks) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (Files.size(marks) == 0) {
            if (!child.isAlive()) {
                throw new AssertionError("the writer exited with status " + child.exitValue() + " before saving");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the writer did not start within two minutes");
            }
            Thread.sleep(5);
        }
    }
}
