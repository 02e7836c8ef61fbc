package org.doorbell.camera;

import java.util.function.Consumer;
import org.opencv.core.Mat;

/** One opening of a source: opened, polled for frames on the camera thread, then closed. */
interface FrameSource extends AutoCloseable {

    /** What one {@link #next} call found. */
    enum Poll {
        /** A frame was handed to the consumer. */
        FRAME,
        /** No frame within the poll timeout; the source may still be fine. */
        NONE,
        /** The source came to its normal end (end of file, last still). */
        END
    }

    void open() throws SourceFailure;

    /** Waits a bounded time (at most about half a second) for the next frame. */
    Poll next(Consumer<Mat> consumer) throws SourceFailure;

    /** Whether {@link Poll#END} means the input is exhausted (a file or a folder), not a dropped stream. */
    boolean finite();

    /** Frees everything the source holds; safe to call after a failed {@link #open}. */
    @Override
    void close();
}
