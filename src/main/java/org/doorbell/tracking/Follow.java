package org.doorbell.tracking;

import java.time.Instant;
import org.doorbell.face.FaceBox;

/**
 * A face followed by where it is, as the identity last left it.
 *
 * @param id             the follow's number (1, 2, 3, ...)
 * @param box            where it was last found, in frame pixels
 * @param seen           when it was last found
 * @param encodedAt      when it was last encoded; null if never
 * @param encodedQuality the view quality of that encoding; -1 if never
 * @param encodedPatch   a small grey picture of the face as last encoded ({@link FacePatch}); null if never
 * @param decided        whether the identity has decided who it is
 * @param needsEncoding  whether the identity could not place it without an encoding (its next view is encoded)
 * @param missed         whether it was looked for where it was last, and not found there: it is
 *                       looked for there again in the next frames (until found or lost), and a
 *                       door whose follows are all missed is searched whole as an empty one is
 */
public record Follow(long id, FaceBox box, Instant seen, Instant encodedAt, double encodedQuality, float[] encodedPatch,
                     boolean decided, boolean needsEncoding, boolean missed) {

    /** A face just found by a whole-frame search, not yet encoded. */
    public static Follow found(long id, FaceBox box, Instant at) {
        return new Follow(id, box, at, null, -1, null, false, false, false);
    }
}
