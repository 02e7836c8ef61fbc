package org.doorbell.identity;

import java.util.function.Supplier;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEncoding;

/**
 * One good face in an analysed frame.
 *
 * @param box       where, in frame pixels
 * @param encoding  its 128-D encoding; null for a followed face that was not encoded again in this
 *                  frame (it continues the live track its box overlaps, or is not sure yet if none)
 * @param quality   how good the view is, 0..1 ({@link ViewQuality})
 * @param thumbnail the face as a JPEG; called at most once, during {@link Identity#observe}, and only
 *                  when this view is the best one of its track so far
 */
public record Observation(FaceBox box, FaceEncoding encoding, double quality, Supplier<byte[]> thumbnail) {
}
