package org.doorbell.visitors;

import java.util.List;
import org.doorbell.face.FaceEncoding;

/**
 * The registration encoding of every visitor of the registry as of one layout (the same visitors
 * at the same indexes), for the reference rule's scan of them all outside the registry's lock.
 * Immutable.
 */
final class RegistrationEncodings {
    /** The registry's layout these were taken at. */
    final long layout;
    private final FaceEncoding[] encodings;

    RegistrationEncodings(long layout, List<Visitor> visitors) {
        this.layout = layout;
        this.encodings = new FaceEncoding[visitors.size()];
        for (int i = 0; i < encodings.length; i++) {
            encodings[i] = visitors.get(i).encoding();
        }
    }

    /** The nearest encoding to {@code e}: its index and distance; index -1 when there are none. */
    Nearest nearest(FaceEncoding e) {
        int nearest = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < encodings.length; i++) {
            double d = encodings[i].distanceTo(e);
            if (d < best) {
                best = d;
                nearest = i;
            }
        }
        return new Nearest(layout, nearest, best);
    }

    /** A scan's result, valid while the registry's layout is {@code layout}. */
    record Nearest(long layout, int index, double distance) {
        boolean within(double tolerance) {
            return index >= 0 && distance < tolerance;
        }
    }
}
