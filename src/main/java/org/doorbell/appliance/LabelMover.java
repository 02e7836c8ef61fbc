package org.doorbell.appliance;

import java.util.ArrayList;
import java.util.List;
import org.doorbell.display.FaceOverlay;
import org.doorbell.face.FaceBox;
import org.doorbell.image.OpenCv;
import org.doorbell.recognition.RecognizedFace;
import org.doorbell.recognition.detect.FacePlace;
import org.doorbell.recognition.detect.GreyPatch;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Moves the latest recognition's boxes and labels with the faces in the picture while the
 * recogniser works on the next frame: each face's surroundings in the recognised frame are kept as
 * a small grey patch ({@link FacePlace}), and phase correlation against the same place in each new
 * frame gives how far the face moved. Only what the screen draws moves: recognition, its follows
 * and tracks never hear of it.
 *
 * <p>{@link #anchor} runs on the recogniser's thread and publishes immutable anchors; {@link #move}
 * runs on the camera's thread with its own reused buffers.
 */
final class LabelMover {
    static {
        OpenCv.load();
    }

    /** Patch side in pixels; a label moves with its face by up to about half of it. */
    static final int PATCH = FacePlace.SIDE;
    /** Phase-correlation peaks weaker than this mean "lost": the box stays where it was recognised. */
    static final double MIN_RESPONSE = 0.08;

    /** A recognised face and its surroundings in the recognised frame. */
    record Anchor(RecognizedFace face, FacePlace place) {
    }

    private final Mat gray = new Mat();
    private final Mat small = new Mat();
    private final Mat smallFloat = new Mat();
    private final Mat reference = new Mat(PATCH, PATCH, CvType.CV_32F);
    private final Mat window = new Mat();

    LabelMover() {
        Imgproc.createHanningWindow(window, new Size(PATCH, PATCH), CvType.CV_32F);
    }

    /** Anchors for the faces of a recognised frame, in the order of their places. */
    static List<Anchor> anchor(List<RecognizedFace> faces, List<FacePlace> places) {
        List<Anchor> anchors = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size() && i < places.size(); i++) {
            anchors.add(new Anchor(faces.get(i), places.get(i)));
        }
        return anchors;
    }

    /** Anchors for the faces of a recognised frame (allocates per recognition). */
    static List<Anchor> anchor(Mat frame, List<RecognizedFace> faces) {
        return anchor(faces, FacePlace.of(frame, faces.stream().map(RecognizedFace::box).toList()));
    }

    /** The anchored faces' overlays, moved to where the faces are in {@code frame} (camera thread). */
    List<FaceOverlay> move(Mat frame, List<Anchor> anchors) {
        List<FaceOverlay> out = new ArrayList<>(anchors.size());
        for (Anchor a : anchors) {
            FaceBox box = a.face().box();
            Rect region = a.place().region();
            if (region.x + region.width <= frame.cols() && region.y + region.height <= frame.rows()) {
                reference.put(0, 0, a.place().patch());
                GreyPatch.of(frame, region, PATCH, gray, small, smallFloat);
                double[] response = new double[1];
                Point shift = Imgproc.phaseCorrelate(reference, smallFloat, window, response);
                if (response[0] >= MIN_RESPONSE && Math.abs(shift.x) < PATCH / 2.0 && Math.abs(shift.y) < PATCH / 2.0) {
                    int dx = (int) Math.round(shift.x * region.width / PATCH);
                    int dy = (int) Math.round(shift.y * region.height / PATCH);
                    box = new FaceBox(box.top() + dy, box.right() + dx, box.bottom() + dy, box.left() + dx)
                            .clippedTo(frame.cols(), frame.rows());
                }
            }
            out.add(new FaceOverlay(box, a.face().label(), overlayKind(a.face().kind())));
        }
        return out;
    }

    /** How the screen colours a face of this kind. */
    static FaceOverlay.Kind overlayKind(RecognizedFace.Kind kind) {
        return switch (kind) {
            case NEW_VISITOR -> FaceOverlay.Kind.NEW_VISITOR;
            case KNOWN_VISITOR -> FaceOverlay.Kind.KNOWN_VISITOR;
            case UNSURE -> FaceOverlay.Kind.UNSURE;
            case UNRECOGNISED -> FaceOverlay.Kind.UNRECOGNISED;
        };
    }

    void release() {
        for (Mat m : new Mat[] {gray, small, smallFloat, reference, window}) {
            m.release();
        }
    }
}
