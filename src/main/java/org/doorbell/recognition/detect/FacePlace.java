package org.doorbell.recognition.detect;

import java.util.ArrayList;
import java.util.List;
import org.doorbell.face.FaceBox;
import org.doorbell.image.OpenCv;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * A face's surroundings in the frame it was found in, as a small grey patch: the screen moves the
 * face's label with the picture by comparing it with the same place in each newer frame.
 *
 * @param region the face box grown to twice its size, inside the frame ({@link #region})
 * @param patch  that region in grey, {@link #SIDE} x {@link #SIDE}
 */
public record FacePlace(Rect region, float[] patch) {
    static {
        OpenCv.load();
    }

    /** Patch side in pixels; a label is moved with its face by up to about half of it. */
    public static final int SIDE = 64;

    /** The places of faces found in a frame (the thread that analyses it; allocates per frame). */
    public static List<FacePlace> of(Mat frame, List<FaceBox> boxes) {
        List<FacePlace> places = new ArrayList<>(boxes.size());
        Mat roiGray = new Mat();
        Mat roiSmall = new Mat();
        Mat roiFloat = new Mat();
        try {
            for (FaceBox box : boxes) {
                Rect region = region(box, frame.cols(), frame.rows());
                GreyPatch.of(frame, region, SIDE, roiGray, roiSmall, roiFloat);
                float[] data = new float[SIDE * SIDE];
                roiFloat.get(0, 0, data);
                places.add(new FacePlace(region, data));
            }
        } finally {
            roiGray.release();
            roiSmall.release();
            roiFloat.release();
        }
        return places;
    }

    /** The face box grown to twice its size, inside the frame. */
    public static Rect region(FaceBox box, int cols, int rows) {
        int w = box.width() * 2;
        int h = box.height() * 2;
        int x = Math.max(0, box.left() - box.width() / 2);
        int y = Math.max(0, box.top() - box.height() / 2);
        return new Rect(x, y, Math.max(1, Math.min(w, cols - x)), Math.max(1, Math.min(h, rows - y)));
    }
}
