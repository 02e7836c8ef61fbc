package org.doorbell.camera;

/** A source that could not be opened or stopped delivering; the camera retries it. */
final class SourceFailure extends Exception {

    SourceFailure(String reason) {
        super(reason);
    }
}
