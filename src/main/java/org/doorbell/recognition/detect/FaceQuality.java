package org.doorbell.recognition.detect;

import org.doorbell.face.FaceBox;
import org.doorbell.identity.ViewQuality;
import org.doorbell.image.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Whether a detected face is good enough to recognise: tall enough, and sharp enough (variance of
 * the Laplacian of the face, resized to 100x100 so that the figure does not depend on its size).
 * Faces that fail are boxed on screen but never registered as visitors. Not thread-safe: it
 * reuses its buffers.
 */
public final class FaceQuality {
    static {
        OpenCv.load();
    }

    private static final Size NORMAL = new Size(100, 100);
    private final int minPixels;
    private final double minSharpness;
    private final Mat gray = new Mat();
    private final Mat resized = new Mat();
    private final Mat laplacian = new Mat();
    private final MatOfDouble mean = new MatOfDouble();
    private final MatOfDouble stddev = new MatOfDouble();

    public FaceQuality(int minPixels, double minSharpness) {
        this.minPixels = minPixels;
        this.minSharpness = minSharpness;
    }

    boolean recognisable(Mat frame, FaceBox box) {
        return viewQuality(frame, box) >= 0;
    }

    /**
     * How good a view this face is ({@link ViewQuality}, 0..1), or -1 if it is too small or too
     * blurred to recognise.
     */
    public double viewQuality(Mat frame, FaceBox box) {
        if (box.height() < minPixels) {
            return -1;
        }
        double sharpness = sharpness(frame, box);
        return sharpness >= minSharpness ? ViewQuality.of(box.height(), sharpness) : -1;
    }

    double sharpness(Mat frame, FaceBox box) {
        Mat roi = frame.submat(new Rect(box.left(), box.top(), box.width(), box.height()));
        try {
            Imgproc.cvtColor(roi, gray, Imgproc.COLOR_BGR2GRAY);
            Imgproc.resize(gray, resized, NORMAL, 0, 0, Imgproc.INTER_AREA);
            Imgproc.Laplacian(resized, laplacian, CvType.CV_64F);
            Core.meanStdDev(laplacian, mean, stddev);
            double sd = stddev.get(0, 0)[0];
            return sd * sd;
        } finally {
            roi.release();
        }
    }

    public void release() {
        gray.release();
        resized.release();
        laplacian.release();
        mean.release();
        stddev.release();
    }
}
