package org.doorbell.face;

import java.util.Arrays;

/**
 * dlib's 128-D face descriptor. Two encodings of the same person lie closer than about 0.6
 * (Euclidean distance, computed in double as dlib does). Immutable.
 *
 * <p>The values are held as {@code float}, as dlib computes them: an encoding from dlib loses
 * nothing, and a store of 100,000 visitors' galleries takes half the memory it would in
 * {@code double}. Values given as {@code double} are rounded to the nearest {@code float}.
 */
public final class FaceEncoding {
    public static final int DIMENSIONS = 128;

    private final float[] values;

    private FaceEncoding(float[] values) {
        this.values = values;
    }

    /** An encoding from 128 values (each rounded to the nearest float). */
    public static FaceEncoding of(double[] values) {
        if (values.length != DIMENSIONS) {
            throw new IllegalArgumentException("a face encoding has " + DIMENSIONS + " values, not " + values.length);
        }
        float[] v = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            v[i] = (float) values[i];
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("a face encoding holds only finite numbers");
            }
        }
        return new FaceEncoding(v);
    }

    /** The encoding held in {@code source[offset .. offset + 128)}. */
    public static FaceEncoding of(float[] source, int offset) {
        return new FaceEncoding(Arrays.copyOfRange(source, offset, offset + DIMENSIONS));
    }

    /** Euclidean distance, as face_recognition's {@code face_distance}. */
    public double distanceTo(FaceEncoding other) {
        double sum = 0;
        for (int i = 0; i < DIMENSIONS; i++) {
            double d = (double) values[i] - other.values[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    public double get(int i) {
        return values[i];
    }

    public double[] toArray() {
        double[] out = new double[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            out[i] = values[i];
        }
        return out;
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
