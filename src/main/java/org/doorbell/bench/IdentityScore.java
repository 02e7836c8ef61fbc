package org.doorbell.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.doorbell.app.Replay;
import org.doorbell.face.FaceBox;

/**
 * How well a replayed stream was identified, visit by visit. A visit's face in each photo is the
 * one nearest the photo's centre (LFW centres the labelled person); the visit's visitor is that
 * face's visitor in its first photo that has one.
 *
 * @param people            different people in the stream
 * @param visitors          visitors in the store at the end (faces in the background count too)
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
public record IdentityScore(int people, int visitors, int mergedVisitors, int firstVisits, int falseAccepts,
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
        int at = 0;
        Set<String> seen = new HashSet<>();
        Map<String, Long> owner = new HashMap<>();
        Map<Long, Set<String>> peopleOf = new HashMap<>();
        int firstVisits = 0;
        int falseAccepts = 0;
        int returns = 0;
        int recognised = 0;
        int none = 0;
        List<String> mistakes = new java.util.ArrayList<>();
        Map<Long, String> firstPerson = new HashMap<>();
        for (VisitorStream.Visit visit : stream.visits()) {
            Replay.FaceResult face = null;
            for (int i = 0; i < visit.frames().size(); i++) {
                Replay.FaceResult f = central(results.get(at + i));
                if (face == null && f != null && f.visitorId() > 0) {
                    face = f;
                }
                for (Replay.FaceResult any : results.get(at + i).faces()) {
                    if (any.visitorId() > 0 && !firstPerson.containsKey(any.visitorId())) {
                        firstPerson.put(any.visitorId(), any == f ? visit.person()
                                : "a face in the background of a photo of " + visit.person());
                    }
                }
            }
            at += visit.frames().size();
            boolean first = seen.add(visit.person());
            String photos = visit.frames().stream().map(f -> f.file().getFileName().toString())
                    .collect(java.util.stream.Collectors.joining(" "));
            if (face == null) {
                none++;
                mistakes.add("no visitor: " + visit.person() + " (" + photos + ")");
                if (first) {
                    firstVisits++;
                } else {
                    returns++;
                }
                continue;
            }
            peopleOf.computeIfAbsent(face.visitorId(), k -> new HashSet<>()).add(visit.person());
            if (first) {
                firstVisits++;
                if (!face.isNew()) {
                    falseAccepts++;
                    mistakes.add("false accept: first visit of " + visit.person() + " (" + photos + ") given visitor #"
                            + face.visitorId() + ", first seen as " + firstPerson.get(face.visitorId()));
                }
                owner.put(visit.person(), face.visitorId());
            } else {
                returns++;
                Long own = owner.get(visit.person());
                if (own == null) {
                    owner.put(visit.person(), face.visitorId());
                } else if (own == face.visitorId() && !face.isNew()) {
                    recognised++;
                } else {
                    mistakes.add("missed return: " + visit.person() + " (" + photos + ") given "
                            + (face.isNew() ? "new " : "") + "visitor #" + face.visitorId() + " instead of #" + own);
                }
            }
        }
        int merged = (int) peopleOf.values().stream().filter(s -> s.size() > 1).count();
        return new IdentityScore(seen.size(), visitors, merged, firstVisits, falseAccepts, returns, recognised, none,
                stream.visits().size(), results.size(), seconds, List.copyOf(mistakes));
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
