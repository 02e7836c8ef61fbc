package org.doorbell.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.doorbell.face.FaceEncoding;
import org.doorbell.identity.NearestSearch;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorEditor;
import org.doorbell.visitors.VisitorRegistry;
import org.doorbell.visitors.VisitorSettings;
import org.doorbell.visitors.VisitorStore;
import org.doorbell.visitors.store.VisitorStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench store}: how the appliance copes with a large store. Fills a temporary SQLite store
 * with synthetic visitors, then, in this JVM, times what the appliance does at start (open the
 * store, load it, build the registry, pick up the owner's edits, build the identity's index),
 * times the identity's nearest-visitor search on probe means (half of them another view of a
 * stored visitor, half strangers), and measures the heap used with all of it loaded. The store is
 * deleted afterwards.
 */
public final class StoreBench {
    private static final Logger log = LoggerFactory.getLogger(StoreBench.class);
    /** Any id: the store is filled and read by this bench only. */
    static final String MODEL = "bench-synthetic";
    private static final int BATCH = 1000;
    private static final int WARMUP_PROBES = 200;

    /**
     * The figures of one run.
     *
     * @param visitors    visitors in the store
     * @param searchP50Ms median time of one nearest-visitor search
     * @param searchP99Ms its 99th percentile
     * @param startupMs   open, load, registry, edits and index
     * @param loadMs      of it, opening and reading the store
     * @param heapMb      heap in use after garbage collection, with everything loaded
     * @param fillMs      time to fill the store (not a target; to know how long the bench takes)
     * @param pictureBytes size of each visitor's thumbnail
     */
    public record Result(int visitors, double searchP50Ms, double searchP99Ms, double startupMs, double loadMs,
                         double heapMb, double fillMs, int pictureBytes) {
    }

    private StoreBench() {
    }

    /** Runs the bench with {@code visitors} visitors and {@code probes} searches. */
    public static Result run(int visitors, int probes, long seed) throws IOException {
        Path dir = Files.createTempDirectory("doorbell-bench-store-");
        try {
            return run(dir.resolve("known_faces.db"), visitors, probes, seed);
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static Result run(Path db, int visitors, int probes, long seed) throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SyntheticVisitors synthetic = new SyntheticVisitors(seed, now);
        long t0 = System.nanoTime();
        try (VisitorStore fill = VisitorStores.open(db, MODEL)) {
            fill.load();
            for (int from = 1; from <= visitors; from += BATCH) {
                fill.save(synthetic.batch(from, Math.min(BATCH, visitors - from + 1)));
            }
        }
        double fillMs = (System.nanoTime() - t0) / 1e6;
        log.info("filled {} with {} visitors in {} s", db, visitors, Math.round(fillMs / 1000));
        heapUsedMb();  // the fill's garbage out of the way before timing the start

        Clock clock = Clock.systemUTC();
        t0 = System.nanoTime();
        VisitorStore store = VisitorStores.open(db, MODEL);
        try {
            List<org.doorbell.visitors.Visitor> loaded = store.load();
            double loadMs = (System.nanoTime() - t0) / 1e6;
            VisitorRegistry registry = new VisitorRegistry(VisitorSettings.DEFAULTS, clock, loaded);
            new VisitorEditor(store, clock, VisitorSettings.DEFAULTS.newVisitAfter(), registry).refresh();
            NearestSearch search = new NearestSearch(registry);
            double startupMs = (System.nanoTime() - t0) / 1e6;

            double[] times = searchTimes(search, registry, probes, seed);
            double heapMb = heapUsedMb();
            java.lang.ref.Reference.reachabilityFence(search);
            java.lang.ref.Reference.reachabilityFence(registry);
            return new Result(visitors, percentile(times, 50), percentile(times, 99), startupMs, loadMs, heapMb, fillMs,
                    synthetic.pictureBytes());
        } finally {
            store.close();
        }
    }

    /** Milliseconds of each timed search (after a warm-up), on probes of one to three views. */
    private static double[] searchTimes(NearestSearch search, VisitorRegistry registry, int probes, long seed) {
        Random random = new Random(seed * 31 + 7);
        List<Visitor> all = registry.snapshot();
        List<double[]> means = new ArrayList<>();
        int[] views = new int[WARMUP_PROBES + probes];
        for (int p = 0; p < views.length; p++) {
            int n = 1 + random.nextInt(3);
            List<FaceEncoding> faces = new ArrayList<>();
            FaceEncoding base = p % 2 == 0 && !all.isEmpty()
                    ? all.get(random.nextInt(all.size())).encoding() : SyntheticVisitors.randomFace(random);
            for (int i = 0; i < n; i++) {
                faces.add(SyntheticVisitors.sameFace(base, random));
            }
            means.add(NearestSearch.mean(faces));
            views[p] = n;
        }
        double[] times = new double[probes];
        double sink = 0;
        for (int p = 0; p < views.length; p++) {
            long t = System.nanoTime();
            double[] n = search.nearest(means.get(p), views[p]);
            long elapsed = System.nanoTime() - t;
            sink += n == null ? 0 : n[1];
            if (p >= WARMUP_PROBES) {
                times[p - WARMUP_PROBES] = elapsed / 1e6;
            }
        }
        log.debug("search checksum {}", sink);
        return times;
    }

    static double percentile(double[] values, double pct) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int i = (int) Math.ceil(pct / 100 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))];
    }

    /** Heap in use after a few full collections, in MiB. */
    static double heapUsedMb() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
    }
}
