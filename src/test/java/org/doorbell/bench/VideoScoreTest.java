package org.doorbell.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.doorbell.face.FaceBox;
import org.doorbell.identity.TrackOutcome;
import org.doorbell.recognition.RecognizedFace;
import org.doorbell.replay.Replay;
import org.junit.jupiter.api.Test;

/**
 * The video benchmark's scoring, on labels written by hand: what counts as a false accept, a
 * recognised return, an id shown on two people, and when a face was first named.
 */
class VideoScoreTest {
    private static final DoorstepVideo.Shape SHAPE = DoorstepVideo.Shape.DEFAULT;
    /** A box in the middle of the frame, the visit's own face. */
    private static final FaceBox MIDDLE = new FaceBox(160, 400, 330, 240);
    /** A box in a corner, someone in the background of the photo. */
    private static final FaceBox CORNER = new FaceBox(0, 60, 50, 0);

    private final List<FreeRun.FrameResult> frames = new ArrayList<>();
    private final List<DoorstepVideo.VisitFrames> visits = new ArrayList<>();
    private final Map<Long, TrackOutcome> outcomes = new HashMap<>();

    @Test
    void aVisitorRegisteredByAnotherTrackOfTheSameFaceIsTheVisitsOwnNotAFalseAccept() {
        // Alice's face is lost after three frames and found again as a second track, which registers
        // her visitor; the first track is then named as that visitor
        visit("Alice", face(11, 5, RecognizedFace.Kind.UNSURE), face(11, 5, RecognizedFace.Kind.UNSURE),
                face(11, 5, RecognizedFace.Kind.UNSURE), face(12, 5, RecognizedFace.Kind.NEW_VISITOR),
                face(12, 5, RecognizedFace.Kind.KNOWN_VISITOR));
        outcomes.put(11L, new TrackOutcome(11, 5, false));
        outcomes.put(12L, new TrackOutcome(12, 5, true));

        VideoScore score = score(1);

        assertEquals(0, score.identity().falseAccepts(), score.identity().mistakes().toString());
        assertEquals(1, score.identity().ownVisitors());
        assertEquals(0, score.idsOnTwoPeople());
        assertEquals(3.0 / 5, score.unsureFrames() / (double) score.faceFrames(), 1e-9);
        assertEquals(3 / SHAPE.fps(), score.newLabelS()[0], 1e-9);
    }

    @Test
    void framesOfAVisitInWhichItsFaceWasNotFoundCountAgainstTheFoundShare() {
        visit("Alice", face(1, 5, RecognizedFace.Kind.UNSURE), List.of(), face(1, 5, RecognizedFace.Kind.NEW_VISITOR),
                face(1, 5, RecognizedFace.Kind.KNOWN_VISITOR));
        outcomes.put(1L, new TrackOutcome(1, 5, true));

        VideoScore score = score(1);

        assertEquals(4, score.visitFrames());
        assertEquals(3, score.faceFrames());
        assertEquals(0.75, score.foundShare(), 1e-9);
        assertEquals(2 / SHAPE.fps(), score.newLabelS()[0], 1e-9);
    }

    @Test
    void aFaceBesideTheVisitsOwnIsNotTheirsInTheFramesWhereTheirsWasNotFound() {
        // someone in the photo's background, 80 px right of where the face was drawn, is the only face
        // found in the second frame: their visitor is not the visit's
        FaceBox beside = new FaceBox(200, 470, 342, 328);
        visit("Alice", List.of(seen(MIDDLE, RecognizedFace.Kind.NEW_VISITOR, 5, 1),
                        seen(beside, RecognizedFace.Kind.NEW_VISITOR, 6, 2)),
                List.of(seen(beside, RecognizedFace.Kind.NEW_VISITOR, 6, 2)));
        outcomes.put(1L, new TrackOutcome(1, 5, true));
        outcomes.put(2L, new TrackOutcome(2, 6, true));

        VideoScore score = score(2);

        assertEquals(1, score.identity().ownVisitors());
        assertEquals(1, score.faceFrames());
        assertEquals(List.of(), score.identity().mistakes());
    }

    @Test
    void aFirstVisitGivenSomeoneElsesVisitorIsAFalseAcceptAndTheirIdIsShownOnTwoPeople() {
        visit("Alice", face(1, 5, RecognizedFace.Kind.NEW_VISITOR), face(1, 5, RecognizedFace.Kind.KNOWN_VISITOR));
        outcomes.put(1L, new TrackOutcome(1, 5, true));
        visit("Bob", face(2, 5, RecognizedFace.Kind.KNOWN_VISITOR), face(2, 5, RecognizedFace.Kind.KNOWN_VISITOR));
        outcomes.put(2L, new TrackOutcome(2, 5, false));

        VideoScore score = score(1);

        assertEquals(1, score.identity().falseAccepts());
        assertEquals(1, score.idsOnTwoPeople());
        assertTrue(score.identity().mistakes().stream().anyMatch(m -> m.startsWith("false accept: first visit of Bob")),
                score.identity().mistakes().toString());
    }

    @Test
    void aReturnNamedInItsFirstFrameIsRecognisedAtOnceAndBackgroundFacesAreNotTheVisits() {
        visit("Alice", face(1, 5, RecognizedFace.Kind.UNSURE), face(1, 5, RecognizedFace.Kind.NEW_VISITOR));
        outcomes.put(1L, new TrackOutcome(1, 5, true));
        visit("Alice", List.of(seen(MIDDLE, RecognizedFace.Kind.KNOWN_VISITOR, 5, 2),
                seen(CORNER, RecognizedFace.Kind.NEW_VISITOR, 6, 3)),
                List.of(seen(MIDDLE, RecognizedFace.Kind.KNOWN_VISITOR, 5, 2)));
        outcomes.put(2L, new TrackOutcome(2, 5, false));
        outcomes.put(3L, new TrackOutcome(3, 6, true));

        VideoScore score = score(2);

        assertEquals(1, score.identity().returnVisits());
        assertEquals(1, score.identity().returnsRecognised());
        assertEquals(0, score.identity().falseAccepts());
        assertEquals(1, score.identity().ownVisitors());
        assertEquals(0.0, score.returningLabelS()[0]);
        assertEquals(1 / SHAPE.fps(), score.newLabelS()[0], 1e-9);
    }

    @Test
    void aVisitSplitIntoTwoVisitorsAtACutBetweenItsPhotosIsListedAsOnePersonUnderTwoIds() {
        // Alice's second photo is too far from her first to continue its track: a second track registers
        visit("Alice", face(1, 5, RecognizedFace.Kind.NEW_VISITOR), face(2, 6, RecognizedFace.Kind.NEW_VISITOR));
        outcomes.put(1L, new TrackOutcome(1, 5, true));
        outcomes.put(2L, new TrackOutcome(2, 6, true));

        VideoScore score = score(2);

        assertEquals(2, score.identity().ownVisitors());
        assertEquals(0, score.identity().falseAccepts());
        assertEquals(List.of("Alice under 2 visitor ids: [5, 6]"), score.identity().mistakes());
    }

    /** A face at {@code box} labelled {@code kind}, of {@code visitor}'s track {@code track}. */
    private static RecognizedFace seen(FaceBox box, RecognizedFace.Kind kind, long visitor, long track) {
        return new RecognizedFace(box, kind, "", visitor, track);
    }

    private static List<RecognizedFace> face(long track, long visitor, RecognizedFace.Kind kind) {
        return List.of(new RecognizedFace(MIDDLE, kind, "", kind == RecognizedFace.Kind.UNSURE ? 0 : visitor, track));
    }

    @SafeVarargs
    private void visit(String person, List<RecognizedFace>... faces) {
        int first = frames.size();
        for (List<RecognizedFace> f : faces) {
            frames.add(new FreeRun.FrameResult(frames.size(), f, List.of(), 0));
        }
        Replay.Entry photo = new Replay.Entry(visits.size() + 1, Instant.EPOCH, Path.of(person + ".jpg"));
        visits.add(new DoorstepVideo.VisitFrames(new VisitorStream.Visit(person, List.of(photo)), first, faces.length));
    }

    private VideoScore score(int visitors) {
        return VideoScore.of(visits, SHAPE, new FreeRun.Result(frames, visitors, 1, 1, 1), outcomes, visitors);
    }
}
