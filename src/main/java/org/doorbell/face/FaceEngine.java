package org.doorbell.face;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/**
 * The face chain: detection, landmarks and the 128-D descriptor. Images are OpenCV {@code Mat}s
 * of type {@code CV_8UC3} in BGR order, with any row stride (sub-matrices are fine); boxes and
 * points are in that image's pixels.
 *
 * <p>An engine holds native models and must be {@link #close() closed}. Implementations are
 * safe to call from several threads, but calls on one engine run one at a time; for parallel
 * work, open one engine per thread.
 */
public interface FaceEngine extends AutoCloseable {

    /** The settings this engine was opened with. */
    FaceSettings settings();

    /** Faces in the image, with the configured upsample count. */
    default List<FaceBox> detect(Mat bgr) {
        return detect(bgr, settings().upsample());
    }

    /**
     * Faces in the image, after doubling it {@code upsample} times (boxes in the image's pixels,
     * trimmed to the image as face_recognition trims them: see {@link FaceBox#trimmedTo}).
     */
    List<FaceBox> detect(Mat bgr, int upsample);

    /** The landmarks of the face in {@code box}. */
    Landmarks landmarks(Mat bgr, FaceBox box);

    /** The encodings of several faces of one image, computed in one batch, in the same order. */
    List<FaceEncoding> encode(Mat bgr, List<Landmarks> faces);

    /** The encoding of an already aligned 150x150 face chip, as dlib's face chips are. */
    FaceEncoding encodeChip(Mat chip);

    /** The whole chain: every face in the image with its encoding. */
    default List<Face> faces(Mat bgr) {
        List<FaceBox> boxes = detect(bgr);
        List<Landmarks> shapes = new ArrayList<>(boxes.size());
        for (FaceBox box : boxes) {
            shapes.add(landmarks(bgr, box));
        }
        List<FaceEncoding> encodings = encode(bgr, shapes);
        List<Face> faces = new ArrayList<>(boxes.size());
        for (int i = 0; i < boxes.size(); i++) {
            faces.add(new Face(boxes.get(i), encodings.get(i)));
        }
        return faces;
    }

    /**
     * A new engine with the same settings and models, for another thread (the caller closes it).
     *
     * @throws UnsupportedOperationException if this kind of engine cannot be opened again
     */
    default FaceEngine openAnother() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be opened again");
    }

    /** Releases the native models now. Later calls fail. */
    @Override
    void close();
}
