package org.doorbell.identity;

import java.util.Collection;
import java.util.Set;
import org.doorbell.visitors.FaceSample;
import org.doorbell.visitors.Visitor;

/**
 * Every visitor's gallery summarised for search: the mean of its views' unit vectors and the number
 * of distinct views, in flat arrays so that a search over thousands of visitors is one tight loop.
 * Not thread-safe (the identity's thread owns it).
 *
 * <p>Sized for 100,000 visitors on a Jetson Nano: the vectors are kept as {@code float} (half the
 * memory and memory traffic of {@code double}; dlib computes its descriptors in {@code float}, so
 * no precision that the encodings had is lost), and each distance is summed in blocks of
 * {@value #BLOCK} components and abandoned as soon as it exceeds the {@value #K}th best so far:
 * for most visitors, who are nowhere near the face, the first block or two decide it.
 */
final class GalleryIndex {
    private static final int D = org.doorbell.face.FaceEncoding.DIMENSIONS;
    /** Candidates kept: the nearest, and the next ones for the "not the same person" rule. */
    private static final int K = 4;
    /** Components summed between two checks of the partial distance against the bound. */
    private static final int BLOCK = 16;

    /** The nearest and second nearest visitors to a mean. */
    record Nearest(long visitorId, int views, double distance, double secondDistance) {
    }

    private long[] ids = new long[64];
    private int[] views = new int[64];
    private float[] means = new float[64 * D];
    /** The unit vectors of each named visitor's samples, one after another, by slot; null for unnamed visitors. */
    private float[][] named = new float[64][];
    private int size;
    private final java.util.HashMap<Long, Integer> slots = new java.util.HashMap<>();
    /** The owner's "not the same person" links, of the visitors that have any. */
    private final java.util.HashMap<Long, Set<Long>> notSame = new java.util.HashMap<>();

    GalleryIndex(Collection<Visitor> visitors) {
        visitors.forEach(this::put);
    }

    /** Adds or replaces a visitor's summary. */
    void put(Visitor v) {
        Integer slot = slots.get(v.id());
        if (slot == null) {
            if (size == ids.length) {
                ids = java.util.Arrays.copyOf(ids, size * 2);
                views = java.util.Arrays.copyOf(views, size * 2);
                means = java.util.Arrays.copyOf(means, size * 2 * D);
                named = java.util.Arrays.copyOf(named, size * 2);
            }
            slot = size++;
            slots.put(v.id(), slot);
            ids[slot] = v.id();
        }
        int base = slot * D;
        double[] mean = new double[D];
        for (FaceSample s : v.samples()) {
            double[] u = Calibration.unit(s.encoding());
            for (int i = 0; i < D; i++) {
                mean[i] += u[i] / v.samples().size();
            }
        }
        for (int i = 0; i < D; i++) {
            means[base + i] = (float) mean[i];
        }
        // galleries hold distinct views only (Views.mergeGallery), so each sample is one view
        views[slot] = v.samples().size();
        if (v.name() != null) {
            float[] units = new float[v.samples().size() * D];
            for (int j = 0; j < v.samples().size(); j++) {
                double[] u = Calibration.unit(v.samples().get(j).encoding());
                for (int i = 0; i < D; i++) {
                    units[j * D + i] = (float) u[i];
                }
            }
            named[slot] = units;
        } else {
            named[slot] = null;
        }
        if (v.notSame().isEmpty()) {
            notSame.remove(v.id());
        } else {
            notSame.put(v.id(), v.notSame());
        }
    }

    /** Removes a visitor (forgotten, or merged into another). */
    void remove(long id) {
        Integer slot = slots.remove(id);
        notSame.remove(id);
        if (slot == null) {
            return;
        }
        int last = --size;
        if (slot != last) {
            ids[slot] = ids[last];
            views[slot] = views[last];
            named[slot] = named[last];
            System.arraycopy(means, last * D, means, slot * D, D);
            slots.put(ids[slot], slot);
        }
        named[last] = null;
    }

    int size() {
        return size;
    }

    /**
     * The nearest visitor to {@code mean}, and the distance of the nearest other visitor that is
     * not itself the same person as the nearest (farther from it than the threshold for their
     * views): when one person was split into two visitors, the second must not veto the first.
     * Visitors the owner said are not the same person always count: a face between the two is
     * not given to either on the strength of their likeness.
     * Leaves out {@code excluded} visitors; null if no visitor is left.
     *
     * <p>A visitor the owner named (or enrolled from photos) is also matched by the nearest of
     * their own samples, held to the threshold for one view: the owner vouches for every one of
     * those faces, and a few deliberately different photos (with and without glasses, say) are
     * poorly summed up by their mean. That distance is scaled to the mean's threshold, so that one
     * figure serves both the threshold and the ratio test.
     *
     * @param trackViews the number of distinct views behind {@code mean}
     */
    Nearest nearest(double[] mean, int trackViews, Set<Long> excluded) {
        float[] q = new float[D];
        for (int i = 0; i < D; i++) {
            q[i] = (float) mean[i];
        }
        int[] slot = new int[K];
        double[] dist = new double[K];
        java.util.Arrays.fill(slot, -1);
        java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
        float[] means = this.means;
        for (int s = 0; s < size; s++) {
            double bound = dist[K - 1];
            double sum = squared(means, s * D, q, bound);
            if (named[s] != null) {
                sum = Math.min(sum, bySample(s, q, trackViews, bound));
            }
            if (sum < bound && !excluded.contains(ids[s])) {
                int at = K - 1;
                while (at > 0 && dist[at - 1] > sum) {
                    dist[at] = dist[at - 1];
                    slot[at] = slot[at - 1];
                    at--;
                }
                dist[at] = sum;
                slot[at] = s;
            }
        }
        if (slot[0] < 0) {
            return null;
        }
        int best = slot[0];
        double second = Double.POSITIVE_INFINITY;
        for (int j = 1; j < K && slot[j] >= 0; j++) {
            if (between(best, slot[j]) >= Calibration.threshold(views[best], views[slot[j]])
                    || notSame.getOrDefault(ids[best], Set.of()).contains(ids[slot[j]])) {
                second = dist[j];
                break;
            }
        }
        return new Nearest(ids[best], views[best], Math.sqrt(dist[0]), Math.sqrt(second));
    }

    /**
     * The squared distance between {@code q} and the vector at {@code base}, or infinity once the
     * partial sum reaches {@code bound} (the vector cannot be among the nearest).
     */
    private static double squared(float[] a, int base, float[] q, double bound) {
        // four independent sums, so that the additions do not wait for one another
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        for (int i = 0; i < D; i += BLOCK) {
            for (int j = i; j < i + BLOCK; j += 4) {
                float d0 = a[base + j] - q[j];
                float d1 = a[base + j + 1] - q[j + 1];
                float d2 = a[base + j + 2] - q[j + 2];
                float d3 = a[base + j + 3] - q[j + 3];
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            if ((s0 + s1) + (s2 + s3) >= bound) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * The squared distance to a named visitor's nearest sample, scaled to the threshold for its
     * mean; infinity when that is not below {@code bound}.
     */
    private double bySample(int slot, float[] q, int trackViews, double bound) {
        double scale = Calibration.threshold(trackViews, views[slot]) / Calibration.threshold(trackViews, 1);
        double factor = scale * scale;
        double sampleBound = bound / factor;
        float[] units = named[slot];
        double best = Double.POSITIVE_INFINITY;
        for (int base = 0; base < units.length; base += D) {
            best = Math.min(best, squared(units, base, q, Math.min(best, sampleBound)));
        }
        return best * factor;
    }

    private double between(int a, int b) {
        double sum = 0;
        for (int i = 0; i < D; i++) {
            double d = (double) means[a * D + i] - means[b * D + i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
