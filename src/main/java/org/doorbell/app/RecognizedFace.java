package org.doorbell.app;

import org.doorbell.display.FaceOverlay;
import org.doorbell.face.FaceBox;

/**
 * One face in a recognised frame.
 *
 * @param box       where, in frame pixels
 * @param kind      new, known, or not recognisable (too small or blurred)
 * @param label     "New visitor!", "At door 12s", or ""
 * @param visitorId the visitor, or 0 when not recognised
 */
public record RecognizedFace(FaceBox box, FaceOverlay.Kind kind, String label, long visitorId) {

    public FaceOverlay overlay() {
        return new FaceOverlay(box, label, kind);
    }
}
