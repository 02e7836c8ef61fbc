package org.doorbell.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.doorbell.visitors.FaceSample;

/**
 * A bounded set of distinct views of one face (a track's, or a visitor's gallery): no two closer
 * than {@link Calibration#DISTINCT_VIEW}, the better of two near-identical views kept, the worst
 * dropped when full. Its mean gives each distinct view one vote, whatever the number of
 * near-identical encodings it stands for: frames of a face that does not move are one piece of
 * evidence, not thirty, so a face held still for a second in a video weighs as much as one photo
 * of it, as the threshold counts it ({@link Calibration#threshold}). Not thread-safe.
 */
final class Views {
    /** A distinct view: its best sample, and the sum of the unit vectors of every encoding it stands for. */
    private static final class View {
        FaceSample sample;
        double[] unit;
        final double[] sum;
        int merged;

        View(FaceSample sample, double[] unit) {
            this.sample = sample;
            this.unit = unit;
            this.sum = unit.clone();
            this.merged = 1;
        }
    }

    private final int capacity;
    private final List<View> views = new ArrayList<>();

    Views(int capacity) {
        this.capacity = capacity;
    }

    /** Adds a view, given as its sample and that sample's unit vector. */
    void add(FaceSample sample, double[] u) {
        add(new View(sample, u));
    }

    /** Adds every view of {@code other} (another track of the same face), as if each had been added here. */
    void absorb(Views other) {
        for (View o : other.views) {
            View copy = new View(o.sample, o.unit);
            System.arraycopy(o.sum, 0, copy.sum, 0, o.sum.length);
            copy.merged = o.merged;
            add(copy);
        }
    }

    /**
     * Adds {@code view}: into the distinct view it is near-identical to (the better sample kept),
     * or as a view of its own, in place of the worst when full and better than it.
     */
    private void add(View view) {
        int nearest = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < views.size(); i++) {
            double d = Calibration.distance(views.get(i).unit, view.unit);
            if (d < best) {
                best = d;
                nearest = i;
            }
        }
        if (nearest >= 0 && best < Calibration.DISTINCT_VIEW) {
            View v = views.get(nearest);
            for (int i = 0; i < view.sum.length; i++) {
                v.sum[i] += view.sum[i];
            }
            v.merged += view.merged;
            if (view.sample.quality() > v.sample.quality()) {
                v.sample = view.sample;
                v.unit = view.unit;
            }
            return;
        }
        if (views.size() < capacity) {
            views.add(view);
            return;
        }
        int worst = 0;
        for (int i = 1; i < views.size(); i++) {
            if (views.get(i).sample.quality() < views.get(worst).sample.quality()) {
                worst = i;
            }
        }
        if (view.sample.quality() > views.get(worst).sample.quality()) {
            views.set(worst, view);
        }
    }

    /** How many distinct views. */
    int count() {
        return views.size();
    }

    /** The mean over the distinct views of each one's mean unit vector. */
    double[] mean() {
        double[] m = new double[org.doorbell.face.FaceEncoding.DIMENSIONS];
        for (View v : views) {
            for (int i = 0; i < m.length; i++) {
                m[i] += v.sum[i] / v.merged;
            }
        }
        for (int i = 0; i < m.length; i++) {
            m[i] /= Math.max(1, views.size());
        }
        return m;
    }

    /** The distinct views, best quality first. */
    List<FaceSample> samples() {
        List<FaceSample> out = new ArrayList<>(views.size());
        views.stream().sorted(Comparator.comparingDouble((View v) -> v.sample.quality()).reversed())
                .forEach(v -> out.add(v.sample));
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
