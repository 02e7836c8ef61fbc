package org.doorbell.recognition.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.doorbell.face.FaceEngine;
import org.doorbell.recognition.FrameAnalyzer;
import org.doorbell.recognition.FramePipeline;
import org.doorbell.recognition.Recognition;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recognition on several threads, each with an engine of its own. With faces followed between
 * frames, one thread searches whole frames when one is due ({@link WholeFrameSearchThread}) and the
 * others analyse every frame they take, following the faces found in windows; otherwise every
 * thread analyses whole frames. Each analysing thread takes the next frame from the feed
 * ({@link FrameAnalyzer}), and the analyses are applied one at a time in the order the frames were
 * taken ({@link InOrder}, {@link FramePipeline#apply}), so that the identity sees them in capture
 * order. No thread takes a frame while as many frames as there are analysing threads wait to be
 * applied, so the faces a thread follows are at most that many frames old.
 *
 * <p>The first analysing thread uses the pipeline's engine; the others open their own
 * ({@link FaceEngine#openAnother}) and close them when they end.
 */
public final class RecognitionWorkers {
    private static final Logger log = LoggerFactory.getLogger(RecognitionWorkers.class);

    /**
     * A frame's analysis, applied: what the identity made of it and where its faces were, and the
     * frame itself when it had faces (null otherwise; valid only while {@code done} has it).
     */
    public record Done(FrameFeed.Taken taken, FrameAnalyzer.Analysis analysis, Recognition recognition, Mat frame) {
    }

    private record Analysed(FrameFeed.Taken taken, FrameAnalyzer.Analysis analysis, Mat frame) {
    }

    private final List<Thread> threads = new ArrayList<>();
    private final WholeFrameSearchThread wholeSearch;
    /** Frames are taken and their searches planned one at a time, in the order they are taken. */
    private final Object planning = new Object();
    /**
     * Frame buffers handed back after their frame was applied: a frame with faces goes with its
     * analysis (for the doorstep picture) and its thread takes the next frame into one of these.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<Mat> spare = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * Opens the engines and makes the threads.
     *
     * @param count   how many threads (at least 1; fewer if engines cannot be opened again)
     * @param places  whether analyses keep each face's surroundings for the screen
     * @param done    told each applied frame, in order, on the thread that applied it
     * @param failure told a thread's failure (any Throwable); the thread then ends
     */
    public RecognitionWorkers(FramePipeline pipeline, FaceEngine engine, int count, boolean places, FrameFeed feed,
                       Consumer<Done> done, BiConsumer<String, Throwable> failure) {
        List<FaceEngine> engines = new ArrayList<>();
        engines.add(engine);
        for (int i = 1; i < count; i++) {
            try {
                engines.add(engine.openAnother());
            } catch (UnsupportedOperationException e) {
                log.info("recognising on one thread: {}", e.getMessage());
                break;
            } catch (RuntimeException e) {  // out of memory for the models, say: fewer threads, not none
                log.warn("recognising on {} thread(s): cannot open another engine: {}", engines.size(), e.getMessage());
                break;
            }
        }
        this.wholeSearch = engines.size() >= 2 && pipeline.followsFaces()
                ? new WholeFrameSearchThread(engines.remove(engines.size() - 1), pipeline.settings(), pipeline.follows(), failure)
                : null;
        Semaphore waiting = new Semaphore(engines.size());
        InOrder<Analysed> inOrder = new InOrder<>(a -> {
            try {
                done.accept(new Done(a.taken(), a.analysis(), pipeline.apply(a.analysis()), a.frame()));
            } finally {
                if (a.frame() != null) {
                    spare.add(a.frame());
                }
                waiting.release();
            }
        });
        for (int i = 0; i < engines.size(); i++) {
            FaceEngine own = engines.get(i);
            boolean opened = i > 0;
            String name = engines.size() == 1 ? "recognizer" : "recognizer-" + (i + 1);
            threads.add(new Thread(() -> work(pipeline, own, opened, places, feed, waiting, inOrder, failure), name));
        }
        log.info("recognising on {} thread(s){}", engines.size() + (wholeSearch == null ? 0 : 1),
                wholeSearch == null ? "" : ", one of them searching whole frames");
    }

    /** How many threads recognise (the whole-frame search's included). */
    public int size() {
        return threads.size() + (wholeSearch == null ? 0 : 1);
    }

    public void start() {
        if (wholeSearch != null) {
            wholeSearch.start();
        }
        threads.forEach(Thread::start);
    }

    /** Waits until the feed has no more frames and every frame taken is applied, then stops the search thread. */
    public void join() throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
        if (wholeSearch != null) {
            wholeSearch.close();
        }
        Mat m;
        while ((m = spare.poll()) != null) {
            m.release();
        }
    }

    private void work(FramePipeline pipeline, FaceEngine engine, boolean opened, boolean places, FrameFeed feed,
                      Semaphore waiting, InOrder<Analysed> inOrder, BiConsumer<String, Throwable> failure) {
        Mat[] work = {new Mat()};
        FrameAnalyzer analyzer = null;
        try {
            analyzer = pipeline.analyzer(engine, places, wholeSearch);
            while (true) {
                waiting.acquire();
                FrameFeed.Taken taken;
                FrameAnalyzer.Plan plan;
                synchronized (planning) {
                    taken = feed.take(work);
                    if (taken == null) {
                        waiting.release();
                        break;
                    }
                    plan = analyzer.plan(work[0], taken.capturedAt());
                }
                FrameAnalyzer.Analysis analysis = analyzer.analyse(work[0], taken.sequence(), taken.capturedAt(), plan);
                Mat frame = null;
                if (!analysis.faces().isEmpty()) {
                    // the frame goes with its analysis; this thread takes the next one into another buffer
                    frame = work[0];
                    Mat next = spare.poll();
                    work[0] = next != null ? next : new Mat();
                }
                inOrder.submit(taken.ticket(), new Analysed(taken, analysis, frame));
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
