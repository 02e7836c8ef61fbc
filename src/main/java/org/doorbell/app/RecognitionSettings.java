package org.doorbell.app;

/**
 * How the appliance looks for faces in the video.
 *
 * @param minFaceFraction          the smallest face to find, as a fraction of the frame height (1/6:
 *                                 80 px in 640x480, 120 px in 1280x720); sets the detection scale
 * @param minFacePixels            faces less tall than this (frame pixels) are boxed but not recognised
 * @param minSharpness             faces blurrier than this (variance of the Laplacian) are boxed but not recognised
 * @param saveEveryFramesWithFaces save the visitor store after this many recognised frames with faces
 */
public record RecognitionSettings(double minFaceFraction, int minFacePixels, double minSharpness,
                                  int saveEveryFramesWithFaces) {
    public static final RecognitionSettings DEFAULTS = new RecognitionSettings(1.0 / 6, 60, 15.0, 100);
}
