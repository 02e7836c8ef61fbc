package org.doorbell.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.doorbell.face.FaceBox;
import org.doorbell.replay.Replay;

/**
 * How well a replayed stream was identified, visit by visit. A visit's face in each photo is the
 * one nearest the photo's centre (LFW centres the labelled person); the visit's visitor is that
 * face's visitor in its first photo that has one.
 *
 * @param people            different people in the stream
 * @param visitors          visitors in the store at the end (faces in the background count too)
 * @param ownVisitors       visitors given to the visits' own faces (in any of their photos or frames), not
 *                          only to faces in the photos' backgrounds
 * @param mergedVisitors    visitors given the visits of two or more people
 * @param firstVisits       visits of a person never seen before
 * @param falseAccepts      first visits given a visitor that already existed
 * @param returnVisits      visits of a person seen before
 * @param returnsRecognised return visits given the visitor of that person's first visit
 * @param noVisitor         visits given no visitor at all
 * @param visits            all visits
 * @param frames            photos replayed
 * @param seconds           replay time
 * @param mistakes          one line per false accept, missed return and visit without a visitor
 */
public record IdentityScore(int people, int visitors, int ownVisitors, int mergedVisitors, int firstVisits, int falseAccepts,
                            int returnVisits, int returnsRecognised, int noVisitor, int visits, int frames,
                            double seconds, List<String> mistakes) {

    public double falseAcceptRate() {
        return people == 0 ? 0 : (double) falseAccepts / people;
    }

    public double returningRecognised() {
        return returnVisits == 0 ? 1 : (double) returnsRecognised / returnVisits;
    }

    public double noVisitorRate() {
        return visits == 0 ? 0 : (double) noVisitor / visits;
    }

    public double framesPerSecond() {
        return seconds <= 0 ? 0 : frames / seconds;
    }

    /**
     * @param results the replay's results, one per frame, in the stream's order
     */
    public static IdentityScore of(VisitorStream stream, List<Replay.Result> results, int visitors, double seconds) {
        Tally tally = new Tally();
        int at = 0;
        for (VisitorStream.Visit visit : stream.visits()) {
            Replay.FaceResult face = null;
            for (int i = 0; i < visit.frames().size(); i++) {
                Replay.FaceResult f = central(results.get(at + i));
                if (f != null && f.visitorId() > 0) {
                    tally.ownFace(visit.person(), f.visitorId());
                    if (face == null) {
                        face = f;
                    }
                }
                for (Replay.FaceResult any : results.get(at + i).faces()) {
                    if (any.visitorId() > 0) {
                        tally.firstPerson.putIfAbsent(any.visitorId(), any == f ? visit.person()
                                : "a face in the background of a photo of " + visit.person());
                    }
                }
            }
            at += visit.frames().size();
            tally.visit(visit, face == null ? 0 : face.visitorId(), face != null && face.isNew());
        }
        return tally.score(stream.visits().size(), visitors, results.size(), seconds);
    }

    /** Visits given their visitors, in the stream's order. */
    static final class Tally {
        private final Set<String> seen = new HashSet<>();
        private final Map<String, Long> owner = new HashMap<>();
        private final Map<Long, Set<String>> peopleOf = new HashMap<>();
        /** The visitors given to each person's own face, in any frame. */
        private final Map<String, Set<Long>> ownOf = new java.util.TreeMap<>();
        /** Who each visitor was first seen as, for the mistakes' lines. */
        final Map<Long, String> firstPerson = new HashMap<>();
        private final List<String> mistakes = new java.util.ArrayList<>();
        private int firstVisits;
        private int falseAccepts;
        private int returns;
        private int recognised;
        private int none;

        /**
         * @param visitorId the visit's visitor, 0 for none
         * @param isNew     whether the visit registered that visitor
         * @return whether it was the person's first visit
         */
        boolean visit(VisitorStream.Visit visit, long visitorId, boolean isNew) {
            boolean first = seen.add(visit.person());
            String photos = visit.frames().stream().map(f -> f.file().getFileName().toString())
                    .collect(java.util.stream.Collectors.joining(" "));
            if (first) {
                firstVisits++;
            } else {
                returns++;
            }
            if (visitorId <= 0) {
                none++;
                mistakes.add("no visitor: " + visit.person() + " (" + photos + ")");
                return first;
            }
            firstPerson.putIfAbsent(visitorId, visit.person());
            peopleOf.computeIfAbsent(visitorId, k -> new HashSet<>()).add(visit.person());
            Long own = owner.get(visit.person());
            if (first) {
                if (!isNew) {
                    falseAccepts++;
                    mistakes.add("false accept: first visit of " + visit.person() + " (" + photos + ") given visitor #"
                            + visitorId + ", first seen as " + firstPerson.get(visitorId));
                }
                owner.put(visit.person(), visitorId);
            } else if (own == null) {
                owner.put(visit.person(), visitorId);
            } else if (own == visitorId && !isNew) {
                recognised++;
            } else {
                mistakes.add("missed return: " + visit.person() + " (" + photos + ") given "
                        + (isNew ? "new " : "") + "visitor #" + visitorId + " instead of #" + own);
            }
            return first;
        }

        void mistake(String line) {
            mistakes.add(line);
        }

        /** A frame showed {@code visitorId} on {@code person}'s own face. */
        void ownFace(String person, long visitorId) {
            ownOf.computeIfAbsent(person, k -> new java.util.TreeSet<>()).add(visitorId);
        }

        IdentityScore score(int visits, int visitors, int frames, double seconds) {
            int merged = (int) peopleOf.values().stream().filter(s -> s.size() > 1).count();
            for (Map.Entry<String, Set<Long>> e : ownOf.entrySet()) {
                if (e.getValue().size() > 1) {
                    mistakes.add(e.getKey() + " under " + e.getValue().size() + " visitor ids: " + e.getValue());
                }
            }
            int own = (int) ownOf.values().stream().flatMap(Set::stream).distinct().count();
            return new IdentityScore(seen.size(), visitors, own, merged, firstVisits, falseAccepts, returns, recognised, none,
                    visits, frames, seconds, List.copyOf(mistakes));
        }
    }

    /** The face nearest the photo's centre, or null if there is none. */
    static Replay.FaceResult central(Replay.Result r) {
        Replay.FaceResult best = null;
        double bestD = Double.POSITIVE_INFINITY;
        for (Replay.FaceResult f : r.faces()) {
            FaceBox b = f.box();
            double cx = (b.left() + b.right()) / 2.0 - r.width() / 2.0;
            double cy = (b.top() + b.bottom()) / 2.0 - r.height() / 2.0;
            double d = cx * cx + cy * cy;
            if (d < bestD) {
                bestD = d;
                best = f;
            }
        }
        return best;
    }
}
