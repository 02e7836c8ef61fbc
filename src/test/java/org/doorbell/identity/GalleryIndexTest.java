package org.doorbell.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.doorbell.face.FaceEncoding;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.FaceSample;
import org.doorbell.visitors.Visitor;
import org.junit.jupiter.api.Test;

/**
 * The index's search (float vectors, distances abandoned past the fourth best) finds what a plain
 * search over every visitor in doubles finds: the same nearest visitor, the same distances, the
 * same second distance under the "not the same person" rule, with named visitors' samples, owner's
 * links, exclusions, and after replacing and removing visitors. Searched within the decision
 * radius, as decisions search it, it gives the same decisions as the search of every visitor.
 */
class GalleryIndexTest {
    private static final double EPS = 1e-5;

    @Test
    void matchesAPlainSearchOnRandomGalleries() {
        Random random = new Random(42);
        List<Visitor> visitors = new ArrayList<>(TestVisitors.galleryVisitors(600, 7, 16));
        // some look-alikes (another visitor close to an existing one) and some owner's splits
        for (int i = 0; i < 40; i++) {
            Visitor v = visitors.get(i);
            FaceEncoding near = TestVisitors.sameFace(v.encoding(), random);
            visitors.add(new Visitor(1000 + i, i % 2 == 0 ? null : "Twin " + i,
                    List.of(new FaceSample(near, 1, v.firstSeen())), v.thumbnailJpeg(), 1, v.firstSeen(), v.lastSeen(),
                    v.firstSeenThisInteraction(), 1, 1));
        }
        for (int i = 40; i < 50; i++) {
            Visitor v = visitors.get(i);
            visitors.set(i, v.withNotSame(Set.of(1000L + i - 40)));
        }
        GalleryIndex index = new GalleryIndex(visitors);
        check(index, visitors, random, 400);

        // replace some galleries, remove some visitors: the index follows
        for (int i = 100; i < 160; i++) {
            Visitor v = visitors.get(i);
            Visitor changed = v.withSamples(List.of(new FaceSample(TestVisitors.randomFace(random), 1, v.firstSeen())))
                    .withName(i % 2 == 0 ? "Renamed" : null);
            visitors.set(i, changed);
            index.put(changed);
        }
        for (int i = 0; i < 30; i++) {
            Visitor gone = visitors.remove(random.nextInt(visitors.size()));
            index.remove(gone.id());
        }
        assertEquals(visitors.size(), index.size());
        check(index, visitors, random, 400);
    }

    @Test
    void emptyAndAllExcludedFindNobody() {
        assertNull(new GalleryIndex(List.of()).nearest(new double[FaceEncoding.DIMENSIONS], 1, Set.of()));
        List<Visitor> one = TestVisitors.galleryVisitors(1, 3, 16);
        GalleryIndex index = new GalleryIndex(one);
        double[] q = Calibration.unit(one.get(0).encoding());
        assertNull(index.nearest(q, 1, Set.of(one.get(0).id())));
        GalleryIndex.Nearest n = index.nearest(q, 1, Set.of());
        assertNotNull(n);
        assertEquals(Double.POSITIVE_INFINITY, n.secondDistance());
    }

    private static void check(GalleryIndex index, List<Visitor> visitors, Random random, int probes) {
        for (int p = 0; p < probes; p++) {
            int views = 1 + random.nextInt(3);
            FaceEncoding base = p % 2 == 0 ? visitors.get(random.nextInt(visitors.size())).encoding()
                    : TestVisitors.randomFace(random);
            double[] mean = new double[FaceEncoding.DIMENSIONS];
            for (int v = 0; v < views; v++) {
                double[] u = Calibration.unit(TestVisitors.sameFace(base, random));
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += u[i] / views;
                }
            }
            Set<Long> excluded = new HashSet<>();
            if (p % 5 == 0) {
                excluded.add(visitors.get(random.nextInt(visitors.size())).id());
            }
            GalleryIndex.Nearest expected = plainNearest(visitors, mean, views, excluded);
            GalleryIndex.Nearest actual = index.nearest(mean, views, excluded, Double.POSITIVE_INFINITY);
            assertSameDecisions(actual, index.nearest(mean, views, excluded), views, "probe " + p);
            assertEquals(expected.visitorId(), actual.visitorId(), "probe " + p);
            assertEquals(expected.views(), actual.views(), "probe " + p);
            assertEquals(expected.distance(), actual.distance(), EPS, "probe " + p);
            if (Double.isInfinite(expected.secondDistance())) {
                assertEquals(expected.secondDistance(), actual.secondDistance(), "probe " + p);
            } else {
                assertEquals(expected.secondDistance(), actual.secondDistance(), EPS, "probe " + p);
            }
        }
    }

    /**
     * The search within the decision radius decides as the search of every visitor, for a track
     * with its evidence and for one still "not sure yet"; it finds the same nearest visitor
     * whenever that is within the radius.
     */
    static void assertSameDecisions(GalleryIndex.Nearest all, GalleryIndex.Nearest within, int views, String what) {
        assertEquals(decision(all, Calibration.threshold(views, all == null ? 1 : all.views())),
                decision(within, Calibration.threshold(views, within == null ? 1 : within.views())), what);
        assertEquals(decision(all, Calibration.T), decision(within, Calibration.T), what + ", not sure yet");
        if (all != null && all.distance() < GalleryIndex.DECISION_RADIUS) {
            assertNotNull(within, what);
            assertEquals(all.visitorId(), within.visitorId(), what);
            assertEquals(all.distance(), within.distance(), 0.0, what);
        } else {
            assertNull(within, what + ": nobody within the radius");
        }
    }

    /**
     * As {@link #assertSameDecisions}, against the plain search in doubles: distances agree to
     * float rounding.
     */
    static void assertDecidesAsPlain(GalleryIndex.Nearest plain, GalleryIndex.Nearest within, int views, String what) {
        assertEquals(decision(plain, Calibration.threshold(views, plain == null ? 1 : plain.views())),
                decision(within, Calibration.threshold(views, within == null ? 1 : within.views())), what);
        assertEquals(decision(plain, Calibration.T), decision(within, Calibration.T), what + ", not sure yet");
        if (plain != null && plain.distance() < GalleryIndex.DECISION_RADIUS) {
            assertNotNull(within, what);
            assertEquals(plain.visitorId(), within.visitorId(), what);
            assertEquals(plain.distance(), within.distance(), EPS, what);
        } else {
            // nobody within the radius, or the same visitor just inside it in floats while just outside in doubles
            assertTrue(within == null || plain != null && within.visitorId() == plain.visitorId()
                    && Math.abs(within.distance() - plain.distance()) <= EPS,
                    what + ": nobody within the radius, but found " + within + " (plain " + plain + ")");
        }
    }

    /** The visitor a track is given (as GalleryIdentity decides), or -1 for a new visitor. */
    private static long decision(GalleryIndex.Nearest n, double threshold) {
        return n != null && n.distance() < threshold && n.distance() < Calibration.RATIO * n.secondDistance()
                ? n.visitorId() : -1;
    }

    /** The rule written plainly: every visitor's distance in doubles, sorted, the first four considered. */
    static GalleryIndex.Nearest plainNearest(List<Visitor> visitors, double[] mean, int trackViews,
                                                     Set<Long> excluded) {
        record Scored(Visitor v, double[] mean, double squared) {
        }
        List<Scored> scored = new ArrayList<>();
        for (Visitor v : visitors) {
            if (excluded.contains(v.id())) {
                continue;
            }
            double[] m = new double[FaceEncoding.DIMENSIONS];
            for (FaceSample s : v.samples()) {
                double[] u = Calibration.unit(s.encoding());
                for (int i = 0; i < m.length; i++) {
                    m[i] += u[i] / v.samples().size();
                }
            }
            double d = Calibration.distance(m, mean);
            double squared = d * d;
            if (v.name() != null) {
                double best = Double.POSITIVE_INFINITY;
                for (FaceSample s : v.samples()) {
                    best = Math.min(best, Calibration.distance(Calibration.unit(s.encoding()), mean));
                }
                double scaled = best * Calibration.threshold(trackViews, v.samples().size())
                        / Calibration.threshold(trackViews, 1);
                squared = Math.min(squared, scaled * scaled);
            }
            scored.add(new Scored(v, m, squared));
        }
        scored.sort(Comparator.comparingDouble(Scored::squared));
        Scored best = scored.get(0);
        double second = Double.POSITIVE_INFINITY;
        for (int j = 1; j < Math.min(4, scored.size()); j++) {
            Scored other = scored.get(j);
            if (Calibration.distance(best.mean(), other.mean())
                    >= Calibration.threshold(best.v().samples().size(), other.v().samples().size())
                    || best.v().notSame().contains(other.v().id())) {
                second = other.squared();
                break;
            }
        }
        return new GalleryIndex.Nearest(best.v().id(), best.v().samples().size(), Math.sqrt(best.squared()),
                Math.sqrt(second));
    }
}
