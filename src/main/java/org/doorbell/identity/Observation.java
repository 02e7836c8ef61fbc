package org.doorbell.identity;

import java.util.function.Supplier;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEncoding;

/**
 * One good face in an analysed frame.
 *
 * @param box       where, in frame pixels
 * @param encoding  its 128-D encoding; null for a followed face that was not encoded again in this
 *                  frame (it continues the live track that its follow last continued, or is not
 *                  sure yet if none)
 * @param quality   how good the view is, 0..1 ({@link ViewQuality})
 * @param thumbnail the face as a JPEG; called at most once, during {@link Identity#observe}, and only
 *                  when this view is the best one of its track so far
 * @param followId  the follow the face was found in (the same face from frame to frame by where it
 *                  is), or 0 if not followed
 */
public record Observation(FaceBox box, FaceEncoding encoding, double quality, Supplier<byte[]> thumbnail,
                          long followId) {

    /** A face not followed between frames. */
    public Observation(FaceBox box, FaceEncoding encoding, double quality, Supplier<byte[]> thumbnail) {
        this(box, encoding, quality, thumbnail, 0);
    }
}
