package org.doorbell.recognition;

/**
 * How the appliance looks for faces in the video.
 *
 * @param minFaceFraction          the smallest face to find, as a fraction of the frame height (1/6:
 *                                 80 px in 640x480, 120 px in 1280x720); sets the detection scale
 * @param minFacePixels            faces less tall than this (frame pixels) are boxed but not recognised
 * @param minSharpness             faces blurrier than this (variance of the Laplacian) are boxed but not recognised
 * @param saveEveryFramesWithFaces save the visitor store after this many recognised frames with faces
 * @param threads                  how many threads recognise frames side by side, each with its own
 *                                 engine (about 100 MB of models each); 0 for one fewer than the
 *                                 processors, at least 1, so that the camera and the screen keep a
 *                                 core's worth of time
 * @param followFaces              true: faces are followed between frames, the whole frame searched
 *                                 every 150 ms and a face encoded only when useful; false: every
 *                                 frame searched whole and every face encoded, as the reference loop
 *                                 does (slower; for comparison)
 */
public record RecognitionSettings(double minFaceFraction, int minFacePixels, double minSharpness,
                                  int saveEveryFramesWithFaces, int threads, boolean followFaces) {
    public static final RecognitionSettings DEFAULTS = new RecognitionSettings(1.0 / 6, 60, 15.0, 300, 0, true);

    /** The threads to recognise on, on a machine with {@code processors} processors. */
    public int threadsFor(int processors) {
        return threads > 0 ? threads : Math.max(1, processors - 1);
    }

    /** These settings with another thread count. */
    public RecognitionSettings withThreads(int count) {
        return new RecognitionSettings(minFaceFraction, minFacePixels, minSharpness, saveEveryFramesWithFaces, count,
                followFaces);
    }

    /** These settings with faces followed between frames, or not. */
    public RecognitionSettings withFollowFaces(boolean follow) {
        return new RecognitionSettings(minFaceFraction, minFacePixels, minSharpness, saveEveryFramesWithFaces, threads,
                follow);
    }
}
