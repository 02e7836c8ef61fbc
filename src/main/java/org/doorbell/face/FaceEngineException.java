package org.doorbell.face;

/** A face engine could not do what was asked; the message is meant for the user. */
public class FaceEngineException extends RuntimeException {
    public FaceEngineException(String message) {
        super(message);
    }

    public FaceEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
