package org.doorbell.visitors;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.doorbell.face.FaceEncoding;

/**
 * An immutable snapshot of one known visitor.
 *
 * @param id                       1, 2, 3, ... in order of first appearance; never reused
 * @param name                     the name the owner gave, or null ("Visitor #id")
 * @param samples                  the gallery: face encodings of this visitor, at least one, the
 *                                 registration encoding first (the reference rule matches that one
 *                                 only), the rest best quality first; bounded by the identity
 * @param thumbnailJpeg            150x150 JPEG of the face, the best view seen so far
 * @param thumbnailQuality         quality of the view the thumbnail was taken from (0: unknown)
 * @param firstSeen                first time ever seen
 * @param lastSeen                 last time seen
 * @param firstSeenThisInteraction start of the current (or last) visit
 * @param visits                   number of visits (seen_count in the reference)
 * @param seenFrames               frames the visitor was seen in
 */
public record Visitor(long id, String name, List<FaceSample> samples, byte[] thumbnailJpeg, double thumbnailQuality,
                      Instant firstSeen, Instant lastSeen, Instant firstSeenThisInteraction, int visits,
                      long seenFrames) {

    public Visitor {
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("visitor " + id + " has no face sample");
        }
        Objects.requireNonNull(thumbnailJpeg, "thumbnail");
    }

    /** A visitor of the first store format: one encoding, no name. */
    public Visitor(long id, FaceEncoding encoding, byte[] thumbnailJpeg, Instant firstSeen, Instant lastSeen,
                   Instant firstSeenThisInteraction, int visits, long seenFrames) {
        this(id, null, List.of(new FaceSample(encoding, 0, firstSeen)), thumbnailJpeg, 0, firstSeen, lastSeen,
                firstSeenThisInteraction, visits, seenFrames);
    }

    /** The encoding the visitor was registered with (the reference rule's only encoding). */
    public FaceEncoding encoding() {
        return samples.get(0).encoding();
    }

    /** This visitor with another gallery, thumbnail and quality. */
    public Visitor withGallery(List<FaceSample> newSamples, byte[] newThumbnail, double newThumbnailQuality) {
        return new Visitor(id, name, newSamples, newThumbnail, newThumbnailQuality, firstSeen, lastSeen,
                firstSeenThisInteraction, visits, seenFrames);
    }
}
