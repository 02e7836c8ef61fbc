package org.doorbell.identity;

import java.util.Arrays;

/**
 * The leading components of many vectors, stored component by component in blocks of
 * {@value #LANES} vectors, so that the partial squared distances of a whole block to a query are
 * summed by loops the JIT compiles to SIMD instructions. A first, cheap pass of a search: a vector
 * whose partial distance already exceeds the bound is not read further.
 */
final class LeadingComponents {
    /** Vectors per block. */
    static final int LANES = 1024;

    private final int dims;
    private float[] values;

    LeadingComponents(int dims) {
        this.dims = dims;
        this.values = new float[dims * LANES];
    }

    /** Sets vector {@code slot}'s leading components from {@code v} (the first {@code dims} of it). */
    void set(int slot, double[] v) {
        ensure(slot);
        int base = (slot / LANES) * dims * LANES + slot % LANES;
        for (int d = 0; d < dims; d++) {
            values[base + d * LANES] = (float) v[d];
        }
    }

    /** Vector {@code to} becomes a copy of vector {@code from}. */
    void copy(int from, int to) {
        int f = (from / LANES) * dims * LANES + from % LANES;
        int t = (to / LANES) * dims * LANES + to % LANES;
        for (int d = 0; d < dims; d++) {
            values[t + d * LANES] = values[f + d * LANES];
        }
    }

    /**
     * The partial squared distances to {@code q} of the vectors of block {@code block}, of which
     * the first {@code n} are filled in {@code out}.
     */
    void partials(float[] q, int block, int n, float[] out) {
        Arrays.fill(out, 0, n, 0f);
        float[] v = values;
        int base = block * dims * LANES;
        for (int d = 0; d < dims; d++) {
            float qd = q[d];
            int off = base + d * LANES;
            for (int s = 0; s < n; s++) {
                float x = v[off + s] - qd;
                out[s] += x * x;
            }
        }
    }

    private void ensure(int slot) {
        int needed = (slot / LANES + 1) * dims * LANES;
        if (needed > values.length) {
            values = Arrays.copyOf(values, Math.max(needed, values.length * 2));
        }
    }
}
