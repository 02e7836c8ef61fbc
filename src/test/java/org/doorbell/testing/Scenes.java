package org.doorbell.testing;

import java.nio.file.Path;
import java.util.List;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEngine;
import org.doorbell.image.ImageFiles;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Doorstep scenes for tests: a real photo scaled so its face has a chosen height, on a plain frame. */
public final class Scenes {
    private Scenes() {
    }

    /**
     * A {@code width x height} frame with {@code photo} scaled so that the face dlib finds in it is
     * {@code faceHeight} pixels tall, centred on the face. The caller releases it.
     */
    public static Mat withFace(FaceEngine engine, Path photo, int faceHeight, int width, int height) throws Exception {
        Mat src = ImageFiles.readBgr(photo);
        Mat scaled = new Mat();
        try {
            List<FaceBox> boxes = engine.detect(src, 0);
            if (boxes.isEmpty()) {
                boxes = engine.detect(src, 1);
            }
            FaceBox face = boxes.get(0).clippedTo(src.cols(), src.rows());  // the face's pixels in the photo
            double f = (double) faceHeight / face.height();
            Imgproc.resize(src, scaled, new Size(), f, f, f < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
            Mat frame = new Mat(height, width, CvType.CV_8UC3, new Scalar(90, 100, 110));
            int cx = (int) ((face.left() + face.right()) / 2.0 * f);
            int cy = (int) ((face.top() + face.bottom()) / 2.0 * f);
            int x0 = Math.max(0, cx - width / 2);
            int y0 = Math.max(0, cy - height / 2);
            int w = Math.min(scaled.cols() - x0, width);
            int h = Math.min(scaled.rows() - y0, height);
            int dx = Math.max(0, width / 2 - cx);
            int dy = Math.max(0, height / 2 - cy);
            w = Math.min(w, width - dx);
            h = Math.min(h, height - dy);
            Mat from = scaled.submat(new Rect(x0, y0, w, h));
            Mat to = frame.submat(new Rect(dx, dy, w, h));
            from.copyTo(to);
            from.release();
            to.release();
            return frame;
        } finally {
            src.release();
            scaled.release();
        }
    }

    /** An empty doorstep. */
    public static Mat empty(int width, int height) {
        return new Mat(height, width, CvType.CV_8UC3, new Scalar(90, 100, 110));
    }
}
