package org.doorbell.testing;

import java.util.List;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEncoding;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.FaceSettings;
import org.doorbell.face.Landmarks;
import org.opencv.core.Mat;

/**
 * A {@link FaceEngine} that hands every call to a real one, for tests that change one call of it
 * (a detector that fails or misses faces on purpose). Closing it leaves the real engine to its
 * owner.
 */
public class ForwardingFaceEngine implements FaceEngine {
    private final FaceEngine engine;

    public ForwardingFaceEngine(FaceEngine engine) {
        this.engine = engine;
    }

    @Override
    public FaceSettings settings() {
        return engine.settings();
    }

    @Override
    public List<FaceBox> detect(Mat bgr, int upsample) {
        return engine.detect(bgr, upsample);
    }

    @Override
    public Landmarks landmarks(Mat bgr, FaceBox box) {
        return engine.landmarks(bgr, box);
    }

    @Override
    public List<FaceEncoding> encode(Mat bgr, List<Landmarks> faces) {
        return engine.encode(bgr, faces);
    }

    @Override
    public FaceEncoding encodeChip(Mat chip) {
        return engine.encodeChip(chip);
    }

    @Override
    public void close() {
        // the real engine is closed by its owner
    }
}
