package org.doorbell.recognition.detect;

import org.doorbell.face.FaceBox;
import org.doorbell.image.OpenCv;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Face crops: 150x150 JPEG pictures of faces cut from a frame, with some margin around the box,
 * which become the visitors' thumbnails. Not thread-safe.
 */
public final class FaceCrops {
    static {
        OpenCv.load();
    }

    static final int SIZE = 150;
    private final Mat resized = new Mat();
    private final MatOfByte jpeg = new MatOfByte();
    private final MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90);

    public byte[] of(Mat frame, FaceBox box) {
        int side = (int) Math.round(Math.max(box.width(), box.height()) * 1.5);
        int cx = (box.left() + box.right()) / 2;
        int cy = (box.top() + box.bottom()) / 2;
        int x = Math.max(0, cx - side / 2);
        int y = Math.max(0, cy - side / 2);
        int w = Math.min(side, frame.cols() - x);
        int h = Math.min(side, frame.rows() - y);
        Mat roi = frame.submat(new Rect(x, y, w, h));
        try {
            Imgproc.resize(roi, resized, new Size(SIZE, SIZE), 0, 0, Imgproc.INTER_AREA);
            Imgcodecs.imencode(".jpg", resized, jpeg, params);
            return jpeg.toArray();
        } finally {
            roi.release();
        }
    }

    public void release() {
        resized.release();
        jpeg.release();
        params.release();
    }
}
