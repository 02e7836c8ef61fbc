package org.doorbell.identity;

import java.util.Arrays;

/**
 * The leading components of many vectors, stored component by component in blocks of
 * {@value #LANES} vectors, so that the partial squared distances of a whole block to a query are
 * summed by loops the JIT compiles to SIMD instructions. A first, cheap pass of a search: a vector
 * whose partial distance already exceeds the bound is not read further.
 *
 * <p>Each component of a block is an array of its own, read from index 0 in step with the array
 * of partial sums: Java 17's C2 vectorises such a loop, but not one that reads a shared array at
 * an offset it cannot relate to the other array's (measured: 5-8 times slower per component).
 */
final class LeadingComponents {
    /** Vectors per block. */
    static final int LANES = 1024;

    private final int dims;
    /** Component {@code d} of the vectors of block {@code b} at {@code b * dims + d}. */
    private float[][] columns = new float[0][];

    LeadingComponents(int dims) {
        this.dims = dims;
    }

    /** Sets vector {@code slot}'s leading components from {@code v} (the first {@code dims} of it). */
    void set(int slot, double[] v) {
        ensure(slot);
        int base = (slot / LANES) * dims;
        int lane = slot % LANES;
        for (int d = 0; d < dims; d++) {
            columns[base + d][lane] = (float) v[d];
        }
    }

    /** Vector {@code to} becomes a copy of vector {@code from}. */
    void copy(int from, int to) {
        int f = (from / LANES) * dims;
        int t = (to / LANES) * dims;
        for (int d = 0; d < dims; d++) {
            columns[t + d][to % LANES] = columns[f + d][from % LANES];
        }
    }

    /**
     * The partial squared distances to {@code q} of the {@value #LANES} vectors of block
     * {@code block} into {@code out} (of length {@value #LANES}); lanes past the last vector hold
     * whatever their stale or zero components give, and are for the caller to ignore.
     */
    void partials(float[] q, int block, float[] out) {
        int base = block * dims;
        first(columns[base], q[0], out);
        for (int d = 1; d < dims; d++) {
            add(columns[base + d], q[d], out);
        }
    }

    private static void first(float[] column, float qd, float[] out) {
        for (int s = 0; s < out.length; s++) {
            float x = column[s] - qd;
            out[s] = x * x;
        }
    }

    private static void add(float[] column, float qd, float[] out) {
        for (int s = 0; s < out.length; s++) {
            float x = column[s] - qd;
            out[s] += x * x;
        }
    }

    private void ensure(int slot) {
        int needed = (slot / LANES + 1) * dims;
        if (needed > columns.length) {
            int old = columns.length;
            columns = Arrays.copyOf(columns, needed);
            for (int i = old; i < needed; i++) {
                columns[i] = new float[LANES];
            }
        }
    }
}
