package org.doorbell.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.doorbell.bench.IdentityScore;
import org.doorbell.bench.VisitorStream;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.recognition.RecognitionSettings;
import org.doorbell.testing.Scenes;
import org.doorbell.testing.TestFaces;
import org.doorbell.visitors.VisitorSettings;
import org.doorbell.visitors.VisitorStore;
import org.doorbell.visitors.store.VisitorStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity rules on real faces, replayed through the appliance's own recognition. */
class IdentityOnRealFacesTest {
    private static final Instant START = Instant.parse("2026-11-27T08:00:00Z");
    private static FaceEngine engine;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() {
        engine = DlibFaceEngine.open(TestFaces.settings());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private List<Replay.Result> replay(VisitorSettings.Matching matching, List<Replay.Entry> frames, Path store)
            throws Exception {
        try (VisitorStore s = VisitorStores.open(store, "test-model")) {
            List<Replay.Result> out = new ArrayList<>();
            new Replay(engine, s, VisitorSettings.DEFAULTS.withMatching(matching), RecognitionSettings.DEFAULTS)
                    .run(frames, out::add);
            return out;
        }
    }

    @Test
    void eachSharedPersonsPhotosBecomeOneVisitorAndNoVisitorHoldsTwoPeople() throws Exception {
        // every person's photos as visits of two or three photos 0.2 s apart, visits 10 minutes apart, shuffled
        List<List<Path>> visits = new ArrayList<>();
        Map<List<Path>, String> personOf = new HashMap<>();
        for (Map.Entry<String, List<Path>> p : TestFaces.people().entrySet()) {
            List<Path> photos = p.getValue();
            for (int i = 0; i + 1 < photos.size(); i += 2) {
                List<Path> visit = photos.subList(i, photos.size() - i == 3 ? i + 3 : i + 2);
                visits.add(visit);
                personOf.put(visit, p.getKey());
                if (photos.size() - i == 3) {
                    break;
                }
            }
        }
        Collections.shuffle(visits, new Random(1));
        // each photo as a camera would frame it: the face 150 px tall in the middle of 640x480, so
        // that the photos of one visit follow each other at the door as one tracked face
        List<Replay.Entry> frames = new ArrayList<>();
        List<String> people = new ArrayList<>();
        for (int v = 0; v < visits.size(); v++) {
            Instant t = START.plus(Duration.ofMinutes(10L * v));
            for (Path photo : visits.get(v)) {
                frames.add(new Replay.Entry(frames.size() + 1, t, atTheDoor(photo, frames.size())));
                people.add(personOf.get(visits.get(v)));
                t = t.plusMillis(200);
            }
        }
        List<Replay.Result> results = replay(VisitorSettings.Matching.GALLERY, frames, tmp.resolve("shared.db"));

        Map<String, Set<Long>> visitorsOf = new HashMap<>();
        Map<Long, Set<String>> peopleOf = new HashMap<>();
        int found = 0;
        for (int i = 0; i < results.size(); i++) {
            Replay.FaceResult face = largest(results.get(i));
            if (face == null || face.visitorId() == 0) {
                continue; // a photo whose face needs more upsampling than the appliance's scale gives
            }
            found++;
            visitorsOf.computeIfAbsent(people.get(i), k -> new HashSet<>()).add(face.visitorId());
            peopleOf.computeIfAbsent(face.visitorId(), k -> new HashSet<>()).add(people.get(i));
        }
        assertTrue(found >= frames.size() - 2, found + " of " + frames.size() + " photos recognised");
        assertEquals(TestFaces.people().size(), visitorsOf.size(), "every person seen");
        visitorsOf.forEach((person, ids) -> assertEquals(1, ids.size(), person + " became visitors " + ids));
        peopleOf.forEach((id, who) -> assertEquals(1, who.size(), "visitor " + id + " holds " + who));
    }

    @Test
    void atDoorbellScaleTheGalleryRuleMeetsItsTargetsWhereTheReferenceRuleFails() throws Exception {
        Path lfw = TestFaces.root().resolveSibling("lfw-dev").resolve("lfw-deepfunneled");
        VisitorStream stream = VisitorStream.build(VisitorStream.Shape.DOORBELL, VisitorStream.people(lfw), 2026);
        IdentityScore reference = IdentityScore.of(stream,
                replay(VisitorSettings.Matching.REFERENCE, stream.frames(), tmp.resolve("reference.db")), 0, 0);
        IdentityScore gallery = IdentityScore.of(stream,
                replay(VisitorSettings.Matching.GALLERY, stream.frames(), tmp.resolve("gallery.db")), 0, 0);
        assertEquals(120, reference.people());
        // the reference rule greets a third or more of new people as someone it knows
        assertTrue(reference.falseAcceptRate() >= 0.3, "reference false accepts " + reference.falseAcceptRate());
        assertTrue(reference.mergedVisitors() >= 20, "reference merged visitors " + reference.mergedVisitors());
        // the gallery rule: the targets
        assertTrue(gallery.falseAcceptRate() <= 0.01, "gallery false accepts " + gallery.mistakes());
        assertTrue(gallery.returningRecognised() >= 0.90, "gallery returning recognised " + gallery.mistakes());
        assertTrue(gallery.noVisitorRate() <= 0.02, "gallery visits without a visitor " + gallery.mistakes());
        assertTrue(gallery.mergedVisitors() <= 1, "gallery merged visitors " + gallery.mistakes());
    }

    private Path atTheDoor(Path photo, int n) throws Exception {
        org.opencv.core.Mat frame = Scenes.withFace(engine, photo, 150, 640, 480);
        try {
            Path out = tmp.resolve("frame" + n + ".png");
            assertTrue(org.opencv.imgcodecs.Imgcodecs.imwrite(out.toString(), frame));
            return out;
        } finally {
            frame.release();
        }
    }

    private static Replay.FaceResult largest(Replay.Result r) {
        Replay.FaceResult best = null;
        for (Replay.FaceResult f : r.faces()) {
            if (best == null || f.box().height() > best.box().height()) {
                best = f;
            }
        }
        return best;
    }
}
