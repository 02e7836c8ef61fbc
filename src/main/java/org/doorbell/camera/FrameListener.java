package org.doorbell.camera;

import org.opencv.core.Mat;

/** Receives frames and state changes from a {@link Camera}, on the camera's own thread. */
public interface FrameListener {

    /**
     * A new frame, BGR 8UC3 (rows may be padded: use the Mat's step). The Mat and its pixels are only
     * valid during this call: copy what you keep. Must return quickly; frames are never queued.
     *
     * @param frame    the pixels
     * @param sequence 0, 1, 2, ... since the camera was started (continues across restarts)
     */
    void onFrame(Mat frame, long sequence);

    /** The camera's state changed; {@code detail} is a short human-readable reason (may be empty). */
    void onState(CameraState state, String detail);
}
