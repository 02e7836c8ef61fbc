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
 *
 * <p>A search reads little of most visitors: the first {@value #FIRST_PASS} components of every
 * mean are also kept component by component ({@link LeadingComponents}, summed with SIMD
 * instructions), and a visitor is read further only while its partial distance is below both the
 * fourth best so far and {@link #DECISION_RADIUS}. No
 * visitor farther than that radius can change a decision: the nearest is accepted only within
 * the threshold ({@link Calibration#threshold} for one view on each side at most), and the second
 * nearest only matters while nearer than the nearest divided by {@link Calibration#RATIO}. So a
 * search gives the same nearest visitor, distance and decision as a scan of every visitor; a
 * second distance beyond the radius may come back as infinity. Named visitors' samples are kept
 * the same way, as points of their own. A search allocates nothing but its result.
 */
final class GalleryIndex {
    private static final int D = org.doorbell.face.FaceEncoding.DIMENSIONS;
    /** Candidates kept: the nearest, and the next ones for the "not the same person" rule. */
    private static final int K = 4;
    /** Components summed between two checks of the partial distance against the bound. */
    private static final int BLOCK = 16;
    /**
     * Leading components of the first pass. Among 100,000 random faces (of {@code bench store}),
     * 24 leave about 630 visitors and 900 named visitors' samples to be read further, each mostly
     * a cache miss; 32 leave about 8 and 17, for a third more of the cheap pass: a search 10%
     * faster at the median, and its 99th percentile halved.
     */
    static final int FIRST_PASS = 32;
    /**
     * Beyond this distance (of means, or a named visitor's scaled sample distance) a visitor
     * changes no decision: the largest threshold over the ratio; a hair wider for float rounding.
     */
    static final double DECISION_RADIUS = Calibration.threshold(1, 1) / Calibration.RATIO * (1 + 1e-6);
    /**
     * A first-pass partial distance times this must reach the bound to rule a vector out: float
     * sums of a few dozen terms in another order differ by far less than this.
     */
    private static final float SLACK = 1 - 1e-4f;

    /** The nearest and second nearest visitors to a mean. */
    record Nearest(long visitorId, int views, double distance, double secondDistance) {
    }

    private long[] ids = new long[64];
    private int[] views = new int[64];
    /** Each mean, {@value #D} components by slot. */
    private float[] means = new float[64 * D];
    /** Their leading components, component by component: the first pass of a search. */
    private final LeadingComponents leading = new LeadingComponents(FIRST_PASS);
    private int size;
    private final java.util.HashMap<Long, Integer> slots = new java.util.HashMap<>();
    /** The owner's "not the same person" links, of the visitors that have any. */
    private final java.util.HashMap<Long, Set<Long>> notSame = new java.util.HashMap<>();
    /** Named visitors' sample unit vectors, each a point of its owner. */
    private final SamplePoints points = new SamplePoints();
    /** A search's working memory, kept so that a search allocates almost nothing. */
    private final float[] query = new float[D];
    private final float[] partial = new float[LeadingComponents.LANES];
    private final Best best = new Best();
    private double[] factors = new double[0];
    private int factorsTrackViews = -1;

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
        for (FaceSample s : v.samples()) {
            double[] u = Calibration.unit(s.encoding());
            for (int i = 0; i < D; i++) {
                mean[i] += u[i] / v.samples().size();
            }
        }
        for (int i = 0; i < D; i++) {
            means[slot * D + i] = (float) mean[i];
        }
        leading.set(slot, mean);
        // galleries hold distinct views only (Views.mergeGallery), so each sample is one view
        views[slot] = v.samples().size();
        points.removeOwner(slot);
        // one sample is its own mean (and its scale is 1): a point of its own would add nothing
        if (v.name() != null && v.samples().size() > 1) {
            for (FaceSample s : v.samples()) {
                points.add(slot, Calibration.unit(s.encoding()));
            }
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
        points.removeOwner(slot);
        int last = --size;
        if (slot != last) {
            ids[slot] = ids[last];
            views[slot] = views[last];
            System.arraycopy(means, last * D, means, slot * D, D);
            leading.copy(last, slot);
            points.moveOwner(last, slot);
            slots.put(ids[slot], slot);
        }
    }

    int size() {
        return size;
    }

    /** As {@link #nearest(double[], int, Set, double)} within {@link #DECISION_RADIUS}: what decisions use. */
    Nearest nearest(double[] mean, int trackViews, Set<Long> excluded) {
        return nearest(mean, trackViews, excluded, DECISION_RADIUS);
    }

    /**
     * The nearest visitor to {@code mean}, and the distance of the nearest other visitor that is
     * not itself the same person as the nearest (farther from it than the threshold for their
     * views): when one person was split into two visitors, the second must not veto the first.
     * Visitors the owner said are not the same person always count: a face between the two is
     * not given to either on the strength of their likeness.
     * Leaves out {@code excluded} visitors; null if no visitor is left within {@code radius}.
     *
     * <p>A visitor the owner named (or enrolled from photos) is also matched by the nearest of
     * their own samples, held to the threshold for one view: the owner vouches for every one of
     * those faces, and a few deliberately different photos (with and without glasses, say) are
     * poorly summed up by their mean. That distance is scaled to the mean's threshold, so that one
     * figure serves both the threshold and the ratio test.
     *
     * <p>Only visitors within {@code radius} are considered (as if the others were not there);
     * infinity considers every visitor.
     *
     * @param trackViews the number of distinct views behind {@code mean}
     */
    Nearest nearest(double[] mean, int trackViews, Set<Long> excluded, double radius) {
        float[] q = query;
        for (int i = 0; i < D; i++) {
            q[i] = (float) mean[i];
        }
        Best best = this.best;
        best.reset(radius * radius);
        float[] partial = this.partial;
        for (int block = 0; block * LeadingComponents.LANES < size; block++) {
            int first = block * LeadingComponents.LANES;
            int n = Math.min(LeadingComponents.LANES, size - first);
            leading.partials(q, block, partial);
            double bound = best.bound();
            for (int i = 0; i < n; i++) {
                // summed in another order than squared(): only a clear excess rules a visitor out
                if (partial[i] * SLACK >= bound) {
                    continue;
                }
                int s = first + i;
                double sum = squared(means, s * D, q, bound);
                if (sum < bound && !isExcluded(excluded, ids[s])) {
                    best.offer(s, sum);
                    bound = best.bound();
                }
            }
        }
        if (points.size() > 0) {
            searchPoints(q, trackViews, excluded, best);
        }
        if (best.slot[0] < 0) {
            return null;
        }
        int first = best.slot[0];
        double second = Double.POSITIVE_INFINITY;
        for (int j = 1; j < K && best.slot[j] >= 0; j++) {
            if (between(first, best.slot[j]) >= Calibration.threshold(views[first], views[best.slot[j]])
                    || notSame.getOrDefault(ids[first], Set.of()).contains(ids[best.slot[j]])) {
                second = best.dist[j];
                break;
            }
        }
        return new Nearest(ids[first], views[first], Math.sqrt(best.dist[0]), Math.sqrt(second));
    }

    /** Offers named visitors' samples, each scaled to its owner's threshold, to {@code best}. */
    private void searchPoints(float[] q, int trackViews, Set<Long> excluded, Best best) {
        float[] partial = this.partial;
        double[] factors = factors(trackViews);
        for (int block = 0; block * LeadingComponents.LANES < points.size(); block++) {
            int first = block * LeadingComponents.LANES;
            int n = Math.min(LeadingComponents.LANES, points.size() - first);
            points.leading().partials(q, block, partial);
            for (int i = 0; i < n; i++) {
                int p = first + i;
                int owner = points.owner(p);
                if (owner < 0) {
                    continue;
                }
                int ownerViews = views[owner];
                if (ownerViews >= factors.length) {
                    factors = factors(trackViews, ownerViews + 1);
                }
                double factor = factors[ownerViews];
                double bound = best.bound() / factor;
                if (partial[i] * SLACK >= bound) {
                    continue;
                }
                double sum = squared(points.vectors(), p * D, q, bound);
                if (sum * factor < best.bound() && !isExcluded(excluded, ids[owner])) {
                    best.offer(owner, sum * factor);
                }
            }
        }
    }

    private static boolean isExcluded(Set<Long> excluded, long id) {
        return !excluded.isEmpty() && excluded.contains(id);
    }

    /** {@link #scaleFactors} for {@code trackViews}, kept from one search to the next. */
    private double[] factors(int trackViews) {
        return factors(trackViews, Calibration.GALLERY_SIZE + 1);
    }

    private double[] factors(int trackViews, int n) {
        if (factorsTrackViews != trackViews || factors.length < n) {
            factors = scaleFactors(trackViews, Math.max(n, factors.length));
            factorsTrackViews = trackViews;
        }
        return factors;
    }

    /**
     * For each number of gallery views up to {@code n - 1}: the square of a named visitor's scale
     * from one view's threshold to the threshold of their mean.
     */
    private static double[] scaleFactors(int trackViews, int n) {
        double[] f = new double[n];
        for (int v = 1; v < n; v++) {
            double scale = Calibration.threshold(trackViews, v) / Calibration.threshold(trackViews, 1);
            f[v] = scale * scale;
        }
        f[0] = f.length > 1 ? f[1] : 1;
        return f;
    }

    /** The {@value #K} nearest visitors so far (one entry per visitor, its least distance), nearest first. */
    private static final class Best {
        final int[] slot = new int[K];
        final double[] dist = new double[K];
        private double limit;

        /** Empty, admitting squared distances below {@code limit}. */
        void reset(double limit) {
            this.limit = limit;
            java.util.Arrays.fill(slot, -1);
            java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
        }

        /** Squared distances from here on cannot enter. */
        double bound() {
            return Math.min(dist[K - 1], limit);
        }

        void offer(int s, double d) {
            for (int j = 0; j < K; j++) {
                if (slot[j] == s) {
                    if (d >= dist[j]) {
                        return;
                    }
                    for (int k = j; k < K - 1; k++) {
                        slot[k] = slot[k + 1];
                        dist[k] = dist[k + 1];
                    }
                    slot[K - 1] = -1;
                    dist[K - 1] = Double.POSITIVE_INFINITY;
                    break;
                }
            }
            int at = K - 1;
            if (d >= dist[at]) {
                return;
            }
            while (at > 0 && dist[at - 1] > d) {
                dist[at] = dist[at - 1];
                slot[at] = slot[at - 1];
                at--;
            }
            dist[at] = d;
            slot[at] = s;
        }
    }

    /**
     * The squared distance between {@code q} and the vector at {@code at} in {@code vectors}, or
     * infinity once the partial sum reaches {@code bound} (the vector cannot be among the nearest).
     */
    private static double squared(float[] vectors, int at, float[] q, double bound) {
        // four independent sums, so that the additions do not wait for one another
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        for (int i = 0; i < D; i += BLOCK) {
            for (int j = i; j < i + BLOCK; j += 4) {
                float d0 = vectors[at + j] - q[j];
                float d1 = vectors[at + j + 1] - q[j + 1];
                float d2 = vectors[at + j + 2] - q[j + 2];
                float d3 = vectors[at + j + 3] - q[j + 3];
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

    private double between(int a, int b) {
        double sum = 0;
        for (int i = 0; i < D; i++) {
            double d = (double) means[a * D + i] - means[b * D + i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /**
     * Named visitors' samples as points, laid out as the means. A
     * replaced or removed visitor's points are marked dead and the arrays compacted once the dead
     * outnumber the living.
     */
    private static final class SamplePoints {
        private float[] vectors = new float[16 * D];
        private final LeadingComponents leading = new LeadingComponents(FIRST_PASS);
        /** The owner's slot of each point, -1 when dead. */
        private int[] owners = new int[16];
        private int size;
        private int dead;
        /** The points of each owner slot. */
        private final java.util.HashMap<Integer, java.util.List<Integer>> byOwner = new java.util.HashMap<>();

        int size() {
            return size;
        }

        int owner(int p) {
            return owners[p];
        }

        float[] vectors() {
            return vectors;
        }

        LeadingComponents leading() {
            return leading;
        }

        void add(int owner, double[] unit) {
            if (size == owners.length) {
                owners = java.util.Arrays.copyOf(owners, size * 2);
                vectors = java.util.Arrays.copyOf(vectors, size * 2 * D);
            }
            for (int i = 0; i < D; i++) {
                vectors[size * D + i] = (float) unit[i];
            }
            leading.set(size, unit);
            owners[size] = owner;
            byOwner.computeIfAbsent(owner, k -> new java.util.ArrayList<>()).add(size);
            size++;
        }

        void removeOwner(int owner) {
            java.util.List<Integer> gone = byOwner.remove(owner);
            if (gone == null) {
                return;
            }
            for (int p : gone) {
                owners[p] = -1;
            }
            dead += gone.size();
            if (dead > size - dead) {
                compact();
            }
        }

        /** The owner at slot {@code from} is now at slot {@code to}. */
        void moveOwner(int from, int to) {
            java.util.List<Integer> moved = byOwner.remove(from);
            if (moved == null) {
                return;
            }
            for (int p : moved) {
                owners[p] = to;
            }
            byOwner.put(to, moved);
        }

        private void compact() {
            int kept = 0;
            byOwner.clear();
            for (int p = 0; p < size; p++) {
                if (owners[p] < 0) {
                    continue;
                }
                System.arraycopy(vectors, p * D, vectors, kept * D, D);
                leading.copy(p, kept);
                owners[kept] = owners[p];
                byOwner.computeIfAbsent(owners[kept], k -> new java.util.ArrayList<>()).add(Integer.valueOf(kept));
                kept++;
            }
            size = kept;
            dead = 0;
        }
    }
}
