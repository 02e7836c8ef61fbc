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
    private int size;
    private final java.util.HashMap<Long, Integer> slots = new java.util.HashMap<>();

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
            }
            slot = size++;
            slots.put(v.id(), slot);
            ids[slot] = v.id();
        }
        double[] mean = new double[D];
        java.util.List<double[]> units = new java.util.ArrayList<>();
        for (FaceSample s : v.samples()) {
            double[] u = Calibration.unit(s.encoding());
            units.add(u);
            for (int i = 0; i < D; i++) {
                mean[i] += u[i];
            }
        }
        for (int i = 0; i < D; i++) {
            mean[i] /= units.size();
        }
        System.arraycopy(mean, 0, means, slot * D, D);
        views[slot] = distinct(units);
    }

    int size() {
        return size;
    }

    /**
     * The nearest visitor to {@code mean} and the distance of the second nearest (infinite if there
     * is none), leaving out {@code excluded} visitors; null if no visitor is left.
     */
    Nearest nearest(double[] mean, Set<Long> excluded) {
        int best = -1;
        double d1 = Double.POSITIVE_INFINITY;
        double d2 = Double.POSITIVE_INFINITY;
        for (int s = 0; s < size; s++) {
            int base = s * D;
            double sum = 0;
            for (int i = 0; i < D; i++) {
                double d = means[base + i] - mean[i];
                sum += d * d;
            }
            if (sum < d2) {
                if (excluded.contains(ids[s])) {
                    continue;
                }
                if (sum < d1) {
                    d2 = d1;
                    d1 = sum;
                    best = s;
                } else {
                    d2 = sum;
                }
            }
        }
        return best < 0 ? null : new Nearest(ids[best], views[best], Math.sqrt(d1), Math.sqrt(d2));
    }

    private static int distinct(java.util.List<double[]> units) {
        java.util.List<double[]> kept = new java.util.ArrayList<>();
        for (double[] u : units) {
            boolean far = true;
            for (double[] k : kept) {
                if (Calibration.distance(k, u) < Calibration.DISTINCT_VIEW) {
                    far = false;
                    break;
                }
            }
            if (far) {
                kept.add(u);
            }
        }
        return kept.size();
    }
}
