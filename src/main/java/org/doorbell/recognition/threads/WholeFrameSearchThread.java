package org.doorbell.recognition.threads;

import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEngine;
import org.doorbell.recognition.RecognitionSettings;
import org.doorbell.recognition.WholeFrameSearch;
import org.doorbell.recognition.detect.ScaledDetector;
import org.doorbell.tracking.Follows;
import org.opencv.core.Mat;

/**
 * The whole-frame search on a thread of its own, beside the threads that follow the faces
 * already found: given a frame when one is due and it is free, it searches it whole (the costliest
 * step, at doorbell face sizes twice an encoding) and hands the faces it found to the
 * {@link Follows}, from where the next frames look for them in a window. Frames go on being
 * analysed meanwhile; a new face is followed from the first frame analysed after the search ends.
 */
final class WholeFrameSearchThread implements WholeFrameSearch {
    private final FaceEngine engine;
    private final Follows follows;
    private final ScaledDetector detector;
    private final BiConsumer<String, Throwable> failure;
    private final Thread thread;
    private final Mat frame = new Mat();
    private Instant capturedAt;
    private boolean busy;
    private boolean closed;

    /**
     * @param engine  an engine of its own, closed with the thread
     * @param failure told a failure (any Throwable); the thread then ends
     */
    WholeFrameSearchThread(FaceEngine engine, RecognitionSettings settings, Follows follows,
                    BiConsumer<String, Throwable> failure) {
        this.engine = engine;
        this.follows = follows;
        this.detector = new ScaledDetector(engine, settings.minFaceFraction());
        this.failure = failure;
        this.thread = new Thread(this::run, "whole-frame-search");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Waits while it is still searching a frame captured more than {@code lead} before
     * {@code at}, so that no frame is analysed with faces found longer ago than that (a camera's
     * frames come slower than the search ends, so this only waits when frames come faster than
     * real time).
     */
    @Override
    public synchronized void awaitWithin(Instant at, java.time.Duration lead) throws InterruptedException {
        while (busy && !closed && java.time.Duration.between(capturedAt, at).compareTo(lead) > 0) {
            wait();
        }
    }

    /** Whether it is free to search a frame now. */
    @Override
    public synchronized boolean free() {
        return !busy && !closed;
    }

    /** Searches a copy of {@code image} (captured at {@code at}) if free; returns whether it took it. */
    @Override
    public synchronized boolean search(Mat image, Instant at) {
        if (busy || closed) {
            return false;
        }
        image.copyTo(frame);
        capturedAt = at;
        busy = true;
        notifyAll();
        return true;
    }

    private void run() {
        try {
            while (true) {
                Instant at;
                synchronized (this) {
                    while (!busy && !closed) {
                        wait();
                    }
                    if (closed) {
                        return;
                    }
                    at = capturedAt;
                }
                long started = System.nanoTime();
                List<FaceBox> boxes = detector.detect(frame);
                follows.searchTook(System.nanoTime() - started);
                follows.found(at, boxes);
                synchronized (this) {
                    busy = false;
                    notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {  // an Error too: without it no new face would ever be found
            failure.accept(thread.getName() + " thread", e);
        }
    }

    /** Stops the thread, then releases the buffers and closes the engine. */
    void close() throws InterruptedException {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        thread.join();
        detector.release();
        frame.release();
        engine.close();
    }
}
