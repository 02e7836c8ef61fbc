package org.doorbell.bench;

import java.util.ArrayList;
import java.util.List;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEncoding;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.Landmarks;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The reference demo's loop on our engine, for comparison: every frame resized by {@code scale},
 * faces found with {@code upsample} doublings, every face encoded, each given to the nearest known
 * face's first encoding if nearer than 0.65, else added as a new visitor. One thread.
 */
public final class ReferenceLoop {
    static final double TOLERANCE = 0.65;

    private final FaceEngine engine;
    private final double scale;
    private final int upsample;
    private final List<FaceEncoding> known = new ArrayList<>();
    private final Mat small = new Mat();

    public ReferenceLoop(FaceEngine engine, double scale, int upsample) {
        this.engine = engine;
        this.scale = scale;
        this.upsample = upsample;
    }

    /** The frame's face boxes (frame pixels); each face is matched or registered. */
    public List<FaceBox> process(Mat frame) {
        List<FaceBox> found;
        if (scale < 1) {
            Imgproc.resize(frame, small, new Size(), scale, scale, Imgproc.INTER_AREA);
            found = engine.detect(small, upsample);
        } else {
            found = engine.detect(frame, upsample);
        }
        List<FaceBox> boxes = new ArrayList<>(found.size());
        List<Landmarks> shapes = new ArrayList<>(found.size());
        for (FaceBox b : found) {
            FaceBox box = scale < 1 ? b.scaled(1 / scale).clippedTo(frame.cols(), frame.rows()) : b;
            boxes.add(box);
            shapes.add(engine.landmarks(frame, box));
        }
        for (FaceEncoding e : engine.encode(frame, shapes)) {
            FaceEncoding nearest = null;
            double best = Double.MAX_VALUE;
            for (FaceEncoding k : known) {
                double d = k.distanceTo(e);
                if (d < best) {
                    best = d;
                    nearest = k;
                }
            }
            if (nearest == null || best >= TOLERANCE) {
                known.add(e);
            }
        }
        return boxes;
    }

    /** Visitors registered so far. */
    public int visitors() {
        return known.size();
    }

    public void release() {
        small.release();
    }
}
