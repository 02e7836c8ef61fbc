package org.doorbell.appliance;

/**
 * What one run of the appliance did, for the end of a file run ({@code run --exit-at-end}) and the
 * log line at stop: how much of the video was analysed and how fast, who came, and how long a face
 * waited for its label.
 *
 * @param frames           camera frames received
 * @param analysed         frames the recogniser analysed (the others were dropped for newer ones)
 * @param seconds          from the start of the camera to the stop
 * @param visitorsKnown    visitors in the store at the stop
 * @param visitorsNew      visitors registered during this run
 * @param latencyMedianMs  frame captured to result ready, median in ms; -1 if nothing was analysed
 * @param latencyP90Ms     the same, 90th percentile
 */
public record RunSummary(long frames, long analysed, double seconds, int visitorsKnown, long visitorsNew,
                         long latencyMedianMs, long latencyP90Ms) {

    /** Analysed frames per second over the whole run. */
    public double analysedPerSecond() {
        return seconds > 0 ? analysed / seconds : 0;
    }

    /** One line: "frames 50, analysed 48 (9.6/s over 5.0 s); visitors 2 known, 2 new; latency median 85 ms, p90 120 ms". */
    public String line() {
        return String.format(java.util.Locale.ROOT,
                "frames %d, analysed %d (%.1f/s over %.1f s); visitors %d known, %d new; latency %s",
                frames, analysed, analysedPerSecond(), seconds, visitorsKnown, visitorsNew,
                latencyMedianMs < 0 ? "-" : "median " + latencyMedianMs + " ms, p90 " + latencyP90Ms + " ms");
    }
}
