package org.doorbell.config;

/**
 * The "faces" section of config/doorbell.json, as written (validated by {@link ConfigLoader}).
 *
 * @param detector       "hog" or "cnn"
 * @param upsample       times the detector doubles the image (0-3)
 * @param jitters        jittered copies averaged per encoding (1-100)
 * @param modelsDir      where the model files are; relative to the config file's folder
 * @param landmarksModel file name of the shape predictor inside modelsDir (68- or 5-point)
 */
public record FaceConfig(String detector, Integer upsample, Integer jitters, String modelsDir, String landmarksModel) {
    public static final FaceConfig DEFAULTS =
            new FaceConfig("hog", 0, 1, "../models", "shape_predictor_68_face_landmarks.dat");

    /** Values missing here taken from {@code base}. */
    FaceConfig orElse(FaceConfig base) {
        return new FaceConfig(detector != null ? detector : base.detector, upsample != null ? upsample : base.upsample,
                jitters != null ? jitters : base.jitters, modelsDir != null ? modelsDir : base.modelsDir,
                landmarksModel != null ? landmarksModel : base.landmarksModel);
    }
}
