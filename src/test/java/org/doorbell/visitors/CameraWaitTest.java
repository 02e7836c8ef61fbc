package org.doorbell.visitors;

import static org.doorbell.testing.TestVisitors.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.store.VisitorStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camera thread's {@link VisitorRegistry#recent()} while new visitors register with ids from
 * a real SQLite store, as the appliance runs: one thread registers 50 visitors (taking each id
 * from the store and saving the changes after each, as the frame pipeline does), another calls
 * {@code recent()} in a loop, as the camera thread does for every frame (here every millisecond).
 * The test asserts what the camera thread sees, not how long it waits: the longest single call is logged and written to
 * {@code target/camera-wait.txt} for the record.
 */
class CameraWaitTest {
    private static final Logger LOG = LoggerFactory.getLogger(CameraWaitTest.class);
    private static final int VISITORS = 50;

    @TempDir
    Path dir;

    @Test
    void theCameraThreadSeesAConsistentRecentListWhileVisitorsRegister() throws Exception {
        VisitorStore store = VisitorStores.open(dir.resolve("known_faces.db"), MODEL);
        try {
            // a window longer than the test: every visitor registered stays recent
            VisitorSettings settings = new VisitorSettings(0.65, Duration.ofMinutes(5), Duration.ofHours(1));
            VisitorRegistry registry = new VisitorRegistry(settings, Clock.systemUTC(), store.load());
            registry.useIds(() -> {
                try {
                    return store.newId();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

            AtomicBoolean registering = new AtomicBoolean(true);
            AtomicLong longestNanos = new AtomicLong();
            AtomicLong calls = new AtomicLong();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            Thread camera = new Thread(() -> {
                int lastSize = 0;
                while (registering.get()) {
                    long start = System.nanoTime();
                    List<Visitor> recent = registry.recent();
                    long took = System.nanoTime() - start;
                    longestNanos.accumulateAndGet(took, Math::max);
                    calls.incrementAndGet();
                    String problem = inconsistency(recent, lastSize);
                    if (problem != null) {
                        problems.add(problem);
                    }
                    lastSize = recent.size();
                    try {
                        Thread.sleep(1);  // frames come far less often; this still meets every wait of more than 1 ms
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "camera");
            camera.start();

            List<Long> ids = new ArrayList<>();
            Random random = new Random(7);
            try {
                for (int i = 0; i < VISITORS; i++) {
                    ids.add(registry.register(TestVisitors.randomFace(random), new byte[] {1, 2, 3}).visitor().id());
                    store.save(registry.drainChanges().visitors());
                }
            } finally {
                registering.set(false);
                camera.join();
            }

            assertEquals(VISITORS, ids.size());
            for (int i = 1; i < ids.size(); i++) {
                assertTrue(ids.get(i) > ids.get(i - 1), "ids increase: " + ids);
            }
            assertEquals(VISITORS, new HashSet<>(ids).size(), "ids are distinct: " + ids);
            assertEquals(VISITORS, registry.recent().size());
            assertEquals(VISITORS, store.load().size(), "every visitor saved");
            assertTrue(problems.isEmpty(), problems.toString());
            assertTrue(calls.get() > 0, "the camera thread ran");

            double longestMs = longestNanos.get() / 1e6;
            String line = String.format(Locale.ROOT,
                    "camera thread: longest recent() call %.3f ms in %d calls while %d visitors registered%n",
                    longestMs, calls.get(), VISITORS);
            LOG.info("{}", line.trim());
            Path out = Path.of("target", "camera-wait.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, line);
        } finally {
            store.close();
        }
    }

    /** What is wrong with a list the camera thread got from {@code recent()}, or null. */
    private static String inconsistency(List<Visitor> recent, int lastSize) {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < recent.size(); i++) {
            Visitor v = recent.get(i);
            if (!seen.add(v.id())) {
                return "visitor " + v.id() + " twice in " + ids(recent);
            }
            if (i > 0 && VisitorRegistry.MOST_RECENT_FIRST.compare(recent.get(i - 1), v) > 0) {
                return "not most recent first: " + ids(recent);
            }
        }
        if (recent.size() < lastSize || recent.size() > VISITORS) {
            return "recent went from " + lastSize + " to " + recent.size() + " visitors";
        }
        return null;
    }

    private static List<Long> ids(List<Visitor> visitors) {
        return visitors.stream().map(Visitor::id).toList();
    }
}
