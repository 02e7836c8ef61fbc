package org.doorbell.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.doorbell.face.FaceEncoding;
import org.doorbell.visitors.FaceSample;
import org.doorbell.visitors.Visitor;

/** Realistic face encodings and visitor lists, and a field-by-field comparison of visitors. */
public final class TestVisitors {
    public static final String MODEL = "dlib_face_recognition_resnet_model_v1";

    private TestVisitors() {
    }

    /** A random encoding of norm about 1; two of them lie about 1.4 apart, like different people. */
    public static FaceEncoding randomFace(Random random) {
        double[] v = new double[FaceEncoding.DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian() * 0.09;
        }
        return FaceEncoding.of(v);
    }

    /** The same person seen again: the base plus noise, about 0.3 away. */
    public static FaceEncoding sameFace(FaceEncoding base, Random random) {
        double[] v = base.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] += random.nextGaussian() * 0.0265;
        }
        return FaceEncoding.of(v);
    }

    /** {@code count} visitors with ids 1..count, random encodings and thumbnails, all fields distinct. */
    public static List<Visitor> visitors(int count, long seed, int thumbnailBytes) {
        Random random = new Random(seed);
        List<Visitor> out = new ArrayList<>(count);
        long base = 1_795_000_000_000L + seed * 1000;
        for (int i = 1; i <= count; i++) {
            byte[] thumbnail = new byte[thumbnailBytes + random.nextInt(64)];
            random.nextBytes(thumbnail);
            Instant first = Instant.ofEpochMilli(base + random.nextInt(1_000_000));
            Instant visit = first.plusMillis(random.nextInt(1_000_000));
            Instant last = visit.plusMillis(random.nextInt(100_000));
            out.add(new Visitor(i, randomFace(random), thumbnail, first, last, visit, 1 + random.nextInt(50),
                    1 + random.nextInt(100_000)));
        }
        return out;
    }

    /**
     * {@code count} visitors with ids 1..count as the registry makes them now: every third without
     * a name, galleries of one to five samples with qualities and times, thumbnail qualities.
     */
    public static List<Visitor> galleryVisitors(int count, long seed, int thumbnailBytes) {
        Random random = new Random(seed ^ 0x5eed);
        List<Visitor> out = new ArrayList<>(count);
        for (Visitor v : visitors(count, seed, thumbnailBytes)) {
            List<FaceSample> gallery = new ArrayList<>();
            gallery.add(new FaceSample(v.encoding(), 0.5 + random.nextDouble(), v.firstSeen()));
            int more = random.nextInt(5);
            for (int i = 0; i < more; i++) {
                gallery.add(new FaceSample(sameFace(v.encoding(), random), random.nextDouble(),
                        v.firstSeen().plusMillis(1 + random.nextInt(1_000_000))));
            }
            String name = v.id() % 3 == 0 ? null : "Visitor " + (char) ('A' + v.id() % 26) + " \u00e9\u00f8 #" + v.id();
            out.add(new Visitor(v.id(), name, gallery, v.thumbnailJpeg(), random.nextDouble() * 2, v.firstSeen(),
                    v.lastSeen(), v.firstSeenThisInteraction(), v.visits(), v.seenFrames()));
        }
        return out;
    }

    /** Visitor records compare thumbnails by reference; this compares every field by value. */
    public static void assertSameVisitors(List<Visitor> expected, List<Visitor> actual) {
        assertEquals(expected.size(), actual.size(), "number of visitors");
        for (int i = 0; i < expected.size(); i++) {
            assertSameVisitor(expected.get(i), actual.get(i));
        }
    }

    public static void assertSameVisitor(Visitor expected, Visitor actual) {
        String who = "visitor " + expected.id();
        assertEquals(expected.id(), actual.id(), who);
        assertEquals(expected.name(), actual.name(), who);
        assertEquals(expected.samples(), actual.samples(), who + " gallery");
        assertEquals(expected.thumbnailQuality(), actual.thumbnailQuality(), who);
        assertArrayEquals(expected.thumbnailJpeg(), actual.thumbnailJpeg(), who);
        assertEquals(expected.firstSeen(), actual.firstSeen(), who);
        assertEquals(expected.lastSeen(), actual.lastSeen(), who);
        assertEquals(expected.firstSeenThisInteraction(), actual.firstSeenThisInteraction(), who);
        assertEquals(expected.visits(), actual.visits(), who);
        assertEquals(expected.seenFrames(), actual.seenFrames(), who);
    }

    /** True if the two lists hold the same visitors, field by field. */
    public static boolean sameVisitors(List<Visitor> a, List<Visitor> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Visitor x = a.get(i);
            Visitor y = b.get(i);
            if (x.id() != y.id() || !x.samples().equals(y.samples()) || !Objects.equals(x.name(), y.name())
                    || Double.compare(x.thumbnailQuality(), y.thumbnailQuality()) != 0
                    || !Arrays.equals(x.thumbnailJpeg(), y.thumbnailJpeg()) || !x.firstSeen().equals(y.firstSeen())
                    || !x.lastSeen().equals(y.lastSeen())
                    || !x.firstSeenThisInteraction().equals(y.firstSeenThisInteraction())
                    || x.visits() != y.visits() || x.seenFrames() != y.seenFrames()) {
                return false;
            }
        }
        return true;
    }
}
