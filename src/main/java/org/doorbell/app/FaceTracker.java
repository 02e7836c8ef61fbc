package org.doorbell.app;

import java.util.ArrayList;
import java.util.List;
import org.doorbell.face.FaceBox;

/**
 * Follows faces from one recognised frame to the next by box overlap, so that one person seen in
 * consecutive frames keeps one visitor even when an encoding falls just outside the tolerance.
 * Not thread-safe (the recogniser's thread owns it).
 */
final class FaceTracker {
    /** Boxes overlapping at least this much (intersection over union) are the same face. */
    static final double MIN_IOU = 0.3;

    private record Track(FaceBox box, long visitorId) {
    }

    private List<Track> previous = List.of();
    private final List<Track> current = new ArrayList<>();

    /** The visitor whose face was at about this place in the previous frame, or 0. */
    long visitorAt(FaceBox box) {
        long best = 0;
        double bestIou = MIN_IOU;
        for (Track t : previous) {
            double iou = iou(t.box(), box);
            if (iou >= bestIou) {
                bestIou = iou;
                best = t.visitorId();
            }
        }
        return best;
    }

    /** Records where a visitor's face is in the frame being processed. */
    void place(FaceBox box, long visitorId) {
        current.add(new Track(box, visitorId));
    }

    /** Ends the frame: its faces become the previous frame's. */
    void nextFrame() {
        previous = List.copyOf(current);
        current.clear();
    }

    static double iou(FaceBox a, FaceBox b) {
        int w = Math.min(a.right(), b.right()) - Math.max(a.left(), b.left()) + 1;
        int h = Math.min(a.bottom(), b.bottom()) - Math.max(a.top(), b.top()) + 1;
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = (double) w * h;
        return inter / ((double) a.width() * a.height() + (double) b.width() * b.height() - inter);
    }
}
