package org.doorbell.identity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.doorbell.face.Face;
import org.doorbell.face.FaceEncoding;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.image.ImageFiles;
import org.doorbell.testing.TestFaces;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.FaceSample;
import org.doorbell.visitors.Visitor;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

/**
 * The search that decisions use reads only what can matter (visitors within the decision radius):
 * on random galleries with look-alikes, named visitors and owner's links, and on real faces, it
 * gives exactly the decisions of the search of every visitor (the index's own, and on some probes
 * the rule written plainly in doubles).
 */
class GalleryIndexRadiusTest {
    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void decidesAsTheSearchOfEveryVisitorOnRandomGalleries() {
        Random random = new Random(2026);
        List<Visitor> visitors = new ArrayList<>(TestVisitors.galleryVisitors(2000, 5, 16));
        // look-alikes at every distance around the thresholds, a third of them named, some split apart
        for (int i = 0; i < 300; i++) {
            Visitor v = visitors.get(i);
            FaceEncoding near = blend(v.encoding(), TestVisitors.randomFace(random), random.nextDouble() * 0.5);
            Visitor twin = new Visitor(5000 + i, i % 3 == 0 ? "Twin " + i : null,
                    List.of(new FaceSample(near, 1, T)), new byte[] {1}, 1, T, T, T, 1, 1);
            visitors.add(i % 7 == 0 ? twin.withNotSame(Set.of(v.id())) : twin);
        }
        GalleryIndex index = new GalleryIndex(visitors);
        int accepted = 0;
        for (int p = 0; p < 3000; p++) {
            int views = 1 + random.nextInt(3);
            FaceEncoding base = visitors.get(random.nextInt(visitors.size())).encoding();
            if (p % 3 == 0) {
                base = blend(base, TestVisitors.randomFace(random), random.nextDouble() * 0.6);
            }
            List<FaceEncoding> faces = new ArrayList<>();
            for (int v = 0; v < views; v++) {
                faces.add(TestVisitors.sameFace(base, random));
            }
            double[] mean = NearestSearch.mean(faces);
            GalleryIndex.Nearest all = index.nearest(mean, views, Set.of(), Double.POSITIVE_INFINITY);
            GalleryIndex.Nearest within = index.nearest(mean, views, Set.of());
            GalleryIndexTest.assertSameDecisions(all, within, views, "probe " + p);
            if (p % 10 == 0) {
                // and as the rule written plainly, every visitor's distance in doubles
                GalleryIndexTest.assertDecidesAsPlain(GalleryIndexTest.plainNearest(visitors, mean, views, Set.of()),
                        within, views, "probe " + p + ", plain search");
            }
            if (within != null && within.distance() < Calibration.threshold(views, within.views())
                    && within.distance() < Calibration.RATIO * within.secondDistance()) {
                accepted++;
            }
        }
        assertTrue(accepted > 300 && accepted < 2700, "a mix of accepted and refused probes: " + accepted);
    }

    @Test
    void decidesAsTheSearchOfEveryVisitorOnRealFaces() throws Exception {
        // two small photos of each person in ../shared/faces
        Map<String, List<Path>> people = TestFaces.people();
        List<List<FaceEncoding>> faces = new ArrayList<>();
        try (FaceEngine engine = DlibFaceEngine.open(TestFaces.settings())) {
            for (List<Path> photos : people.values()) {
                List<Path> small = new ArrayList<>(photos);
                small.sort(Comparator.comparingLong(GalleryIndexRadiusTest::size));
                List<FaceEncoding> person = new ArrayList<>();
                for (Path photo : small.subList(0, Math.min(3, small.size()))) {
                    if (person.size() == 2) {
                        break;
                    }
                    Mat image = ImageFiles.readBgr(photo);
                    try {
                        List<Face> found = engine.faces(image);
                        if (found.size() == 1) {
                            person.add(found.get(0).encoding());
                        }
                    } finally {
                        image.release();
                    }
                }
                if (!person.isEmpty()) {
                    faces.add(person);
                }
            }
        }
        assertTrue(faces.size() >= 10, "real faces of " + faces.size() + " people");
        // each person's first photo is a visitor (every other one named), among strangers made
        // from mixtures of real faces; probes are the second photos and mixtures
        Random random = new Random(7);
        List<Visitor> visitors = new ArrayList<>();
        long id = 1;
        for (List<FaceEncoding> person : faces) {
            visitors.add(new Visitor(id, id % 2 == 0 ? "Person " + id : null,
                    List.of(new FaceSample(person.get(0), 1, T)), new byte[] {1}, 1, T, T, T, 1, 1));
            id++;
        }
        for (int i = 0; i < 500; i++) {
            FaceEncoding a = faces.get(random.nextInt(faces.size())).get(0);
            FaceEncoding b = faces.get(random.nextInt(faces.size())).get(0);
            visitors.add(new Visitor(id++, null, List.of(new FaceSample(blend(a, b, random.nextDouble()), 1, T)),
                    new byte[] {1}, 1, T, T, T, 1, 1));
        }
        GalleryIndex index = new GalleryIndex(visitors);
        int p = 0;
        for (List<FaceEncoding> person : faces) {
            for (FaceEncoding probe : person) {
                for (int views = 1; views <= 2; views++) {
                    double[] mean = NearestSearch.mean(java.util.Collections.nCopies(views, probe));
                    GalleryIndexTest.assertSameDecisions(index.nearest(mean, views, Set.of(), Double.POSITIVE_INFINITY),
                            index.nearest(mean, views, Set.of()), views, "real probe " + p++);
                }
            }
        }
        for (int i = 0; i < 500; i++) {
            List<FaceEncoding> person = faces.get(random.nextInt(faces.size()));
            FaceEncoding a = person.get(person.size() - 1);
            FaceEncoding b = faces.get(random.nextInt(faces.size())).get(0);
            double[] mean = NearestSearch.mean(List.of(blend(a, b, random.nextDouble() * 0.5)));
            GalleryIndexTest.assertSameDecisions(index.nearest(mean, 1, Set.of(), Double.POSITIVE_INFINITY),
                    index.nearest(mean, 1, Set.of()), 1, "mixed probe " + i);
        }
    }

    /** {@code a} moved by {@code t} of the way to {@code b}. */
    private static FaceEncoding blend(FaceEncoding a, FaceEncoding b, double t) {
        double[] x = a.toArray();
        double[] y = b.toArray();
        for (int i = 0; i < x.length; i++) {
            x[i] += (y[i] - x[i]) * t;
        }
        return FaceEncoding.of(x);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
