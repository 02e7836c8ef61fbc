package org.doorbell.enrolment;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEngine;
import org.doorbell.image.ImageFiles;
import org.doorbell.image.ImageReadException;
import org.doorbell.recognition.RecognitionSettings;
import org.doorbell.recognition.detect.FaceCrops;
import org.doorbell.recognition.detect.FaceQuality;
import org.doorbell.recognition.detect.ScaledDetector;
import org.doorbell.visitors.FaceSample;
import org.opencv.core.Mat;

/**
 * The face of one person from a photo, to enrol them before they ever come: found as the doorbell
 * finds faces (the same detection scale and quality gate), so a photo it accepts gives an encoding
 * like the camera's. A photo must hold exactly one usable face. One thread only.
 */
public final class PhotoFaces implements AutoCloseable {
    private final FaceEngine engine;
    private final RecognitionSettings settings;
    private final ScaledDetector detector;
    private final FaceQuality quality;
    private final FaceCrops crops = new FaceCrops();

    public PhotoFaces(FaceEngine engine, RecognitionSettings settings) {
        this.engine = engine;
        this.settings = settings;
        this.detector = new ScaledDetector(engine, settings.minFaceFraction());
        this.quality = new FaceQuality(settings.minFacePixels(), settings.minSharpness());
    }

    /**
     * A photo's face, or why it cannot be used.
     *
     * @param sample  the face's encoding and view quality, or null
     * @param picture its 150x150 JPEG, or null
     * @param problem one line naming the photo and what is wrong with it, or null
     */
    public record PhotoFace(FaceSample sample, byte[] picture, String problem) {
        public boolean usable() {
            return problem == null;
        }
    }

    /** The one usable face of the photo, seen at {@code now}. */
    public PhotoFace read(Path photo, Instant now) {
        Mat image;
        try {
            image = ImageFiles.readBgr(photo);
        } catch (ImageReadException e) {
            return problem(photo + ": " + e.getMessage());
        }
        try {
            List<FaceBox> boxes = detector.detect(image);
            if (boxes.isEmpty()) {
                return problem(photo + ": no face found; use a photo in which the face is clearly visible");
            }
            List<FaceBox> usable = new ArrayList<>();
            List<Double> views = new ArrayList<>();
            for (FaceBox b : boxes) {
                double view = quality.viewQuality(image, b);
                if (view >= 0) {
                    usable.add(b);
                    views.add(view);
                }
            }
            if (boxes.size() > 1) {
                return problem(photo + ": " + boxes.size() + " faces found; use a photo of this person alone");
            }
            if (usable.isEmpty()) {
                FaceBox b = boxes.get(0);
                return problem(photo + ": the face is too small or blurred to recognise (" + b.height()
                        + " px high; at least " + settings.minFacePixels() + " px and sharp)");
            }
            FaceBox box = usable.get(0);
            var encoding = engine.encode(image, List.of(engine.landmarks(image, box))).get(0);
            return new PhotoFace(new FaceSample(encoding, views.get(0), now), crops.of(image, box), null);
        } finally {
            image.release();
        }
    }

    private static PhotoFace problem(String line) {
        return new PhotoFace(null, null, line);
    }

    @Override
    public void close() {
        detector.release();
        quality.release();
        crops.release();
    }
}
