package org.doorbell.app;

import java.util.List;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEngine;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Finds a followed face again in a window around where it was, instead of in the whole frame:
 * the window (the box and {@link #MARGIN} of its size on each side) is resized so that the face
 * is about {@link #FACE_HEIGHT} pixels tall, comfortably above the HOG detector's 80-pixel window,
 * and searched at that one scale. A 90-pixel face costs a 225x225 search, a small part of a
 * 640x480 frame. One thread only; the buffer is reused.
 */
final class FaceWindows {
    static final double MARGIN = 0.75;
    static final double FACE_HEIGHT = 90;

    private final FaceEngine engine;
    private final Mat window = new Mat();

    FaceWindows(FaceEngine engine) {
        this.engine = engine;
    }

    /** The face in the window around {@code last} that overlaps it most, or null if none does. */
    FaceBox find(Mat frame, FaceBox last) {
        int mx = (int) Math.round(last.width() * MARGIN);
        int my = (int) Math.round(last.height() * MARGIN);
        int x = Math.max(0, last.left() - mx);
        int y = Math.max(0, last.top() - my);
        int w = Math.min(frame.cols(), last.right() + 1 + mx) - x;
        int h = Math.min(frame.rows(), last.bottom() + 1 + my) - y;
        if (w < last.width() / 2 || h < last.height() / 2 || w <= 0 || h <= 0) {
            return null;
        }
        double scale = Math.max(0.2, Math.min(2.0, FACE_HEIGHT / last.height()));
        Mat roi = frame.submat(new Rect(x, y, w, h));
        List<FaceBox> found;
        try {
            Imgproc.resize(roi, window, new Size(), scale, scale, scale < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
        } finally {
            roi.release();
        }
        found = engine.detect(window, 0);
        FaceBox best = null;
        double bestIou = 0;
        for (FaceBox b : found) {
            FaceBox inFrame = b.scaled(1 / scale);
            inFrame = new FaceBox(inFrame.top() + y, inFrame.right() + x, inFrame.bottom() + y, inFrame.left() + x)
                    .clippedTo(frame.cols(), frame.rows());
            double iou = inFrame.iou(last);
            if (iou > bestIou) {
                best = inFrame;
                bestIou = iou;
            }
        }
        return best;
    }

    void release() {
        window.release();
    }
}
