package org.doorbell.bench;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEngine;
import org.doorbell.identity.TrackOutcome;
import org.doorbell.recognition.FrameAnalyzer;
import org.doorbell.recognition.FramePipeline;
import org.doorbell.recognition.RecognitionSettings;
import org.doorbell.recognition.RecognizedFace;
import org.doorbell.recognition.threads.FrameFeed;
import org.doorbell.recognition.threads.RecognitionWorkers;
import org.doorbell.visitors.VisitorSettings;
import org.doorbell.visitors.VisitorStore;
import org.opencv.core.Mat;

/**
 * The appliance's recognition over frames held in memory or made on demand, as fast as it goes (no
 * pacing, no frame dropped): the same analysing threads, capture-order identity and store commits
 * as {@code run}, each frame timed at its capture time, for measuring speed ({@code doorbell bench
 * pipeline}) and identity on video ({@code doorbell bench visitors --video}).
 */
public final class FreeRun {
    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");

    /** One frame's outcome: its faces, the boxes of those encoded, and how long from being taken to being labelled. */
    public record FrameResult(long sequence, List<RecognizedFace> faces, List<FaceBox> encodedBoxes, double latencyMs) {
        /** How many faces were encoded. */
        public int encoded() {
            return encodedBoxes.size();
        }

    }

    /**
     * The frames' outcomes in order, the visitors at the end, the threads used, and the wall-clock
     * and process CPU time from the first frame taken to the last one labelled (the engines' models,
     * loaded before, are not counted).
     */
    public record Result(List<FrameResult> frames, int visitors, int threads, long wallNanos, long cpuNanos) {
    }

    /** Frames made on demand, so that a long video need not be held in memory. Thread-safe. */
    public interface Frames {
        int count();

        /** Puts frame {@code i} into {@code into}. */
        void render(int i, Mat into);

        /** Frames already in memory. */
        static Frames of(List<Mat> frames) {
            return new Frames() {
                @Override
                public int count() {
                    return frames.size();
                }

                @Override
                public void render(int i, Mat into) {
                    frames.get(i).copyTo(into);
                }
            };
        }
    }

    private FreeRun() {
    }

    /** This process's CPU time so far, all threads. */
    public static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * @param fps     the frames' rate, for their capture times (tracking goes by capture time)
     * @param threads analysing threads (engines beyond the first are opened and closed here)
     */
    public static Result run(FaceEngine engine, VisitorStore store, VisitorSettings visitorSettings,
                             RecognitionSettings settings, List<Mat> frames, double fps, int threads)
            throws IOException, InterruptedException {
        return run(engine, store, visitorSettings, settings, Frames.of(frames), fps, threads, outcome -> {
        });
    }

    /**
     * @param outcomes told each tracked face's final visitor as soon as it is decided
     */
    public static Result run(FaceEngine engine, VisitorStore store, VisitorSettings visitorSettings,
                             RecognitionSettings settings, Frames frames, double fps, int threads,
                             Consumer<TrackOutcome> outcomes)
            throws IOException, InterruptedException {
        FramePipeline pipeline = new FramePipeline(engine, store, visitorSettings, settings, START, outcomes);
        int count = frames.count();
        List<FrameResult> results = new ArrayList<>(count);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger next = new AtomicInteger();
        long frameNanos = Math.round(1e9 / fps);
        long[] span = new long[4];  // wall and CPU at the first frame taken, then at the last one labelled
        FrameFeed feed = work -> {
            int i = next.getAndIncrement();
            if (i >= count || failure.get() != null) {
                return null;
            }
            long arrived = System.nanoTime();
            if (i == 0) {
                span[0] = arrived;
                span[1] = cpuNanos();
            }
            frames.render(i, work[0]);
            return new FrameFeed.Taken(i, i, START.plus(Duration.ofNanos(i * frameNanos)), arrived);
        };
        try {
            RecognitionWorkers workers = new RecognitionWorkers(pipeline, engine, threads, false, feed,
                    done -> {
                        long now = System.nanoTime();
                        results.add(new FrameResult(done.taken().sequence(), done.recognition().faces(),
                                done.analysis().faces().stream().filter(f -> f.encoding() != null)
                                        .map(FrameAnalyzer.Found::box).toList(),
                                (now - done.taken().arrivedNanos()) / 1e6));
                        if (results.size() == count) {
                            span[2] = now;
                            span[3] = cpuNanos();
                        }
                    },
                    (where, e) -> failure.compareAndSet(null, e));
            workers.start();
            workers.join();
            if (failure.get() != null) {
                throw new IllegalStateException("recognition failed: " + failure.get(), failure.get());
            }
            pipeline.finish();
            return new Result(results, pipeline.visitors().size(), workers.size(), span[2] - span[0], span[3] - span[1]);
        } finally {
            pipeline.release();
        }
    }
}
