/**
 * Faces in one frame, on the thread that analyses it: detection at the scale the smallest face
 * needs ({@link org.doorbell.recognition.detect.ScaledDetector},
 * {@link org.doorbell.recognition.detect.DetectionScale}), a followed face found again in a window
 * around it ({@link org.doorbell.recognition.detect.FaceWindows}), the quality gate
 * ({@link org.doorbell.recognition.detect.FaceQuality}), face crops
 * ({@link org.doorbell.recognition.detect.FaceCrops}) and a face's surroundings as a grey patch
 * ({@link org.doorbell.recognition.detect.FacePlace}, {@link org.doorbell.recognition.detect.GreyPatch}).
 * Each object belongs to one thread and reuses its buffers. The words are defined in
 * {@link org.doorbell.recognition}.
 */
package org.doorbell.recognition.detect;
