package org.doorbell.display;

import org.doorbell.face.FaceBox;

/**
 * One box and label to draw over the video, in the video frame's pixels.
 *
 * @param box   where the face is
 * @param label "New visitor!", "At door 12s", "Not sure yet", or "" for a face too small or blurred to recognise
 * @param kind  how to colour it
 */
public record FaceOverlay(FaceBox box, String label, Kind kind) {
    public enum Kind { NEW_VISITOR, KNOWN_VISITOR, UNSURE, UNRECOGNISED }
}
