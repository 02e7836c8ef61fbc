package org.doorbell.identity;

import org.doorbell.face.FaceEncoding;

/**
 * The gallery rule's numbers, and the arithmetic on unit-length encodings they apply to.
 *
 * <p>Encodings are compared as directions: each is scaled to unit length (dlib's vectors have
 * lengths around 1.42, varying by about 5% with the view), and a set of views is summarised by the
 * mean of its unit vectors. A view of a person is their true direction plus noise; averaging
 * {@code n} independent views divides that noise's variance by {@code n}. So the distance below
 * which two sets of views are the same person depends on how many independent views each holds:
 * <pre>
 *   threshold(a, b) = sqrt(T^2 + S^2 * (1/a + 1/b))
 * </pre>
 * with {@code S} the spread of single views around a person's mean and {@code T} the threshold for
 * perfectly known means. Measured on 6,961 LFW photos of 3,412 people (unit-length distances): two
 * photos of one person lie 0.30 apart at the median, so {@code S^2 = 0.30^2 / 2}, S = 0.21 for a
 * pair, of which the part that averaging removes was fitted as S = 0.141 with T = 0.264; T is
 * then rounded down to 0.25, a margin towards false accepts, which cost more at a door than a
 * second "new visitor". One photo against one photo is then accepted below 0.320 (0.455 in dlib's
 * units, where 1 in 36,000 pairs of different people and 62% of one person's pairs fall
 * below); two against two below 0.287.
 *
 * <p>The nearest visitor must also be clearly nearer than the second nearest
 * ({@link #RATIO}, Lowe's ratio test): with hundreds of visitors, a stranger's nearest visitor is
 * a chance look-alike, and the second nearest is then about as near.
 *
 * <p>Views closer than {@link #DISTINCT_VIEW} count as one (consecutive video frames of a face
 * that does not move are one view, not thirty).
 */
final class Calibration {
    /** The threshold for perfectly known means (unit-length distance). */
    static final double T = 0.25;
    /** The spread of single views around a person's mean that averaging removes. */
    static final double S = 0.141;
    /**
     * {@link #T} for a decision taken before a track has its evidence ({@link #earlyThreshold}): a
     * tenth below it. An early name is a second chance for a stranger to be taken for someone, on
     * top of the decision that the evidence brings anyway, so its false matches must be few next to
     * that decision's. Near these thresholds the share of different people's pairs closer than a
     * distance grows as about its 19th power (LFW, 24 million pairs, {@code bench pairs}: 1 in
     * 213,000 below 0.40 in dlib's units, 1 in 18,000 below 0.455, 1 in 3,300 below 0.50), so one
     * view named below 0.266 instead of 0.287 is taken for someone else about a quarter as often.
     */
    static final double T_EARLY = 0.9 * T;
    /** The nearest visitor is accepted only if nearer than this fraction of the second nearest. */
    static final double RATIO = 0.8;
    /** Views closer than this are one view. */
    static final double DISTINCT_VIEW = 0.1;
    /**
     * A face this far from a track's mean is someone else (0.42 is dlib's 0.6 at unit length, where
     * 99.5% of one person's photo pairs lie closer).
     */
    static final double SAME_FACE = 0.42;
    /** Most views kept per visitor. */
    static final int GALLERY_SIZE = 12;

    private Calibration() {
    }

    static double threshold(int viewsA, int viewsB) {
        return Math.sqrt(T * T + S * S * (1.0 / Math.max(1, viewsA) + 1.0 / Math.max(1, viewsB)));
    }

    /**
     * The threshold for a track that does not have its evidence yet, which is then final: as
     * {@link #threshold} with the gallery's mean taken as perfectly known, so the gallery's own
     * spread is not allowed for, and with {@link #T_EARLY} for {@link #T} (one view against a
     * gallery: 0.266, where {@link #threshold} gives 0.29-0.32). A returning face that is clearly
     * theirs is named from its first view; a nearer call waits for the evidence.
     */
    static double earlyThreshold(int views) {
        return Math.sqrt(T_EARLY * T_EARLY + S * S / Math.max(1, views));
    }

    static double[] unit(FaceEncoding e) {
        double[] v = e.toArray();
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        double norm = Math.sqrt(sum);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
        return v;
    }

    /** True if {@code u} is at least {@link #DISTINCT_VIEW} from every one of {@code kept}. */
    static boolean distinctFrom(double[] u, java.util.List<double[]> kept) {
        for (double[] k : kept) {
            if (distance(k, u) < DISTINCT_VIEW) {
                return false;
            }
        }
        return true;
    }

    static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
