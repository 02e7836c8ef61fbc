package org.doorbell.recognition.detect;

import org.doorbell.image.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A part of a frame in grey, averaged down to a small square of floats: the face patches the
 * encode policy compares ({@link org.doorbell.tracking.FacePatch}) and the surroundings that the
 * screen's labels are moved by ({@link FacePlace}). The caller's buffers are reused.
 */
public final class GreyPatch {
    static {
        OpenCv.load();
    }

    private GreyPatch() {
    }

    /** {@code region} of the frame in grey, averaged down to {@code side} x {@code side}, as floats in {@code out}. */
    public static void of(Mat frame, Rect region, int side, Mat gray, Mat small, Mat out) {
        Mat roi = frame.submat(region);
        try {
            Imgproc.cvtColor(roi, gray, Imgproc.COLOR_BGR2GRAY);
            Imgproc.resize(gray, small, new Size(side, side), 0, 0, Imgproc.INTER_AREA);
            small.convertTo(out, CvType.CV_32F);
        } finally {
            roi.release();
        }
    }
}
