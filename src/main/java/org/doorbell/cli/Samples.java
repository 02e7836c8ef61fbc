package org.doorbell.cli;

import java.util.Arrays;

/** Timing samples in milliseconds, summarised by median and 90th percentile (nearest rank). */
record Samples(double[] ms) {

    double median() {
        return percentile(50);
    }

    double p90() {
        return percentile(90);
    }

    boolean isEmpty() {
        return ms.length == 0;
    }

    private double percentile(double p) {
        if (ms.length == 0) {
            return Double.NaN;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
