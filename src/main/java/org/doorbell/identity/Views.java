package org.doorbell.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.doorbell.visitors.FaceSample;

/**
 * A bounded set of distinct views of one face (a track's, or a visitor's gallery): no two closer
 * than {@link Calibration#DISTINCT_VIEW}, the better of two near-identical views kept, the worst
 * dropped when full. Keeps the mean of the unit vectors of every view ever added, so the mean
 * uses all the evidence while the set stays small. Not thread-safe.
 */
final class Views {
    private record View(FaceSample sample, double[] unit) {
    }

    private final int capacity;
    private final List<View> views = new ArrayList<>();
    private final double[] sum = new double[org.doorbell.face.FaceEncoding.DIMENSIONS];
    private int added;

    Views(int capacity) {
        this.capacity = capacity;
    }

    /** Adds a view, given as its sample and that sample's unit vector. */
    void add(FaceSample sample, double[] u) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += u[i];
        }
        added++;
        int nearest = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < views.size(); i++) {
            double d = Calibration.distance(views.get(i).unit(), u);
            if (d < best) {
                best = d;
                nearest = i;
            }
        }
        if (nearest >= 0 && best < Calibration.DISTINCT_VIEW) {
            if (sample.quality() > views.get(nearest).sample().quality()) {
                views.set(nearest, new View(sample, u));
            }
            return;
        }
        if (views.size() < capacity) {
            views.add(new View(sample, u));
            return;
        }
        int worst = 0;
        for (int i = 1; i < views.size(); i++) {
            if (views.get(i).sample().quality() < views.get(worst).sample().quality()) {
                worst = i;
            }
        }
        if (sample.quality() > views.get(worst).sample().quality()) {
            views.set(worst, new View(sample, u));
        }
    }

    /** How many distinct views. */
    int count() {
        return views.size();
    }

    /** The mean of the unit vectors of every view added. */
    double[] mean() {
        double[] m = sum.clone();
        for (int i = 0; i < m.length; i++) {
            m[i] /= Math.max(1, added);
        }
        return m;
    }

    /** The distinct views, best quality first. */
    List<FaceSample> samples() {
        List<FaceSample> out = new ArrayList<>(views.size());
        views.stream().sorted(Comparator.comparingDouble((View v) -> v.sample().quality()).reversed())
                .forEach(v -> out.add(v.sample()));
        return out;
    }

    /**
     * A visitor's gallery after adding new views: the registration sample stays first, then the
     * best of the new views (so that every visit keeps a view of its own, which a split of the
     * latest visit needs), then the distinct views best quality first, at most
     * {@link Calibration#GALLERY_SIZE} in all.
     *
     * @param incoming the new views, best first
     */
    static List<FaceSample> mergeGallery(List<FaceSample> gallery, List<FaceSample> incoming) {
        List<FaceSample> candidates = new ArrayList<>(gallery.subList(1, gallery.size()));
        candidates.addAll(incoming);
        candidates.sort(Comparator.comparingDouble(FaceSample::quality).reversed());
        List<FaceSample> kept = new ArrayList<>();
        kept.add(gallery.get(0));
        List<double[]> units = new ArrayList<>();
        units.add(Calibration.unit(gallery.get(0).encoding()));
        if (!incoming.isEmpty()) {
            FaceSample newest = incoming.get(0);
            double[] u = Calibration.unit(newest.encoding());
            if (Calibration.distinctFrom(u, units) && Calibration.GALLERY_SIZE > 1) {
                kept.add(newest);
                units.add(u);
                candidates.remove(newest);
            }
        }
        for (FaceSample c : candidates) {
            if (kept.size() >= Calibration.GALLERY_SIZE) {
                break;
            }
            double[] u = Calibration.unit(c.encoding());
            if (Calibration.distinctFrom(u, units)) {
                kept.add(c);
                units.add(u);
            }
        }
        return kept;
    }
}
