package org.doorbell.app;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.doorbell.face.FaceEngine;
import org.doorbell.visitors.VisitorSettings;
import org.doorbell.visitors.VisitorStore;
import org.opencv.core.Mat;

/**
 * The appliance's recognition over frames held in memory, as fast as it goes (no pacing, no frame
 * dropped): the same analysing threads, capture-order identity and store commits as {@code run},
 * for measuring speed ({@code doorbell bench pipeline}).
 */
public final class FreeRun {
    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");

    /** One frame's outcome: its faces, how many were encoded, and how long from being taken to being labelled. */
    public record FrameResult(long sequence, List<RecognizedFace> faces, int encoded, double latencyMs) {
    }

    /** The frames' outcomes in order, the visitors at the end, and the threads used. */
    public record Result(List<FrameResult> frames, int visitors, int threads) {
    }

    private FreeRun() {
    }

    /**
     * @param fps     the frames' rate, for their capture times (tracking goes by capture time)
     * @param threads analysing threads (engines beyond the first are opened and closed here)
     */
    public static Result run(FaceEngine engine, VisitorStore store, VisitorSettings visitorSettings,
                             RecognitionSettings settings, List<Mat> frames, double fps, int threads)
            throws IOException, InterruptedException {
        FramePipeline pipeline = new FramePipeline(engine, store, visitorSettings, settings, START, outcome -> {
        });
        List<FrameResult> results = new ArrayList<>(frames.size());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger next = new AtomicInteger();
        long frameNanos = Math.round(1e9 / fps);
        FrameFeed feed = work -> {
            int i = next.getAndIncrement();
            if (i >= frames.size() || failure.get() != null) {
                return null;
            }
            long arrived = System.nanoTime();
            frames.get(i).copyTo(work[0]);
            return new FrameFeed.Taken(i, i, START.plus(Duration.ofNanos(i * frameNanos)), arrived);
        };
        try {
            RecognitionWorkers workers = new RecognitionWorkers(pipeline, engine, threads, false, feed,
                    done -> {
                        results.add(new FrameResult(done.taken().sequence(), done.recognition().faces(),
                            (int) done.analysis().faces().stream().filter(f -> f.encoding() != null).count(),
                            (System.nanoTime() - done.taken().arrivedNanos()) / 1e6));
                    },
                    (where, e) -> failure.compareAndSet(null, e));
            workers.start();
            workers.join();
            if (failure.get() != null) {
                throw new IllegalStateException("recognition failed: " + failure.get(), failure.get());
            }
            pipeline.finish();
            return new Result(results, pipeline.visitors().size(), workers.size());
        } finally {
            pipeline.release();
        }
    }
}
