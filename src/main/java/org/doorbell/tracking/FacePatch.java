package org.doorbell.tracking;

/**
 * How alike two small grey pictures of a face are: their normalised cross-correlation, 1 for the
 * same picture (or the same picture brighter or darker), near 0 for unrelated ones. Two frames of
 * one face a moment apart score above 0.8; a different face in the same place scores far lower.
 */
public final class FacePatch {
    /** The side of a patch, in pixels. */
    public static final int SIDE = 24;

    private FacePatch() {
    }

    /** The normalised cross-correlation of two patches of equal length; 0 if either is flat or null. */
    public static double similarity(float[] a, float[] b) {
        if (a == null || b == null || a.length != b.length || a.length == 0) {
            return 0;
        }
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i] - ma;
            double y = b[i] - mb;
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return aa <= 0 || bb <= 0 ? 0 : ab / Math.sqrt(aa * bb);
    }
}
