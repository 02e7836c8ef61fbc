package org.doorbell.camera;

/**
 * A frame source that runs on its own thread, reopens itself with backoff when the source fails or
 * ends, and never throws at the caller after {@link #start()}.
 */
public interface Camera extends AutoCloseable {

    /** Starts delivering frames and states to the listener given at construction. */
    void start();

    /** Stops, waits for the camera thread to finish and frees every native resource. */
    @Override
    void close();
}
