package org.doorbell.recognition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.doorbell.identity.FaceDecision;
import org.doorbell.identity.Identity;
import org.doorbell.identity.Observation;
import org.doorbell.tracking.Follows;
import org.doorbell.visitors.Visitor;

/**
 * The part of recognition that takes frames in capture order: each analysed frame's faces
 * ({@link FrameAnalyzer}) go to the identity, which tracks them and says who they are; the labels
 * come out, and the follows learn what the identity decided (which faces are still undecided,
 * which it could not place). One thread at a time.
 */
public final class Recognizer {
    public static final String NEW_VISITOR = "New visitor!";
    public static final String NOT_SURE = "Not sure yet";

    private final Identity identity;
    private final FrameClock clock;
    private final Follows follows;
    /** How long a visitor has been at the door now (the registry's, timed on the run's clock). */
    private final Function<Visitor, Duration> atDoor;

    Recognizer(Identity identity, FrameClock clock, Follows follows, Function<Visitor, Duration> atDoor) {
        this.identity = identity;
        this.clock = clock;
        this.follows = follows;
        this.atDoor = atDoor;
    }

    /** The frame's faces, in the analysis's order. */
    Recognition recognize(FrameAnalyzer.Analysis a) {
        clock.set(a.capturedAt());
        List<FrameAnalyzer.Found> found = a.faces();
        List<Observation> observations = new ArrayList<>(found.size());
        for (FrameAnalyzer.Found f : found) {
            if (f.recognisable()) {
                byte[] picture = f.thumbnail();
                observations.add(new Observation(f.box(), f.encoding(), f.quality(), () -> picture, f.followId()));
            }
        }
        // the identity hears about every analysed frame, with faces or not, so tracks end on time
        List<FaceDecision> decisions = identity.observe(a.capturedAt(), observations);
        List<RecognizedFace> faces = new ArrayList<>(found.size());
        List<Follows.Seen> seen = new ArrayList<>(found.size());
        int next = 0;
        for (FrameAnalyzer.Found f : found) {
            Follows.Seen place = Follows.Seen.of(f.followId(), f.box()).withSized(f.sized());
            if (f.recognisable()) {
                FaceDecision d = decisions.get(next++);
                faces.add(face(d));
                if (f.held()) {
                    // not found again: its follow counts it missed (and is lost if not found within its time)
                    continue;
                }
                Follows.Seen judged = place.withDecided(d.state() != FaceDecision.State.UNSURE)
                        .withNeedsEncoding(d.trackId() == 0);
                seen.add(f.encoding() != null ? judged.withEncoding(f.quality(), f.patch()) : judged);
            } else {
                faces.add(new RecognizedFace(f.box(), RecognizedFace.Kind.UNRECOGNISED, "", 0, 0));
                seen.add(place);
            }
        }
        follows.update(a.capturedAt(), seen, a.searched(), a.wholeFrame());
        return new Recognition(a.sequence(), a.capturedAt(), List.copyOf(faces));
    }

    private RecognizedFace face(FaceDecision d) {
        return switch (d.state()) {
            case NEW -> new RecognizedFace(d.box(), RecognizedFace.Kind.NEW_VISITOR, NEW_VISITOR, d.visitorId(), d.trackId());
            case KNOWN -> new RecognizedFace(d.box(), RecognizedFace.Kind.KNOWN_VISITOR, label(d.visitor(), atDoor.apply(d.visitor())),
                    d.visitorId(), d.trackId());
            case UNSURE -> new RecognizedFace(d.box(), RecognizedFace.Kind.UNSURE, NOT_SURE, 0, d.trackId());
        };
    }

    /** "At door 12s" as the reference shows it, or "Alice - at door 12s" for a visitor the owner named. */
    static String label(Visitor v, Duration atDoor) {
        long seconds = Math.max(0, atDoor.toSeconds());
        return v.name() == null ? "At door " + seconds + "s" : v.name() + " - at door " + seconds + "s";
    }

    /** Ends every track (end of input, shutdown), deciding those still undecided. */
    void endTracks() {
        identity.endTracks();
    }
}
