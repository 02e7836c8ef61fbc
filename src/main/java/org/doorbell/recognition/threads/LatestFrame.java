package org.doorbell.recognition.threads;

import java.time.Instant;
import org.doorbell.image.OpenCv;
import org.opencv.core.Mat;

/**
 * A one-frame mailbox between the camera and the recogniser: the camera always overwrites it with
 * the newest frame, the recogniser takes whatever is newest when it is ready. Older frames are
 * dropped, never queued. Three buffers are rotated, so nothing is allocated once sizes settle.
 */
public final class LatestFrame implements FrameFeed {
    static {
        OpenCv.load();
    }

    private Mat slot = new Mat();
    private Mat spare = new Mat();
    private long sequence = -1;
    private Instant capturedAt = Instant.EPOCH;
    private long arrivedNanos;
    private long taken = -1;
    private long tickets;
    private boolean closed;
    private boolean draining;

    /** Copies {@code frame} in as the newest frame (one camera thread only). */
    public void offer(Mat frame, long seq, Instant at, long nanos) {
        Mat target;
        synchronized (this) {
            target = spare;
            spare = null;
        }
        frame.copyTo(target);
        synchronized (this) {
            spare = slot;
            slot = target;
            sequence = seq;
            capturedAt = at;
            arrivedNanos = nanos;
            notifyAll();
        }
    }

    /**
     * Waits for a frame newer than any taken before (by any thread) and swaps it into {@code work}.
     * Returns null once closed (after {@link #closeAfterNewest()}: once the newest frame has been
     * taken).
     */
    @Override
    public synchronized Taken take(Mat[] work) throws InterruptedException {
        while (!closed && !draining && sequence <= taken) {
            wait(200);
        }
        if (closed || sequence <= taken) {
            return null;
        }
        // the slot keeps the taker's old buffer, labelled with the sequence just taken
        Mat newest = slot;
        slot = work[0];
        work[0] = newest;
        taken = sequence;
        return new Taken(tickets++, sequence, capturedAt, arrivedNanos);
    }

    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Lets the recogniser take the newest frame if it has not yet, then closes (the end of a file). */
    public synchronized void closeAfterNewest() {
        draining = true;
        notifyAll();
    }

    public synchronized void release() {
        if (slot != null) {
            slot.release();
        }
        if (spare != null) {
            spare.release();
        }
    }
}
