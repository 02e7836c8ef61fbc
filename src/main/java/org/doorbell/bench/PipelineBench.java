package org.doorbell.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.doorbell.appliance.ModelFingerprint;
import org.doorbell.config.DoorbellConfig;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEngine;
import org.doorbell.recognition.RecognizedFace;
import org.doorbell.recognition.detect.DetectionScale;
import org.doorbell.visitors.VisitorStore;
import org.doorbell.visitors.store.VisitorStores;
import org.opencv.core.Mat;

/**
 * {@code doorbell bench pipeline}: the same frames, held in memory and fed as fast as they are
 * taken, through (a) the reference loop as published (1/4 size, one upsample), (b) the same loop at
 * the appliance's detection scale (which finds faces down to 1/6 of the frame height), and (c) the
 * appliance's own recognition ({@link FreeRun}), and (d) the appliance with every frame searched
 * whole and every face encoded (as before faces were followed; for the identity numbers). Each reports analysed frames per second, faces
 * found, the smallest face found, visitors, the frame-to-label latency and the CPU used.
 */
public final class PipelineBench {

    /**
     * One approach's numbers.
     *
     * @param cpuPct process CPU time over wall time, in percent of one core
     */
    public record Approach(String approach, int frames, double analysedFps, int faces, int encodings, int minFacePx,
                           int visitors, double latencyP50Ms, double latencyP90Ms, double cpuPct, int threads) {
    }

    private PipelineBench() {
    }

    /** The reference loop at {@code scale} with {@code upsample} doublings, on one thread. */
    public static Approach reference(String name, FaceEngine engine, List<Mat> frames, double scale, int upsample) {
        ReferenceLoop loop = new ReferenceLoop(engine, scale, upsample);
        double[] latencies = new double[frames.size()];
        int faces = 0;
        int minFace = Integer.MAX_VALUE;
        long cpu0 = FreeRun.cpuNanos();
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < frames.size(); i++) {
                long start = System.nanoTime();
                List<FaceBox> boxes = loop.process(frames.get(i));
                latencies[i] = (System.nanoTime() - start) / 1e6;
                faces += boxes.size();
                for (FaceBox b : boxes) {
                    minFace = Math.min(minFace, b.height());
                }
            }
        } finally {
            loop.release();
        }
        return approach(name, frames.size(), System.nanoTime() - t0, FreeRun.cpuNanos() - cpu0, faces, faces, minFace,
                loop.visitors(), latencies, 1);
    }

    /** The reference loop at the detection scale the appliance uses for these frames. */
    public static Approach referenceAtApplianceScale(String name, FaceEngine engine, List<Mat> frames,
                                                     DoorbellConfig config) {
        DetectionScale s = DetectionScale.forFrame(frames.get(0).rows(), config.recognition().minFaceFraction());
        return reference(name, engine, frames, s.scale(), s.upsample());
    }

    /**
     * The appliance's recognition on {@code threads} threads, with a temporary store.
     *
     * @param follow whether faces are followed between frames (false: every frame searched whole
     *               and every face encoded)
     */
    public static Approach appliance(String name, FaceEngine engine, List<Mat> frames, double fps, int threads,
                                     boolean follow, DoorbellConfig config) throws Exception {
        Path dir = Files.createTempDirectory("doorbell-bench-");
        try (VisitorStore store = VisitorStores.open(dir.resolve("known_faces.db"),
                ModelFingerprint.of(config.faces().models().recognition()))) {
            FreeRun.Result r = FreeRun.run(engine, store, config.visitors(), config.recognition().withThreads(threads).withFollowFaces(follow),
                    frames, fps, threads);
            long wall = r.wallNanos();
            long cpu = r.cpuNanos();
            double[] latencies = new double[r.frames().size()];
            int faces = 0;
            int encodings = 0;
            int minFace = Integer.MAX_VALUE;
            for (int i = 0; i < latencies.length; i++) {
                FreeRun.FrameResult f = r.frames().get(i);
                latencies[i] = f.latencyMs();
                faces += f.faces().size();
                encodings += f.encoded();
                for (RecognizedFace face : f.faces()) {
                    minFace = Math.min(minFace, face.box().height());
                }
            }
            return approach(name, frames.size(), wall, cpu, faces, encodings, minFace, r.visitors(), latencies,
                    r.threads());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Approach approach(String name, int frames, long wallNanos, long cpuNanos, int faces, int encodings,
                                     int minFace, int visitors, double[] latencies, int threads) {
        double[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Approach(name, frames, frames / (wallNanos / 1e9), faces, encodings,
                minFace == Integer.MAX_VALUE ? 0 : minFace,
                visitors, percentile(sorted, 0.5), percentile(sorted, 0.9), 100.0 * cpuNanos / wallNanos, threads);
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    /** The approaches, in the order they are run. */
    public static List<String> names() {
        return new ArrayList<>(List.of("reference-quarter", "reference-scaled", "appliance", "appliance-every-frame"));
    }
}
