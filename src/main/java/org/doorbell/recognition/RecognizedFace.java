package org.doorbell.recognition;

import org.doorbell.face.FaceBox;

/**
 * One face in a recognised frame.
 *
 * @param box       where, in frame pixels
 * @param kind      new, known, not sure yet, or not recognisable (too small or blurred)
 * @param label     "New visitor!", "At door 12s", "Not sure yet", or ""
 * @param visitorId the visitor shown, or 0 when not recognised or not sure yet
 * @param trackId   the tracked face it belongs to, or 0 when not recognisable
 */
public record RecognizedFace(FaceBox box, Kind kind, String label, long visitorId, long trackId) {

    /** What recognition made of a face. */
    public enum Kind {
        /** This face registered a new visitor, in this frame: "New visitor!". */
        NEW_VISITOR,
        /** A known visitor, seen again: "At door 12s". */
        KNOWN_VISITOR,
        /** Not decided yet: "Not sure yet". */
        UNSURE,
        /** Too small or blurred to recognise: boxed, never registered. */
        UNRECOGNISED
    }
}
