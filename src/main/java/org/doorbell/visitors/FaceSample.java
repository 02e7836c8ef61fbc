package org.doorbell.visitors;

import java.time.Instant;
import java.util.Objects;
import org.doorbell.face.FaceEncoding;

/**
 * One face encoding kept in a visitor's gallery.
 *
 * @param encoding the encoding
 * @param quality  how good the view was (higher is better; see {@code org.doorbell.identity.SampleQuality}),
 *                 0 when unknown (a sample imported from an older store)
 * @param seenAt   when the face was seen
 */
public record FaceSample(FaceEncoding encoding, double quality, Instant seenAt) {
    public FaceSample {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(seenAt, "seenAt");
        if (!Double.isFinite(quality) || quality < 0) {
            throw new IllegalArgumentException("sample quality must be a finite number >= 0, not " + quality);
        }
    }
}
