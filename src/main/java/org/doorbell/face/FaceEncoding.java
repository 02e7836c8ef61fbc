package org.doorbell.face;

import java.util.Arrays;

/**
 * dlib's 128-D face descriptor. Two encodings of the same person lie closer than about 0.6
 * (Euclidean distance, computed in double as dlib does). Immutable.
 */
public final class FaceEncoding {
    public static final int DIMENSIONS = 128;

    private final double[] values;

    private FaceEncoding(double[] values) {
        this.values = values;
    }

    /** An encoding from 128 values (copied). */
    public static FaceEncoding of(double[] values) {
        if (values.length != DIMENSIONS) {
            throw new IllegalArgumentException("a face encoding has " + DIMENSIONS + " values, not " + values.length);
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("a face encoding holds only finite numbers");
            }
        }
        return new FaceEncoding(values.clone());
    }

    /** The encoding held in {@code source[offset .. offset + 128)}. */
    public static FaceEncoding of(float[] source, int offset) {
        double[] v = new double[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            v[i] = source[offset + i];
        }
        return new FaceEncoding(v);
    }

    /** Euclidean distance, as face_recognition's {@code face_distance}. */
    public double distanceTo(FaceEncoding other) {
        double sum = 0;
        for (int i = 0; i < DIMENSIONS; i++) {
            double d = values[i] - other.values[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    public double get(int i) {
        return values[i];
    }

    public double[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaceEncoding e && Arrays.equals(values, e.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FaceEncoding" + Arrays.toString(Arrays.copyOf(values, 3)).replace("]", ", ...]");
    }
}
