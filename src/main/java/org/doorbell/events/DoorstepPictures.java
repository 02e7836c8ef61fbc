package org.doorbell.events;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes doorstep pictures ({@link DoorstepPicture}) on a thread of its own ("doorstep"), so that
 * the recogniser only copies the frame. At most {@link #WAITING} pictures wait; past that a
 * picture is skipped (its events go out without one). Every frame handed over is released here,
 * made into a picture or not.
 */
public final class DoorstepPictures implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DoorstepPictures.class);
    static final int WAITING = 2;

    private final int maxWidth;
    private final ThreadPoolExecutor thread;

    /** @param maxWidth the pictures' width at most, in pixels */
    public DoorstepPictures(int maxWidth) {
        this.maxWidth = maxWidth;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(WAITING), r -> {
            Thread t = new Thread(r, "doorstep");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Makes the picture of {@code frame}, which this takes over (and releases), then gives it to
     * {@code then} on the picture's thread: the JPEG, or null if it could not be made. Returns at once.
     */
    public void submit(Mat frame, List<DoorstepPicture.Face> faces, Consumer<byte[]> then) {
        try {
            thread.execute(() -> {
                byte[] jpeg = null;
                try {
                    jpeg = DoorstepPicture.jpeg(frame, faces, maxWidth);
                } catch (RuntimeException e) {
                    log.warn("doorstep picture not made: {}", e.toString());
                } finally {
                    frame.release();
                }
                then.accept(jpeg);
            });
        } catch (RejectedExecutionException busy) {
            frame.release();
            log.debug("doorstep picture skipped: {} waiting already", WAITING);
            then.accept(null);
        }
    }

    /** Lets the pictures under way finish (for up to 3 s) and ends the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(3, TimeUnit.SECONDS)) {
                log.warn("doorstep pictures still being made at the stop; not waiting for them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
