package org.doorbell.visitors;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.doorbell.face.FaceEncoding;

/**
 * An immutable snapshot of one known visitor.
 *
 * <p>Two pictures are kept so that the owner can split the latest visit off ("not this person")
 * and each side keeps a face of its own: {@code thumbnail}, the best view from before the
 * current visit (or the registration view), and {@code visit}, the best view of the current
 * visit. {@link #picture()} is the better of the two, the one the screen shows. Pictures are
 * {@link Picture} handles: a visitor loaded from the store holds none of their bytes, which are
 * read from the store when {@link #thumbnailJpeg()}, {@link #visitJpeg()} or {@link #picture()}
 * is called.
 *
 * @param id                       1, 2, 3, ... in order of first appearance; never reused
 * @param name                     the name the owner gave, or null ("Visitor #id")
 * @param samples                  the gallery: face encodings of this visitor, at least one, the
 *                                 registration encoding first (the reference rule matches that one
 *                                 only), the rest best quality first; bounded by the identity
 * @param thumbnail                150x150 JPEG of the face, the best view before the current visit
 * @param thumbnailQuality         quality of the view the thumbnail was taken from (0: unknown)
 * @param visit                    150x150 JPEG, the best view of the current visit, or null
 * @param visitQuality             its quality (0 when there is none)
 * @param firstSeen                first time ever seen (or enrolled)
 * @param lastSeen                 last time seen
 * @param firstSeenThisInteraction start of the current (or last) visit
 * @param visits                   number of visits (seen_count in the reference); 0 for a visitor
 *                                 enrolled from photos and not seen yet
 * @param seenFrames               frames the visitor was seen in
 * @param notSame                  visitors the owner said are other people (a split): the identity
 *                                 never lets one of them pass for the other
 */
public record Visitor(long id, String name, List<FaceSample> samples, Picture thumbnail, double thumbnailQuality,
                      Picture visit, double visitQuality, Instant firstSeen, Instant lastSeen,
                      Instant firstSeenThisInteraction, int visits, long seenFrames, Set<Long> notSame) {

    public Visitor {
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("visitor " + id + " has no face sample");
        }
        Objects.requireNonNull(thumbnail, "thumbnail");
        notSame = Set.copyOf(notSame);
        name = name == null || name.isBlank() ? null : name.strip();
    }

    /** As the canonical constructor, with pictures held in memory. */
    public Visitor(long id, String name, List<FaceSample> samples, byte[] thumbnailJpeg, double thumbnailQuality,
                   byte[] visitJpeg, double visitQuality, Instant firstSeen, Instant lastSeen,
                   Instant firstSeenThisInteraction, int visits, long seenFrames, Set<Long> notSame) {
        this(id, name, samples, Picture.of(thumbnailJpeg), thumbnailQuality, visitJpeg == null ? null
                : Picture.of(visitJpeg), visitQuality, firstSeen, lastSeen, firstSeenThisInteraction, visits,
                seenFrames, notSame);
    }

    /** A visitor without a picture of the current visit and without corrections. */
    public Visitor(long id, String name, List<FaceSample> samples, byte[] thumbnailJpeg, double thumbnailQuality,
                   Instant firstSeen, Instant lastSeen, Instant firstSeenThisInteraction, int visits, long seenFrames) {
        this(id, name, samples, Picture.of(thumbnailJpeg), thumbnailQuality, null, 0, firstSeen, lastSeen,
                firstSeenThisInteraction, visits, seenFrames, Set.of());
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

    /** The best picture of the visitor: the one to show (read from the store if it is there). */
    public byte[] picture() {
        return bestPicture().jpeg();
    }

    /** The best picture of the visitor, as a handle: nothing is read. */
    public Picture bestPicture() {
        return visit != null && visitQuality > thumbnailQuality ? visit : thumbnail;
    }

    /** The quality of {@link #picture()}. */
    public double pictureQuality() {
        return Math.max(thumbnailQuality, visit != null ? visitQuality : 0);
    }

    /** The thumbnail's JPEG (read from the store if it is there). */
    public byte[] thumbnailJpeg() {
        return thumbnail.jpeg();
    }

    /** The current visit's JPEG (read from the store if it is there), or null if there is none. */
    public byte[] visitJpeg() {
        return visit != null ? visit.jpeg() : null;
    }

    /** "Alice", or "Visitor #12" for a visitor the owner has not named. */
    public String title() {
        return name != null ? name : "Visitor #" + id;
    }

    /** This visitor with another gallery and picture from before the current visit (times and counts unchanged). */
    public Visitor withGallery(List<FaceSample> newSamples, byte[] newThumbnail, double newThumbnailQuality) {
        return new Visitor(id, name, newSamples, Picture.of(newThumbnail), newThumbnailQuality, visit, visitQuality,
                firstSeen,
                lastSeen, firstSeenThisInteraction, visits, seenFrames, notSame);
    }

    /** This visitor with another gallery (the pictures, times and counts unchanged). */
    public Visitor withSamples(List<FaceSample> newSamples) {
        return new Visitor(id, name, newSamples, thumbnail, thumbnailQuality, visit, visitQuality, firstSeen,
                lastSeen, firstSeenThisInteraction, visits, seenFrames, notSame);
    }

    /** This visitor with another gallery, and {@code picture} as the current visit's picture if better. */
    public Visitor withViews(List<FaceSample> newSamples, byte[] picture, double quality) {
        boolean better = picture != null && (visit == null || quality > visitQuality);
        return new Visitor(id, name, newSamples, thumbnail, thumbnailQuality, better ? Picture.of(picture) : visit,
                better ? quality : visitQuality, firstSeen, lastSeen, firstSeenThisInteraction, visits, seenFrames,
                notSame);
    }

    /** This visitor with another name (null or blank: none). */
    public Visitor withName(String newName) {
        return new Visitor(id, newName, samples, thumbnail, thumbnailQuality, visit, visitQuality, firstSeen,
                lastSeen, firstSeenThisInteraction, visits, seenFrames, notSame);
    }

    /** This visitor with other "not the same person" links. */
    public Visitor withNotSame(Set<Long> links) {
        return new Visitor(id, name, samples, thumbnail, thumbnailQuality, visit, visitQuality, firstSeen,
                lastSeen, firstSeenThisInteraction, visits, seenFrames, links);
    }

    /**
     * This visitor seen at {@code now}: a new visit if unseen for longer than {@code newVisitAfter}
     * (or never seen), in which case the current visit's picture becomes history.
     */
    public Visitor seenAt(Instant now, java.time.Duration newVisitAfter) {
        return seen(now, visits == 0 || java.time.Duration.between(lastSeen, now).compareTo(newVisitAfter) > 0);
    }

    /**
     * This visitor seen at {@code now} (stored as the last sighting, never earlier than the one
     * before), starting a new visit or not; a new visit makes the current visit's picture history.
     */
    public Visitor seen(Instant at, boolean newVisit) {
        Instant now = at.isBefore(lastSeen) ? lastSeen : at;
        if (!newVisit) {
            return new Visitor(id, name, samples, thumbnail, thumbnailQuality, visit, visitQuality, firstSeen,
                    now, firstSeenThisInteraction, visits, seenFrames + 1, notSame);
        }
        boolean keepVisit = visit != null && visitQuality > thumbnailQuality;
        return new Visitor(id, name, samples, keepVisit ? visit : thumbnail,
                keepVisit ? visitQuality : thumbnailQuality, null, 0, firstSeen, now, now, visits + 1, seenFrames + 1,
                notSame);
    }

    /** This visitor with {@code frames} more frames counted. */
    public Visitor withMoreFrames(long frames) {
        return new Visitor(id, name, samples, thumbnail, thumbnailQuality, visit, visitQuality, firstSeen,
                lastSeen, firstSeenThisInteraction, visits, seenFrames + frames, notSame);
    }

    /** Equal in every field, the pictures compared by content (stored ones read if need be). */
    public boolean sameAs(Visitor o) {
        return sameFields(o) && Picture.sameContent(thumbnail, o.thumbnail) && Picture.sameContent(visit, o.visit);
    }

    /**
     * Equal in every field, the pictures the same without reading any (the same handle, place or
     * bytes): what the store compares to know whether a visitor needs writing.
     */
    public boolean sameStored(Visitor o) {
        return sameFields(o) && Picture.sameRef(thumbnail, o.thumbnail) && Picture.sameRef(visit, o.visit);
    }

    private boolean sameFields(Visitor o) {
        return o != null && id == o.id && Objects.equals(name, o.name) && samples.equals(o.samples)
                && Double.compare(thumbnailQuality, o.thumbnailQuality) == 0
                && Double.compare(visitQuality, o.visitQuality) == 0
                && firstSeen.equals(o.firstSeen) && lastSeen.equals(o.lastSeen)
                && firstSeenThisInteraction.equals(o.firstSeenThisInteraction) && visits == o.visits
                && seenFrames == o.seenFrames && notSame.equals(o.notSame);
    }
}
