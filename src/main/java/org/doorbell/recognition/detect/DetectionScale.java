package org.doorbell.recognition.detect;

/**
 * How much to shrink a frame before detection, and how often the detector doubles it again, so
 * that the smallest face asked for still reaches the HOG detector's 80-pixel window. The
 * reference's fixed 1/4 misses a face 100 px tall in 640x480; this finds, by default (1/6 of the
 * frame height), 80 px in 640x480 and 120 px in 1280x720, at the least cost.
 *
 * @param scale    resize factor applied to the frame (at most 1)
 * @param upsample pyramid-up steps the detector runs on the resized frame (0-2)
 */
public record DetectionScale(double scale, int upsample) {
    /**
     * The face height (dlib box) to bring to the detector's input. dlib's HOG window is 80x80; on the
     * shared test photos it finds every face down to 60 px (DetectionScaleTest), so 70 keeps a margin.
     */
    static final double HOG_MIN_FACE = 70;

    /** The cheapest scale at which a face {@code minFaceFraction} of {@code frameHeight} tall is found. */
    public static DetectionScale forFrame(int frameHeight, double minFaceFraction) {
        double needed = HOG_MIN_FACE / (minFaceFraction * frameHeight);
        int upsample = 0;
        while (needed > 1.0 && upsample < 2) {
            needed /= 2;
            upsample++;
        }
        return new DetectionScale(Math.min(1.0, needed), upsample);
    }

    /** The factor that maps a box found in the resized frame back to the frame. */
    public double toFrame() {
        return 1.0 / scale;
    }
}
