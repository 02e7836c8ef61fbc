package org.doorbell.recognition;

import java.time.Instant;
import java.util.List;

/**
 * What the recogniser found in one frame.
 *
 * @param sequence   the camera's frame number
 * @param capturedAt when the frame arrived
 * @param faces      every detected face, recognised or not
 */
public record Recognition(long sequence, Instant capturedAt, List<RecognizedFace> faces) {
    public static final Recognition NONE = new Recognition(-1, Instant.EPOCH, List.of());
}
