package org.doorbell.face;

/**
 * How a face engine finds and encodes faces.
 *
 * @param detector which detector to run
 * @param upsample how many times the detector doubles the image first (0-3); finds smaller faces
 * @param jitters  how many jittered copies of each face to average when encoding (1 = none)
 * @param models   the model files
 */
public record FaceSettings(DetectorKind detector, int upsample, int jitters, ModelPaths models) {
    public static final int MAX_UPSAMPLE = 3;
    public static final int MAX_JITTERS = 100;

    public FaceSettings {
        if (upsample < 0 || upsample > MAX_UPSAMPLE) {
            throw new IllegalArgumentException("upsample must be between 0 and " + MAX_UPSAMPLE + ", got " + upsample);
        }
        if (jitters < 1 || jitters > MAX_JITTERS) {
            throw new IllegalArgumentException("jitters must be between 1 and " + MAX_JITTERS + ", got " + jitters);
        }
    }

    public FaceSettings withDetector(DetectorKind kind) {
        return new FaceSettings(kind, upsample, jitters, models);
    }

    public FaceSettings withUpsample(int n) {
        return new FaceSettings(detector, n, jitters, models);
    }
}
