package org.doorbell.recognition;

import java.time.Duration;
import java.time.Instant;
import org.opencv.core.Mat;

/**
 * The whole-frame search on a thread of its own, as the analysing threads see it: they hand it a
 * frame when a search is due and it is free, and go on following the faces found so far; the faces
 * it finds reach them through the {@link org.doorbell.tracking.Follows}. Thread-safe.
 */
public interface WholeFrameSearch {

    /**
     * Waits while it is still searching a frame captured more than {@code lead} before
     * {@code at}, so that no frame is analysed with faces found longer ago than that.
     */
    void awaitWithin(Instant at, Duration lead) throws InterruptedException;

    /** Whether it is free to search a frame now. */
    boolean free();

    /** Searches a copy of {@code image} (captured at {@code at}) if free; returns whether it took it. */
    boolean search(Mat image, Instant at);
}
