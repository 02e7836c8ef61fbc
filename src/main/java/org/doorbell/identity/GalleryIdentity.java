package org.doorbell.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.doorbell.face.OverlapMatching;
import org.doorbell.visitors.FaceSample;
import org.doorbell.visitors.Sighting;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides per tracked face, from all of its views, against every visitor's gallery.
 *
 * <p><b>Tracks.</b> A face continues the track whose last box it overlaps most (intersection over
 * union at least {@value #MIN_IOU}), if that track was seen within {@link #TRACK_TIMEOUT} and the
 * face is not someone else; otherwise it starts a track. While a face is followed without a break
 * (seen within {@link #GONE_AFTER}), "someone else" is a face farther than
 * {@link Calibration#SAME_FACE} from the track's mean: one person turning, or shown in another
 * photo, stays one track. A face found where a track's face had been gone for longer (someone
 * left and someone came) continues it only if the identity itself would take them for the same
 * person ({@link Calibration#threshold} for one view against the track's), and only if encoded.
 * A track begun at a cut (a face farther than that from the track whose face was at its
 * place a moment before) rejoins that track while undecided, as soon as one of its faces lies
 * within {@link Calibration#SAME_FACE} of it: which frame of a face the cut falls on, and so which
 * thread encoded it, does not decide whether it is one person. One face per track per frame. A
 * track unseen for {@link #TRACK_TIMEOUT} has ended.
 *
 * <p><b>Decisions.</b> A track is decided once it has its evidence: two distinct views, or
 * {@link #DECIDE_AFTER} of frames, or its end (so a face seen once still gets its visitor). It is
 * then given the nearest visitor if the mean of its views is within {@link Calibration#threshold}
 * of that visitor's gallery mean, for the number of distinct views on each side, and clearly
 * nearer than the second nearest ({@link Calibration#RATIO}); otherwise it registers a new
 * visitor. Before that, a returning visitor is named from the first view close enough to be sure
 * without more ({@link Calibration#earlyThreshold}: someone who stands still at the door shows
 * one view for as long as they stand, and is named at once); otherwise the face is "not sure
 * yet". A decision is final for the track. No two faces of a frame get the same visitor.
 *
 * <p><b>Galleries.</b> When a track ends, its distinct views join its visitor's gallery (the
 * registration view first, then the best, at most {@link Calibration#GALLERY_SIZE}, no two
 * near-identical), and its best picture replaces the visitor's thumbnail if better.
 */
public final class GalleryIdentity implements Identity {
    private static final Logger log = LoggerFactory.getLogger(GalleryIdentity.class);
    static final double MIN_IOU = OverlapMatching.SAME_PLACE;
    static final Duration TRACK_TIMEOUT = Duration.ofSeconds(1);
    static final Duration DECIDE_AFTER = Duration.ofSeconds(1);
    /**
     * A track's face unseen this long has left its place: longer than the whole-frame search's
     * interval ({@link org.doorbell.tracking.Follows#FULL_SEARCH_EVERY}) with a frame's margin, so a
     * face merely missed by the search around it is still there.
     */
    static final Duration GONE_AFTER = Duration.ofMillis(250);

    private final VisitorRegistry registry;
    private final GalleryIndex index;
    private final Consumer<TrackOutcome> outcomes;
    private final List<Track> live = new ArrayList<>();
    private long nextTrack = 1;

    /**
     * @param outcomes told each track's visitor as soon as it is decided
     */
    public GalleryIdentity(VisitorRegistry registry, Consumer<TrackOutcome> outcomes) {
        this.registry = registry;
        this.index = new GalleryIndex(registry.snapshot());
        this.outcomes = outcomes;
    }

    @Override
    public List<FaceDecision> observe(Instant now, List<Observation> faces) {
        applyEdits();
        endStale(now);
        Track[] assigned = associate(now, faces);
        FaceDecision[] out = new FaceDecision[faces.size()];
        Set<Long> claimed = new HashSet<>();
        // decided tracks keep their visitor; a visitor appears once per frame
        for (int i = 0; i < faces.size(); i++) {
            Track t = assigned[i];
            if (t == null) {
                // a followed face not encoded again, and no live track where it is: not sure until it is
                out[i] = new FaceDecision(faces.get(i).box(), FaceDecision.State.UNSURE, null, 0);
            } else if (t.decided() && claimed.add(t.visitorId)) {
                Visitor v = registry.seen(t.visitorId).map(Sighting::visitor).orElse(null);
                out[i] = v == null ? unsure(t) : new FaceDecision(t.box, FaceDecision.State.KNOWN, v, t.id);
            }
        }
        for (int i = 0; i < faces.size(); i++) {
            if (out[i] == null && assigned[i] != null) {
                // a decided track whose visitor another face of this frame holds shows no name this frame
                out[i] = assigned[i].decided() ? unsure(assigned[i]) : decide(assigned[i], now, claimed, false);
            }
        }
        return List.of(out);
    }

    @Override
    public void endTracks() {
        for (Track t : live) {
            finish(t);
        }
        live.clear();
    }

    /**
     * The owner's corrections: edited visitors are searched as they are now, removed ones no more,
     * and a live track given to one of them is decided again from its views (a merged visitor's
     * track then finds the visitor it was merged into, a split one its own).
     */
    private void applyEdits() {
        java.util.Set<Long> edited = registry.drainEdited();
        if (edited.isEmpty()) {
            return;
        }
        for (long id : edited) {
            registry.find(id).ifPresentOrElse(index::put, () -> index.remove(id));
        }
        for (Track t : live) {
            if (t.decided() && edited.contains(t.visitorId)) {
                t.undecide();
            }
        }
    }

    private void endStale(Instant now) {
        for (Iterator<Track> it = live.iterator(); it.hasNext(); ) {
            Track t = it.next();
            if (Duration.between(t.lastSeen, now).compareTo(TRACK_TIMEOUT) > 0) {
                finish(t);
                it.remove();
            }
        }
        // an ended track is rejoined by none: let it go
        for (Track t : live) {
            if (t.cutFrom != null && !live.contains(t.cutFrom)) {
                t.cutFrom = null;
            }
        }
    }

    /**
     * Each face's track, continuing a live one or starting one, at most one face per track. A face
     * not encoded in this frame continues the track that its follow last continued, or none.
     */
    private Track[] associate(Instant now, List<Observation> faces) {
        double[][] units = new double[faces.size()][];
        for (int i = 0; i < faces.size(); i++) {
            units[i] = faces.get(i).encoding() == null ? null : Calibration.unit(faces.get(i).encoding());
        }
        OverlapMatching<Track> matching = new OverlapMatching<>();
        for (Track t : live) {
            double[] mean = t.views.mean();
            boolean gone = Duration.between(t.lastSeen, now).compareTo(GONE_AFTER) > 0;
            // someone found where the track's face had gone must be the same person by the identity's own measure
            double sameFace = gone ? Calibration.threshold(1, t.views.count()) : Calibration.SAME_FACE;
            for (int i = 0; i < faces.size(); i++) {
                double iou = t.box.iou(faces.get(i).box());
                boolean continues = units[i] == null
                        ? !gone && faces.get(i).followId() != 0 && faces.get(i).followId() == t.followId
                        : iou >= MIN_IOU && Calibration.distance(mean, units[i]) < sameFace;
                if (continues) {
                    matching.offer(i, t, iou);
                } else if (units[i] != null && iou >= MIN_IOU && log.isDebugEnabled()) {
                    log.debug("face at track {}'s place ({} iou) is {} from its mean (limit {}{})", t.id,
                            String.format("%.2f", iou), String.format("%.3f", Calibration.distance(mean, units[i])),
                            String.format("%.3f", sameFace), gone ? ", gone" : "");
                }
            }
        }
        Track[] assigned = matching.match(faces.size()).toArray(new Track[0]);
        for (int i = 0; i < faces.size(); i++) {
            if (assigned[i] == null && units[i] != null) {
                assigned[i] = new Track(nextTrack++, now);
                assigned[i].cutFrom = cutFrom(faces.get(i), now);
                live.add(assigned[i]);
            } else if (assigned[i] != null && units[i] != null) {
                assigned[i] = rejoined(assigned[i], faces.get(i), units[i], assigned);
            }
            if (assigned[i] != null) {
                assigned[i].add(faces.get(i), units[i], now);
                // a follow continues one track only: the one that took its latest face
                for (Track other : live) {
                    if (other != assigned[i] && other.followId == assigned[i].followId) {
                        other.followId = 0;
                    }
                }
            }
        }
        return assigned;
    }

    /**
     * The live track whose face {@code face} replaced at its place (seen there within
     * {@link #GONE_AFTER}), or null: a new track there began at a cut.
     */
    private Track cutFrom(Observation face, Instant now) {
        Track from = null;
        double best = MIN_IOU;
        for (Track t : live) {
            double iou = t.box.iou(face.box());
            if (iou >= best && Duration.between(t.lastSeen, now).compareTo(GONE_AFTER) <= 0) {
                best = iou;
                from = t;
            }
        }
        return from;
    }

    /**
     * {@code t}, or the track it began at a cut from, if this face of {@code t}'s lies within
     * {@link Calibration#SAME_FACE} of that track's mean at its place and {@code t} is undecided:
     * then {@code t} was the same face all along (a view at the cut was merely far), and the
     * earlier track takes it in. A face at a track's place is its face within that distance,
     * whichever of its frames shows it so.
     */
    private Track rejoined(Track t, Observation face, double[] unit, Track[] assigned) {
        Track from = t.cutFrom;
        if (from == null || t.decided() || !live.contains(from) || java.util.Arrays.asList(assigned).contains(from)
                || from.box.iou(face.box()) < MIN_IOU) {
            return t;
        }
        double d = Calibration.distance(from.views.mean(), unit);
        if (d >= Calibration.SAME_FACE) {
            return t;
        }
        log.debug("track {} rejoins track {}, which it began at a cut from: a later view lies {} from it", t.id, from.id,
                String.format("%.3f", d));
        from.absorb(t);
        if (from.decided()) {
            registry.addSeenFrames(from.visitorId, t.frames);
        }
        live.remove(t);
        return from;
    }

    private FaceDecision decide(Track t, Instant now, Set<Long> claimed, boolean atEnd) {
        boolean mature = atEnd || t.views.count() >= 2 || Duration.between(t.start, now).compareTo(DECIDE_AFTER) >= 0;
        GalleryIndex.Nearest n = index.nearest(t.views.mean(), t.views.count(), claimed);
        // a known face is named at once, before the track has its evidence, only within the threshold of
        // its views against a perfectly known mean: the gallery's own spread is not allowed for
        double threshold = mature ? Calibration.threshold(t.views.count(), n == null ? 1 : n.views())
                : Calibration.earlyThreshold(t.views.count());
        if (n != null && n.distance() < threshold && n.distance() < Calibration.RATIO * n.secondDistance()) {
            Visitor v = registry.seen(n.visitorId(), t.lastSeen).map(Sighting::visitor).orElse(null);
            if (v != null) {
                if (log.isDebugEnabled()) {
                    log.debug("track {} named #{} {} at {} ({} views, {} frames, threshold {}, second {})", t.id, v.id(),
                            mature ? "mature" : "early", String.format("%.3f", n.distance()), t.views.count(), t.frames,
                            String.format("%.3f", threshold), String.format("%.3f", n.secondDistance()));
                }
                claimed.add(v.id());
                t.visitorId = v.id();
                registry.addSeenFrames(v.id(), t.frames - 1);
                outcomes.accept(new TrackOutcome(t.id, v.id(), false, n.distance()));
                return new FaceDecision(t.box, FaceDecision.State.KNOWN, v, t.id);
            }
        }
        if (mature) {
            // stamped with when the track was first seen (a track decided at its end was seen before now)
            Visitor v = registry.register(t.views.samples(), t.thumbnail, t.thumbnailQuality, t.start).visitor();
            index.put(v);
            claimed.add(v.id());
            t.visitorId = v.id();
            registry.addSeenFrames(v.id(), t.frames - 1);
            log.info("new visitor #{}", v.id());
            if (log.isDebugEnabled()) {
                log.debug("track {} registered #{} ({} views, {} frames; nearest {} at {}, threshold {}, second {})", t.id,
                        v.id(), t.views.count(), t.frames, n == null ? "none" : "#" + n.visitorId(),
                        n == null ? "-" : String.format("%.3f", n.distance()), String.format("%.3f", threshold),
                        n == null ? "-" : String.format("%.3f", n.secondDistance()));
            }
            outcomes.accept(new TrackOutcome(t.id, v.id(), true, n == null ? Double.NaN : n.distance()));
            return new FaceDecision(t.box, FaceDecision.State.NEW, v, t.id);
        }
        return unsure(t);
    }

    /** The mean of a live track's views. */
    double[] trackMean(long trackId) {
        return live.stream().filter(t -> t.id == trackId).findFirst().orElseThrow().views.mean();
    }

    private static FaceDecision unsure(Track t) {
        return new FaceDecision(t.box, FaceDecision.State.UNSURE, null, t.id);
    }

    /** Decides an undecided track with what it has, then adds its views to its visitor's gallery. */
    private void finish(Track t) {
        if (!t.decided()) {
            decide(t, t.lastSeen, new HashSet<>(), true);
        }
        registry.find(t.visitorId).ifPresent(v -> {
            List<FaceSample> gallery = Views.mergeGallery(v.samples(), t.views.samples());
            registry.addViews(v.id(), gallery, t.thumbnail, t.thumbnailQuality).ifPresent(index::put);
        });
    }
}
