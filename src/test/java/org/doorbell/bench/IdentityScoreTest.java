package org.doorbell.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.doorbell.face.FaceBox;
import org.doorbell.replay.Replay;
import org.junit.jupiter.api.Test;

/**
 * The stills benchmark's scoring, on results written by hand: a visit's own face is the one
 * nearest the photo's centre, and the visitors on own faces leave out those that only faces in
 * the photos' backgrounds were given.
 */
class IdentityScoreTest {
    private static final int SIDE = 250;
    /** The labelled person, in the middle of the photo. */
    private static final FaceBox MIDDLE = new FaceBox(70, 180, 180, 70);
    /** Someone in the photo's background. */
    private static final FaceBox CORNER = new FaceBox(0, 60, 50, 0);

    private final List<VisitorStream.Visit> visits = new ArrayList<>();
    private final List<Replay.Result> results = new ArrayList<>();
    private int line;

    @Test
    void aPersonWhosePhotosOfOneVisitGaveTwoVisitorsIsListedAndCountsTwiceOnOwnFaces() {
        visit("Alice", photo(face(MIDDLE, 1, true), face(CORNER, 2, true)), photo(face(MIDDLE, 3, true)));
        visit("Bob", photo(face(MIDDLE, 4, true)), photo(face(MIDDLE, 4, false)));
        visit("Alice", photo(face(MIDDLE, 1, false)), photo(face(MIDDLE, 1, false)));

        IdentityScore score = IdentityScore.of(new VisitorStream("test", visits), results, 4, 1);

        assertEquals(4, score.visitors());
        // Alice's 1 and 3 and Bob's 4; the background face's 2 is not a visit's own
        assertEquals(3, score.ownVisitors());
        assertEquals(0, score.falseAccepts());
        assertEquals(1, score.returnsRecognised());
        assertEquals(List.of("Alice under 2 visitor ids: [1, 3]"), score.mistakes());
    }

    private Replay.FaceResult face(FaceBox box, long visitor, boolean isNew) {
        return new Replay.FaceResult(box, visitor, isNew, isNew ? "New visitor!" : "Visitor #" + visitor);
    }

    private Replay.Result photo(Replay.FaceResult... faces) {
        Replay.Entry entry = new Replay.Entry(++line, Instant.EPOCH.plusSeconds(line), Path.of("p" + line + ".jpg"));
        return new Replay.Result(entry, SIDE, SIDE, List.of(faces), null);
    }

    private void visit(String person, Replay.Result... photos) {
        List<Replay.Entry> entries = new ArrayList<>();
        for (Replay.Result r : photos) {
            entries.add(r.entry());
            results.add(r);
        }
        visits.add(new VisitorStream.Visit(person, entries));
    }
}
