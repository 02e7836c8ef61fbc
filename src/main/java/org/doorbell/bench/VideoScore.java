package org.doorbell.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.doorbell.face.FaceBox;
import org.doorbell.identity.TrackOutcome;
import org.doorbell.recognition.RecognizedFace;

/**
 * How well a visitor stream shown as video ({@link DoorstepVideo}) was identified: the visit-level
 * figures of {@link IdentityScore} (a visit's visitor is the final visitor of the first track of
 * its own face that has one: the face found where the video drew it, {@link #own}), and what the
 * screen showed frame by frame: visitor ids shown on the faces of two or more people, the share of
 * face frames labelled "Not sure yet", and how long after a person's first frame their face got
 * its first decided label.
 *
 * @param identity        the visit-level figures; its own-face visitors are those given to a face found
 *                        where the video drew the visit's
 * @param idsOnTwoPeople  visitor ids shown on the faces of 2+ people
 * @param visitFrames     frames showing a visit's face
 * @param faceFrames      of those, frames in which the face was found and recognisable
 * @param unsureFrames    of those, frames labelled "Not sure yet"
 * @param newLabelS       seconds from a first visit's first frame to its first decided label, sorted
 * @param returningLabelS the same for returning visits
 * @param undecided       visits whose face never got a decided label
 */
public record VideoScore(IdentityScore identity, int idsOnTwoPeople, int visitFrames, int faceFrames,
                         int unsureFrames, double[] newLabelS, double[] returningLabelS, int undecided) {

    /** The share of the frames showing a visit's face in which it was found. */
    public double foundShare() {
        return visitFrames == 0 ? 0 : (double) faceFrames / visitFrames;
    }

    public double unsureShare() {
        return faceFrames == 0 ? 0 : (double) unsureFrames / faceFrames;
    }

    /** The {@code q} quantile (0..1) of sorted seconds, NaN if none. */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    /**
     * @param frames   the run's frames in order, one per video frame
     * @param outcomes each track's final visitor
     * @param visitors visitors in the store at the end
     */
    public static VideoScore of(DoorstepVideo video, FreeRun.Result run, Map<Long, TrackOutcome> outcomes, int visitors) {
        return of(video.visits(), video.shape(), run, outcomes, visitors);
    }

    /** As {@link #of(DoorstepVideo, FreeRun.Result, Map, int)}, from where the video's visits lie. */
    static VideoScore of(List<DoorstepVideo.VisitFrames> visits, DoorstepVideo.Shape shape, FreeRun.Result run,
            Map<Long, TrackOutcome> outcomes, int visitors) {
        List<FreeRun.FrameResult> frames = run.frames();
        double fps = shape.fps();
        IdentityScore.Tally tally = new IdentityScore.Tally();
        Map<Long, Set<String>> shownOn = new HashMap<>();
        Set<Long> earlierTracks = new HashSet<>();
        int visitFrames = 0;
        int faceFrames = 0;
        int unsure = 0;
        int undecided = 0;
        List<Double> newLabel = new ArrayList<>();
        List<Double> returningLabel = new ArrayList<>();
        for (DoorstepVideo.VisitFrames vf : visits) {
            TrackOutcome outcome = null;
            Set<Long> tracks = new HashSet<>();
            Set<Long> registeredHere = new HashSet<>();
            int firstDecided = -1;
            visitFrames += vf.photoFrames();
            for (int i = vf.first(); i < vf.first() + vf.photoFrames(); i++) {
                RecognizedFace f = own(frames.get(i).faces(), DoorstepVideo.drawn(shape, vf, i));
                if (f == null || f.kind() == RecognizedFace.Kind.UNRECOGNISED) {
                    continue;
                }
                faceFrames++;
                if (f.kind() == RecognizedFace.Kind.UNSURE) {
                    unsure++;
                } else {
                    if (firstDecided < 0) {
                        firstDecided = i;
                    }
                    shownOn.computeIfAbsent(f.visitorId(), k -> new HashSet<>()).add(vf.visit().person());
                }
                if (f.trackId() != 0) {
                    tracks.add(f.trackId());
                }
                TrackOutcome o = f.trackId() == 0 ? null : outcomes.get(f.trackId());
                if (o != null) {
                    tally.ownFace(vf.visit().person(), o.visitorId());
                    if (o.registered() && !earlierTracks.contains(o.trackId())) {
                        registeredHere.add(o.visitorId());
                    }
                    if (outcome == null) {
                        outcome = o;
                    }
                }
            }
            // a person back within a second of leaving may continue the track of the visit before: the
            // visitor it registered then is theirs, not registered by this visit; a visitor registered by
            // another track on this visit's face (the face lost and found again) is this visit's own
            boolean first = tally.visit(vf.visit(), outcome == null ? 0 : outcome.visitorId(),
                    outcome != null && registeredHere.contains(outcome.visitorId()));
            earlierTracks.addAll(tracks);
            if (firstDecided < 0) {
                undecided++;
            } else {
                (first ? newLabel : returningLabel).add((firstDecided - vf.first()) / fps);
            }
        }
        for (Map.Entry<Long, Set<String>> e : shownOn.entrySet()) {
            if (e.getValue().size() > 1) {
                tally.mistake("visitor #" + e.getKey() + " shown on the faces of " + String.join(", ", e.getValue()));
            }
        }
        int twoPeople = (int) shownOn.values().stream().filter(s -> s.size() > 1).count();
        return new VideoScore(tally.score(visits.size(), visitors, frames.size(), run.wallNanos() / 1e9), twoPeople, visitFrames, faceFrames, unsure, sorted(newLabel), sorted(returningLabel), undecided);
    }

    private static double[] sorted(List<Double> values) {
        double[] out = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(out);
        return out;
    }

    /**
     * The visit's own face among a frame's: the one nearest where it was drawn, if its centre lies
     * within a third of the drawn face's height of there; null if none does (the face was not found,
     * and any other is someone in the photo's background).
     */
    static RecognizedFace own(List<RecognizedFace> faces, DoorstepVideo.Drawn drawn) {
        RecognizedFace best = null;
        double limit = drawn.height() / 3.0;
        double bestD = limit * limit;
        for (RecognizedFace f : faces) {
            FaceBox b = f.box();
            double cx = (b.left() + b.right()) / 2.0 - drawn.centreX();
            double cy = (b.top() + b.bottom()) / 2.0 - drawn.centreY();
            double d = cx * cx + cy * cy;
            if (d <= bestD) {
                bestD = d;
                best = f;
            }
        }
        return best;
    }
}
