package org.doorbell.appliance;

import java.util.ArrayList;
import java.util.List;
import org.doorbell.display.FaceOverlay;
import org.doorbell.face.FaceBox;
import org.doorbell.image.OpenCv;
import org.doorbell.recognition.RecognizedFace;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Moves the latest recognition's boxes with the faces while the recogniser works on the next
 * frame: each face's surroundings in the recognised frame are kept as a small grey patch, and
 * phase correlation against the same place in each new frame gives how far the face moved.
 *
 * <p>{@link #anchor} runs on the recogniser's thread and publishes immutable anchors; {@link #follow}
 * runs on the camera's thread with its own reused buffers.
 */
public final class BoxFollower {
    static {
        OpenCv.load();
    }

    /** Patch side in pixels; faces are followed by up to about half of it. */
    static final int PATCH = 64;
    /** Phase-correlation peaks weaker than this mean "lost": the box stays where it was recognised. */
    static final double MIN_RESPONSE = 0.08;

    /** A face's surroundings in the frame it was found in, as a small grey patch. */
    public record Place(Rect region, float[] patch) {
    }

    /** A recognised face and its surroundings in the recognised frame. */
    record Anchor(RecognizedFace face, Place place) {
    }

    private final Mat current = new Mat();
    private final Mat gray = new Mat();
    private final Mat small = new Mat();
    private final Mat smallFloat = new Mat();
    private final Mat reference = new Mat(PATCH, PATCH, CvType.CV_32F);
    private final Mat window = new Mat();

    BoxFollower() {
        Imgproc.createHanningWindow(window, new Size(PATCH, PATCH), CvType.CV_32F);
    }

    /** The places of faces found in a frame (the thread that analyses it; allocates per frame). */
    public static List<Place> places(Mat frame, List<FaceBox> boxes) {
        List<Place> places = new ArrayList<>(boxes.size());
        Mat roiGray = new Mat();
        Mat roiSmall = new Mat();
        Mat roiFloat = new Mat();
        try {
            for (FaceBox box : boxes) {
                Rect region = region(box, frame.cols(), frame.rows());
                patch(frame, region, roiGray, roiSmall, roiFloat);
                float[] data = new float[PATCH * PATCH];
                roiFloat.get(0, 0, data);
                places.add(new Place(region, data));
            }
        } finally {
            roiGray.release();
            roiSmall.release();
            roiFloat.release();
        }
        return places;
    }

    /** Anchors for the faces of a recognised frame, in the order of their places. */
    static List<Anchor> anchor(List<RecognizedFace> faces, List<Place> places) {
        List<Anchor> anchors = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size() && i < places.size(); i++) {
            anchors.add(new Anchor(faces.get(i), places.get(i)));
        }
        return anchors;
    }

    /** Anchors for the faces of a recognised frame (allocates per recognition). */
    static List<Anchor> anchor(Mat frame, List<RecognizedFace> faces) {
        return anchor(faces, places(frame, faces.stream().map(RecognizedFace::box).toList()));
    }

    /** The anchored faces' overlays, moved to where the faces are in {@code frame} (camera thread). */
    List<FaceOverlay> follow(Mat frame, List<Anchor> anchors) {
        List<FaceOverlay> out = new ArrayList<>(anchors.size());
        for (Anchor a : anchors) {
            FaceBox box = a.face().box();
            Rect region = a.place().region();
            if (region.x + region.width <= frame.cols() && region.y + region.height <= frame.rows()) {
                reference.put(0, 0, a.place().patch());
                patch(frame, region, gray, small, smallFloat);
                double[] response = new double[1];
                Point shift = Imgproc.phaseCorrelate(reference, smallFloat, window, response);
                if (response[0] >= MIN_RESPONSE && Math.abs(shift.x) < PATCH / 2.0 && Math.abs(shift.y) < PATCH / 2.0) {
                    int dx = (int) Math.round(shift.x * region.width / PATCH);
                    int dy = (int) Math.round(shift.y * region.height / PATCH);
                    box = new FaceBox(box.top() + dy, box.right() + dx, box.bottom() + dy, box.left() + dx)
                            .clippedTo(frame.cols(), frame.rows());
                }
            }
            out.add(new FaceOverlay(box, a.face().label(), a.face().kind()));
        }
        return out;
    }

    /** The face box grown to twice its size, inside the frame. */
    static Rect region(FaceBox box, int cols, int rows) {
        int w = box.width() * 2;
        int h = box.height() * 2;
        int x = Math.max(0, box.left() - box.width() / 2);
        int y = Math.max(0, box.top() - box.height() / 2);
        return new Rect(x, y, Math.max(1, Math.min(w, cols - x)), Math.max(1, Math.min(h, rows - y)));
    }

    private static void patch(Mat frame, Rect region, Mat gray, Mat small, Mat out) {
        greyPatch(frame, region, PATCH, gray, small, out);
    }

    /** {@code region} of the frame in grey, averaged down to {@code side} x {@code side}, as floats in {@code out}. */
    public static void greyPatch(Mat frame, Rect region, int side, Mat gray, Mat small, Mat out) {
        Mat roi = frame.submat(region);
        try {
            Imgproc.cvtColor(roi, gray, Imgproc.COLOR_BGR2GRAY);
            Imgproc.resize(gray, small, new Size(side, side), 0, 0, Imgproc.INTER_AREA);
            small.convertTo(out, CvType.CV_32F);
        } finally {
            roi.release();
        }
    }

    void release() {
        for (Mat m : new Mat[] {current, gray, small, smallFloat, reference, window}) {
            m.release();
        }
    }
}
