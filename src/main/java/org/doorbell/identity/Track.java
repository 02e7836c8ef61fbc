package org.doorbell.identity;

import java.time.Instant;
import org.doorbell.face.FaceBox;
import org.doorbell.visitors.FaceSample;

/** One face followed across frames: its views, its best picture, and its visitor once decided. */
final class Track {
    final long id;
    final Instant start;
    final Views views = new Views(Calibration.GALLERY_SIZE);
    FaceBox box;
    /** The follow of its latest face (0 if none): a face of that follow not encoded again continues it. */
    long followId;
    Instant lastSeen;
    /** Frames seen so far (all of them are counted for its visitor once it is decided). */
    int frames;
    /** 0 while undecided. */
    long visitorId;
    byte[] thumbnail;
    double thumbnailQuality = -1;
    /**
     * The track whose face this one's replaced at its place from one frame to the next (a cut:
     * farther than {@link Calibration#SAME_FACE} from it), or null once that track has ended.
     */
    Track cutFrom;

    Track(long id, Instant start) {
        this.id = id;
        this.start = start;
        this.lastSeen = start;
    }

    /** Adds a face, with its encoding's unit vector (null when not encoded: only where and when it was). */
    void add(Observation o, double[] unit, Instant at) {
        box = o.box();
        followId = o.followId();
        lastSeen = at;
        frames++;
        if (unit == null) {
            return;
        }
        views.add(new FaceSample(o.encoding(), o.quality(), at), unit);
        if (o.quality() > thumbnailQuality) {
            thumbnail = o.thumbnail().get();
            thumbnailQuality = o.quality();
        }
    }

    /**
     * Takes in {@code later}, an undecided track of the same face that began at a cut from this
     * one: its views, frames, place and picture.
     */
    void absorb(Track later) {
        views.absorb(later.views);
        if (later.lastSeen.isAfter(lastSeen)) {
            box = later.box;
            followId = later.followId;
            lastSeen = later.lastSeen;
        }
        frames += later.frames;
        if (later.thumbnailQuality > thumbnailQuality) {
            thumbnail = later.thumbnail;
            thumbnailQuality = later.thumbnailQuality;
        }
    }

    /** Forgets the decision (its visitor was edited): decided again from the views; frames already counted. */
    void undecide() {
        visitorId = 0;
        frames = 0;
    }

    boolean decided() {
        return visitorId != 0;
    }
}
