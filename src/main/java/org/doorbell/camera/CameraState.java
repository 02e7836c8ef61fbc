package org.doorbell.camera;

/** What the camera is doing, for the screen and the logs. */
public enum CameraState {
    /** Opening the source. */
    STARTING,
    /** Frames are flowing. */
    RUNNING,
    /** The source failed or ended; waiting to reopen it ("Camera unavailable - retrying"). */
    RETRYING,
    /** Stopped for good: closed, or a file source ended with exitAtEnd. */
    ENDED
}
