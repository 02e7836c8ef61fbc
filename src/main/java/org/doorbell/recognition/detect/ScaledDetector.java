package org.doorbell.recognition.detect;

import java.util.ArrayList;
import java.util.List;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEngine;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Face detection at the {@link DetectionScale} for the image's height: on a downscaled copy (boxes
 * scaled back to the image) or with upsampling, so that faces down to the smallest size that can
 * be recognised are found at the least cost. One thread only; the copy's buffer is reused. The
 * scale is logged when it changes (the first frame, a camera that restarts at another size), never
 * per frame.
 */
public final class ScaledDetector {
    private static final Logger log = LoggerFactory.getLogger(ScaledDetector.class);
    private final FaceEngine engine;
    private final double minFaceFraction;
    private final Mat small = new Mat();
    private DetectionScale scale;
    private int scaleForHeight = -1;

    public ScaledDetector(FaceEngine engine, double minFaceFraction) {
        this.engine = engine;
        this.minFaceFraction = minFaceFraction;
    }

    /** The whole search's scale for this image, resize and upsampling together. */
    public double scaleFor(Mat image) {
        choose(image);
        return scale.scale() * (1 << scale.upsample());
    }

    private void choose(Mat image) {
        if (image.rows() != scaleForHeight) {
            scale = DetectionScale.forFrame(image.rows(), minFaceFraction);
            scaleForHeight = image.rows();
            log.info("detection on {}x{} frames: resized by {}, upsampled {} time(s), faces from {} px tall",
                    image.cols(), image.rows(), String.format(java.util.Locale.ROOT, "%.3f", scale.scale()),
                    scale.upsample(), Math.round(minFaceFraction * image.rows()));
        }
    }

    public List<FaceBox> detect(Mat image) {
        choose(image);
        boolean full = scale.scale() >= 1.0;
        if (!full) {
            Imgproc.resize(image, small, new Size(), scale.scale(), scale.scale(), Imgproc.INTER_AREA);
        }
        List<FaceBox> found = engine.detect(full ? image : small, scale.upsample());
        List<FaceBox> boxes = new ArrayList<>(found.size());
        for (FaceBox b : found) {
            // inside the image (not face_recognition's trim, which can end one past it): the boxes are cropped
            boxes.add((full ? b : b.scaled(scale.toFrame())).clippedTo(image.cols(), image.rows()));
        }
        return boxes;
    }

    public void release() {
        small.release();
    }
}
