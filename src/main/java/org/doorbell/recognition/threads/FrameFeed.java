package org.doorbell.recognition.threads;

import java.time.Instant;
import org.opencv.core.Mat;

/** Where the recognising threads take their frames from, each newer than the last one taken by any. */
public interface FrameFeed {

    /**
     * Waits for the next frame and puts it in {@code work[0]} (a buffer of the calling thread's,
     * which the feed may swap for another). Thread-safe.
     *
     * @return the frame's numbers and times, or null when there are no more frames
     */
    Taken take(Mat[] work) throws InterruptedException;

    /**
     * A frame handed to a recognising thread.
     *
     * @param ticket       0, 1, 2, ... in the order frames were taken: the order they are applied in
     * @param sequence     the camera's frame number
     * @param capturedAt   when it was captured (the run's time)
     * @param arrivedNanos System.nanoTime when it arrived, for the frame-to-label latency
     */
    record Taken(long ticket, long sequence, Instant capturedAt, long arrivedNanos) {
    }
}
