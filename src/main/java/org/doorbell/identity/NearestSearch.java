package org.doorbell.identity;

import java.util.List;
import java.util.Set;
import org.doorbell.face.FaceEncoding;
import org.doorbell.visitors.VisitorRegistry;

/**
 * The gallery identity's nearest-visitor search on its own, so that {@code bench store} can time
 * it on large stores without a camera or tracks: the same index as {@link GalleryIdentity} builds
 * from the registry at start, searched the same way as a track's decision searches it.
 */
public final class NearestSearch {
    private final GalleryIndex index;

    /** Builds the index from every visitor of the registry, as the identity does at start. */
    public NearestSearch(VisitorRegistry registry) {
        this.index = new GalleryIndex(registry.snapshot());
    }

    /** How many visitors are indexed. */
    public int size() {
        return index.size();
    }

    /** The mean of the unit vectors of some views of a face: what a track searches with. */
    public static double[] mean(List<FaceEncoding> views) {
        double[] m = new double[FaceEncoding.DIMENSIONS];
        for (FaceEncoding e : views) {
            double[] u = Calibration.unit(e);
            for (int i = 0; i < m.length; i++) {
                m[i] += u[i] / views.size();
            }
        }
        return m;
    }

    /**
     * The nearest visitor to a track's mean, and the distances the decision compares.
     *
     * @return {visitor id, distance, second distance}; null when no visitor is indexed
     */
    public double[] nearest(double[] mean, int views) {
        GalleryIndex.Nearest n = index.nearest(mean, views, Set.of());
        return n == null ? null : new double[] {n.visitorId(), n.distance(), n.secondDistance()};
    }
}
