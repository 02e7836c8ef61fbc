package org.doorbell.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.doorbell.face.FaceEngine;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recognition on several threads: each takes the next frame from the feed and analyses it with
 * an engine of its own ({@link FrameAnalyzer}); the analyses are then applied one at a time in the
 * order the frames were taken ({@link InOrder}, {@link FramePipeline#apply}), so that the identity
 * sees them in capture order. The first thread uses the pipeline's engine; the others open their
 * own ({@link FaceEngine#openAnother}) and close them when they end.
 */
final class RecognitionWorkers {
    private static final Logger log = LoggerFactory.getLogger(RecognitionWorkers.class);

    /** A frame's analysis, applied: what the identity made of it and where its faces were. */
    record Done(FrameFeed.Taken taken, FrameAnalyzer.Analysis analysis, Recognition recognition) {
    }

    private record Analysed(FrameFeed.Taken taken, FrameAnalyzer.Analysis analysis) {
    }

    private final List<Thread> threads = new ArrayList<>();

    /**
     * Opens the engines and starts the threads.
     *
     * @param count    how many threads (at least 1; fewer if engines cannot be opened again)
     * @param places   whether analyses keep each face's surroundings for the screen
     * @param done     told each applied frame, in order, on the thread that applied it
     * @param failure  told a thread's failure (any Throwable); the thread then ends
     */
    RecognitionWorkers(FramePipeline pipeline, FaceEngine engine, int count, boolean places, FrameFeed feed,
                       Consumer<Done> done, BiConsumer<String, Throwable> failure) {
        InOrder<Analysed> inOrder = new InOrder<>(
                a -> done.accept(new Done(a.taken(), a.analysis(), pipeline.apply(a.analysis()))));
        List<FaceEngine> engines = new ArrayList<>();
        engines.add(engine);
        for (int i = 1; i < count; i++) {
            try {
                engines.add(engine.openAnother());
            } catch (UnsupportedOperationException e) {
                log.info("recognising on one thread: {}", e.getMessage());
                break;
            }
        }
        for (int i = 0; i < engines.size(); i++) {
            FaceEngine own = engines.get(i);
            boolean opened = i > 0;
            String name = engines.size() == 1 ? "recognizer" : "recognizer-" + (i + 1);
            threads.add(new Thread(() -> work(pipeline, own, opened, places, feed, inOrder, failure), name));
        }
        log.info("recognising on {} thread(s)", engines.size());
    }

    int size() {
        return threads.size();
    }

    void start() {
        threads.forEach(Thread::start);
    }

    void join() throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void work(FramePipeline pipeline, FaceEngine engine, boolean opened, boolean places, FrameFeed feed,
                             InOrder<Analysed> inOrder, BiConsumer<String, Throwable> failure) {
        Mat[] work = {new Mat()};
        FrameAnalyzer analyzer = null;
        try {
            analyzer = pipeline.analyzer(engine, places);
            FrameFeed.Taken taken;
            while ((taken = feed.take(work)) != null) {
                FrameAnalyzer.Analysis a = analyzer.analyse(work[0], taken.sequence(), taken.capturedAt());
                inOrder.submit(taken.ticket(), new Analysed(taken, a));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {  // an Error too: recognition must not stop while the video plays on
            failure.accept(Thread.currentThread().getName() + " thread", e);
        } finally {
            if (analyzer != null) {
                analyzer.release();
            }
            work[0].release();
            if (opened) {
                engine.close();
            }
        }
    }
}
