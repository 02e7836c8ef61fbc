package org.doorbell.face;

import java.nio.file.Path;

/**
 * Where the engine's model files are. {@code cnnDetector} is only read when the CNN detector is
 * chosen. See models/README.md for where each file comes from.
 */
public record ModelPaths(Path landmarks, Path recognition, Path cnnDetector) {
    public static final String LANDMARKS_68 = "shape_predictor_68_face_landmarks.dat";
    public static final String LANDMARKS_5 = "shape_predictor_5_face_landmarks.dat";
    public static final String RECOGNITION = "dlib_face_recognition_resnet_model_v1.dat";
    public static final String CNN_DETECTOR = "mmod_human_face_detector.dat";

    /** The standard file names inside {@code dir}, with the given landmark model file name. */
    public static ModelPaths in(Path dir, String landmarksFile) {
        return new ModelPaths(dir.resolve(landmarksFile), dir.resolve(RECOGNITION), dir.resolve(CNN_DETECTOR));
    }
}
