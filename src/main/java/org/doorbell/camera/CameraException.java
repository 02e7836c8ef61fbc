package org.doorbell.camera;

/** A camera that cannot be opened at all, with one message that says what to do about it. */
public class CameraException extends RuntimeException {

    public CameraException(String message) {
        super(message);
    }
}
