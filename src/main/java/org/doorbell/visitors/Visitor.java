package org.doorbell.visitors;

import java.time.Instant;
import org.doorbell.face.FaceEncoding;

/**
 * An immutable snapshot of one known visitor.
 *
 * @param id                       1, 2, 3, ... in order of first appearance; never reused
 * @param encoding                 the face encoding the visitor was registered with
 * @param thumbnailJpeg            150x150 JPEG of the face when first seen
 * @param firstSeen                first time ever seen
 * @param lastSeen                 last time seen
 * @param firstSeenThisInteraction start of the current (or last) visit
 * @param visits                   number of visits (seen_count in the reference)
 * @param seenFrames               frames the visitor was seen in
 */
public record Visitor(long id, FaceEncoding encoding, byte[] thumbnailJpeg, Instant firstSeen, Instant lastSeen,
                      Instant firstSeenThisInteraction, int visits, long seenFrames) {
}
