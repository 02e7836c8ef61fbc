package org.doorbell.identity;

import java.util.Collection;
import java.util.Set;
import org.doorbell.visitors.FaceSample;
import org.doorbell.visitors.Visitor;

/**
 * Every visitor's gallery summarised for search: the mean of its views' unit vectors and the number
 * of distinct views, in flat arrays so that a search over thousands of visitors is one tight loop.
 * Not thread-safe (the identity's thread owns it).
 */
final class GalleryIndex {
    private static final int D = org.doorbell.face.FaceEncoding.DIMENSIONS;

    /** The nearest and second nearest visitors to a mean. */
    record Nearest(long visitorId, int views, double distance, double secondDistance) {
    }

    private long[] ids = new long[64];
    private int[] views = new int[64];
    private double[] means = new double[64 * D];
    /** The unit vectors of each named visitor's samples, by slot; null for unnamed visitors. */
    private double[][][] named = new double[64][][];
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
        java.util.Arrays.fill(means, base, base + D, 0);
        for (FaceSample s : v.samples()) {
            double[] u = Calibration.unit(s.encoding());
            for (int i = 0; i < D; i++) {
                means[base + i] += u[i] / v.samples().size();
            }
        }
        // galleries hold distinct views only (Views.mergeGallery), so each sample is one view
        views[slot] = v.samples().size();
        if (v.name() != null) {
            double[][] units = new double[v.samples().size()][];
            for (int j = 0; j < units.length; j++) {
                units[j] = Calibration.unit(v.samples().get(j).encoding());
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
        final int k = 4;
        int[] slot = new int[k];
        double[] dist = new double[k];
        java.util.Arrays.fill(slot, -1);
        java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
        for (int s = 0; s < size; s++) {
            int base = s * D;
            double sum = 0;
            for (int i = 0; i < D; i++) {
                double d = means[base + i] - mean[i];
                sum += d * d;
            }
            if (named[s] != null) {
                sum = Math.min(sum, bySample(s, mean, trackViews));
            }
            if (sum < dist[k - 1] && !excluded.contains(ids[s])) {
                int at = k - 1;
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
        for (int j = 1; j < k && slot[j] >= 0; j++) {
            if (between(best, slot[j]) >= Calibration.threshold(views[best], views[slot[j]])
                    || notSame.getOrDefault(ids[best], Set.of()).contains(ids[slot[j]])) {
                second = dist[j];
                break;
            }
        }
        return new Nearest(ids[best], views[best], Math.sqrt(dist[0]), Math.sqrt(second));
    }

    /** The squared distance to a named visitor's nearest sample, scaled to the threshold for its mean. */
    private double bySample(int slot, double[] mean, int trackViews) {
        double best = Double.POSITIVE_INFINITY;
        for (double[] u : named[slot]) {
            best = Math.min(best, Calibration.distance(u, mean));
        }
        double scaled = best * Calibration.threshold(trackViews, views[slot]) / Calibration.threshold(trackViews, 1);
        return scaled * scaled;
    }

    private double between(int a, int b) {
        double sum = 0;
        for (int i = 0; i < D; i++) {
            double d = means[a * D + i] - means[b * D + i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
