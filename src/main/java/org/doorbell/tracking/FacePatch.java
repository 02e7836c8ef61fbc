package org.doorbell.tracking;

/**
 * How alike two small grey pictures of a face are: their normalised cross-correlation, 1 for the
 * same picture (or the same picture brighter or darker), near 0 for unrelated ones, taken at the
 * best of small shifts ({@value #SHIFT} pixels each way) so that a box that snapped a few pixels
 * (HOG boxes move in steps of its 8-pixel cells) still scores high for the same face. The patches
 * are small ({@value #SIDE} pixels a side, averaged down from the face box).
 */
public final class FacePatch {
    /** The side of a patch, in pixels. */
    public static final int SIDE = 16;
    /** The largest shift tried, in pixels each way. */
    public static final int SHIFT = 2;

    private FacePatch() {
    }

    /** The best normalised cross-correlation of two patches over small shifts; 0 if either is flat or null. */
    public static double similarity(float[] a, float[] b) {
        if (a == null || b == null || a.length != SIDE * SIDE || b.length != SIDE * SIDE) {
            return 0;
        }
        double best = 0;
        for (int dy = -SHIFT; dy <= SHIFT; dy++) {
            for (int dx = -SHIFT; dx <= SHIFT; dx++) {
                best = Math.max(best, correlation(a, b, dx, dy));
            }
        }
        return best;
    }

    /** The normalised cross-correlation of a and b shifted by (dx, dy), over where they overlap. */
    static double correlation(float[] a, float[] b, int dx, int dy) {
        int x0 = Math.max(0, -dx);
        int x1 = Math.min(SIDE, SIDE - dx);
        int y0 = Math.max(0, -dy);
        int y1 = Math.min(SIDE, SIDE - dy);
        int n = (x1 - x0) * (y1 - y0);
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                double p = a[y * SIDE + x];
                double q = b[(y + dy) * SIDE + x + dx];
                sa += p;
                sb += q;
                saa += p * p;
                sbb += q * q;
                sab += p * q;
            }
        }
        double va = saa - sa * sa / n;
        double vb = sbb - sb * sb / n;
        return va <= 1e-9 || vb <= 1e-9 ? 0 : (sab - sa * sb / n) / Math.sqrt(va * vb);
    }
}
