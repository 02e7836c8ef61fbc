package org.doorbell.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.doorbell.face.FaceEncoding;
import org.doorbell.image.OpenCv;
import org.doorbell.visitors.FaceSample;
import org.doorbell.visitors.Visitor;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Made-up visitors for measuring the store and the search at sizes no test photo set reaches
 * (10,000 and 100,000 visitors): random face encodings spread like different people's, one to
 * three views each, a thumbnail of realistic size (a 150x150 JPEG of about 5 KB, encoded once and
 * varied by a few bytes per visitor so no two share content), and about a third named, as an
 * owner would have named family and friends. Deterministic for a seed.
 */
public final class SyntheticVisitors {
    private static final double COMPONENT_SPREAD = 0.09;
    private static final double VIEW_NOISE = 0.0265;

    private final Random random;
    private final byte[] picture;
    private final Instant now;

    /**
     * @param now the newest sighting time: visitors are last seen in the 90 days before it
     */
    public SyntheticVisitors(long seed, Instant now) {
        this.random = new Random(seed);
        this.picture = picture(seed);
        this.now = now;
    }

    /** The size of each visitor's thumbnail, in bytes. */
    public int pictureBytes() {
        return picture.length;
    }

    /** Visitors with ids {@code from} to {@code from + count - 1}. */
    public List<Visitor> batch(long from, int count) {
        List<Visitor> out = new ArrayList<>(count);
        for (long id = from; id < from + count; id++) {
            out.add(visitor(id));
        }
        return out;
    }

    private Visitor visitor(long id) {
        Instant last = now.minusMillis((long) (random.nextDouble() * Duration.ofDays(90).toMillis()));
        Instant first = last.minusMillis((long) (random.nextDouble() * Duration.ofDays(365).toMillis()));
        FaceEncoding base = randomFace(random);
        List<FaceSample> samples = new ArrayList<>();
        samples.add(new FaceSample(base, 0.5 + random.nextDouble(), first));
        int more = random.nextInt(3);
        for (int i = 0; i < more; i++) {
            samples.add(new FaceSample(sameFace(base, random), random.nextDouble(), first.plusMillis(1 + i)));
        }
        byte[] thumb = picture.clone();
        // vary a few bytes of the entropy-coded data (past the headers), so every picture differs
        for (int i = 0; i < 4; i++) {
            thumb[thumb.length / 2 + random.nextInt(thumb.length / 4)] ^= (byte) (1 + random.nextInt(255));
        }
        String name = id % 3 == 0 ? "Person " + id : null;
        int visits = 1 + random.nextInt(20);
        return new Visitor(id, name, samples, thumb, samples.get(0).quality(), null, 0, first, last, last, visits,
                visits * (1L + random.nextInt(50)), Set.of());
    }

    /** A random encoding of norm about 1: two of them lie about 1.4 apart, like different people. */
    public static FaceEncoding randomFace(Random random) {
        double[] v = new double[FaceEncoding.DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian() * COMPONENT_SPREAD;
        }
        return FaceEncoding.of(v);
    }

    /** Another view of the same person: {@code base} plus noise, about 0.3 away. */
    public static FaceEncoding sameFace(FaceEncoding base, Random random) {
        double[] v = base.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] += random.nextGaussian() * VIEW_NOISE;
        }
        return FaceEncoding.of(v);
    }

    /** A 150x150 JPEG (quality 90) of a grey gradient with mild noise: about the size of a face thumbnail. */
    private static byte[] picture(long seed) {
        OpenCv.load();
        Mat img = new Mat(150, 150, CvType.CV_8UC3);
        Mat noise = new Mat(150, 150, CvType.CV_8UC3);
        MatOfByte jpeg = new MatOfByte();
        try {
            byte[] px = new byte[150 * 150 * 3];
            for (int y = 0; y < 150; y++) {
                for (int x = 0; x < 150; x++) {
                    int i = (y * 150 + x) * 3;
                    px[i] = (byte) (60 + x / 2);
                    px[i + 1] = (byte) (80 + y / 2);
                    px[i + 2] = (byte) (120 + (x + y) / 4);
                }
            }
            img.put(0, 0, px);
            Core.setRNGSeed((int) seed);
            Core.randn(noise, 0, 9);
            Core.add(img, noise, img);
            Core.subtract(img, new Scalar(3, 3, 3), img);
            Imgcodecs.imencode(".jpg", img, jpeg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
            return jpeg.toArray();
        } finally {
            img.release();
            noise.release();
            jpeg.release();
        }
    }
}
