package org.doorbell.appliance;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what the appliance does and logs one line per period: camera, screen and recognition
 * rates, recognition latency (frame captured -> result ready: the time before a face gets its
 * label), and the process's CPU and memory. It also keeps the whole run's totals for the
 * {@link RunSummary}, in bounded memory however long the run: latencies in a histogram of 1 ms
 * bins up to {@link #LATENCY_BINS_MS} ms.
 */
final class RunStats {
    private static final Logger log = LoggerFactory.getLogger(RunStats.class);
    private static final int LATENCY_SAMPLES = 512;
    static final int LATENCY_BINS_MS = 10_000;

    private final AtomicLong cameraFrames = new AtomicLong();
    private final AtomicLong recognised = new AtomicLong();
    private final AtomicLong newVisitors = new AtomicLong();
    private final long[] latencies = new long[LATENCY_SAMPLES];
    private final long[] latencyHistogram = new long[LATENCY_BINS_MS + 1];
    private int latencyCount;
    private long startNanos = System.nanoTime();
    private long stopNanos;
    private long lastLog = System.nanoTime();
    private long lastCamera;
    private long lastRecognised;
    private long lastPainted;
    private long lastCpu = cpuNanos();
    private final java.util.List<java.util.function.Supplier<String>> details = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Adds a part to the end of every stats line (when not empty), e.g. the MQTT client's counts. */
    void addDetail(java.util.function.Supplier<String> detail) {
        details.add(detail);
    }

    /** The run's totals count from now (the camera's start). */
    synchronized void started() {
        startNanos = System.nanoTime();
    }

    /** The run's totals end now (the last frame analysed). */
    synchronized void stopped() {
        stopNanos = System.nanoTime();
    }

    void frameArrived() {
        cameraFrames.incrementAndGet();
    }

    void newVisitor() {
        newVisitors.incrementAndGet();
    }

    /** A frame captured at {@code capturedNanos} (System.nanoTime) has been recognised. */
    synchronized void recognised(long capturedNanos) {
        recognised.incrementAndGet();
        long latency = System.nanoTime() - capturedNanos;
        latencies[latencyCount++ % LATENCY_SAMPLES] = latency;
        latencyHistogram[(int) Math.max(0, Math.min(LATENCY_BINS_MS, latency / 1_000_000L))]++;
    }

    /** The whole run so far (until {@link #stopped()}), with the store's visitor count. */
    synchronized RunSummary summary(int visitorsKnown) {
        long end = stopNanos != 0 ? stopNanos : System.nanoTime();
        return new RunSummary(cameraFrames.get(), recognised.get(), (end - startNanos) / 1e9, visitorsKnown,
                newVisitors.get(), histogramPercentile(50), histogramPercentile(90));
    }

    /** The latency in ms that {@code percentile}% of the analysed frames did not exceed; -1 if none. */
    private long histogramPercentile(int percentile) {
        long total = 0;
        for (long n : latencyHistogram) {
            total += n;
        }
        if (total == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
        long seen = 0;
        for (int ms = 0; ms < latencyHistogram.length; ms++) {
            seen += latencyHistogram[ms];
            if (seen >= rank) {
                return ms;
            }
        }
        return LATENCY_BINS_MS;
    }

    /** Logs the figures since the last call if {@code periodNanos} has passed. */
    synchronized void maybeLog(long periodNanos, long painted) {
        long now = System.nanoTime();
        if (now - lastLog < periodNanos) {
            return;
        }
        double seconds = (now - lastLog) / 1e9;
        long camera = cameraFrames.get();
        long rec = recognised.get();
        long cpu = cpuNanos();
        long[] lat = Arrays.copyOf(latencies, Math.min(latencyCount, LATENCY_SAMPLES));
        Arrays.sort(lat);
        StringBuilder more = new StringBuilder();
        for (java.util.function.Supplier<String> d : details) {
            String part = d.get();
            if (part != null && !part.isEmpty()) {
                more.append(", ").append(part);
            }
        }
        log.info("camera {} fps, screen {} fps, recognition {} fps, latency median {} ms p90 {} ms, CPU {}%, RSS {} MB{}",
                fmt((camera - lastCamera) / seconds), fmt((painted - lastPainted) / seconds),
                fmt((rec - lastRecognised) / seconds), ms(lat, 50), ms(lat, 90),
                fmt(100.0 * (cpu - lastCpu) / (now - lastLog)), rssMegabytes(), more);
        lastLog = now;
        lastCamera = camera;
        lastRecognised = rec;
        lastPainted = painted;
        lastCpu = cpu;
        latencyCount = 0;
    }

    private static String fmt(double v) {
        return String.format("%.1f", v);
    }

    private static String ms(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return "-";
        }
        int i = Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return String.format("%.0f", sorted[i] / 1e6);
    }

    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : 0;
    }

    private static long rssMegabytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return -1;
    }
}
