package org.doorbell.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEngine;
import org.doorbell.image.ImageFiles;
import org.doorbell.image.ImageReadException;
import org.doorbell.replay.Replay;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * A visitor stream shown as a doorstep video: each visit's photos one after the other at the same
 * place, each for {@code framesEach} frames, the face drifting sideways as someone waiting at a
 * door does, then {@code gap} frames of an empty doorstep before the next visit. With
 * {@code walkUp}, the face grows from 60% to its full height over the visit and turns a little
 * (a small rotation back and forth), as someone walking up to the door. Frames are made on demand
 * from the photos, decoded once.
 */
public final class DoorstepVideo implements FreeRun.Frames {
    /** The doorstep's colour between visits (BGR). */
    static final Scalar DOORSTEP = new Scalar(90, 100, 110);

    /**
     * How the video is made.
     *
     * @param width      frame width
     * @param height     frame height
     * @param fps        frames per second
     * @param framesEach frames per photo
     * @param gap        empty frames after each visit
     * @param faceHeight the face's height in pixels
     * @param drift      sideways drift per frame, in pixels
     * @param walkUp     whether the face grows and turns over the visit
     */
    public record Shape(int width, int height, double fps, int framesEach, int gap, int faceHeight, double drift,
                        boolean walkUp) {
        public static final Shape DEFAULT = new Shape(640, 480, 15, 9, 6, 170, 2, false);
    }

    /** Where a visit's frames are: {@code [first, first + photoFrames)} show the person. */
    public record VisitFrames(VisitorStream.Visit visit, int first, int photoFrames) {
    }

    private final Shape shape;
    private final List<VisitFrames> visits = new ArrayList<>();
    /** For each frame: the visit's index, or -1 for an empty doorstep. */
    private final int[] visitOf;
    private final Map<Path, Mat> photos = new HashMap<>();
    private final Map<Path, FaceBox> faces = new HashMap<>();
    private final int count;

    /**
     * Decodes every photo of the stream and finds its face (the largest) with {@code engine}.
     *
     * @throws ImageReadException for a photo that cannot be read
     */
    public DoorstepVideo(VisitorStream stream, Shape shape, FaceEngine engine) throws ImageReadException {
        this.shape = shape;
        int n = 0;
        for (VisitorStream.Visit v : stream.visits()) {
            int frames = v.frames().size() * shape.framesEach();
            visits.add(new VisitFrames(v, n, frames));
            n += frames + shape.gap();
            for (Replay.Entry e : v.frames()) {
                if (!photos.containsKey(e.file())) {
                    Mat photo = ImageFiles.readBgr(e.file());
                    photos.put(e.file(), photo);
                    faces.put(e.file(), labelledFace(engine, photo));
                }
            }
        }
        this.count = n;
        this.visitOf = new int[n];
        java.util.Arrays.fill(visitOf, -1);
        for (int i = 0; i < visits.size(); i++) {
            VisitFrames vf = visits.get(i);
            java.util.Arrays.fill(visitOf, vf.first(), vf.first() + vf.photoFrames(), i);
        }
    }

    /**
     * The face nearest the photo's centre: LFW centres the person the photo is labelled with. In a
     * photo where the detector finds none, where LFW puts it: a box 42% of the photo's height at
     * its centre (the photo is shown at that size, and may give no face in the video either, as
     * it gives none as a still).
     */
    static FaceBox labelledFace(FaceEngine engine, Mat photo) {
        List<FaceBox> boxes = engine.detect(photo, 0);
        if (boxes.isEmpty()) {
            boxes = engine.detect(photo, 1);
        }
        if (boxes.isEmpty()) {
            int side = (int) Math.round(0.42 * photo.rows());
            int left = (photo.cols() - side) / 2;
            int top = (photo.rows() - side) / 2;
            return new FaceBox(top, left + side - 1, top + side - 1, left);
        }
        double cx = photo.cols() / 2.0;
        double cy = photo.rows() / 2.0;
        // the face's pixels in the photo (the engine's boxes may end one past it, as face_recognition's do)
        return boxes.stream().map(b -> b.clippedTo(photo.cols(), photo.rows())).min(java.util.Comparator.comparingDouble((FaceBox b) ->
                Math.pow((b.left() + b.right()) / 2.0 - cx, 2) + Math.pow((b.top() + b.bottom()) / 2.0 - cy, 2))).orElseThrow();
    }

    public Shape shape() {
        return shape;
    }

    public List<VisitFrames> visits() {
        return visits;
    }

    /** The index of the visit frame {@code i} shows, or -1 for an empty doorstep. */
    public int visitOf(int i) {
        return visitOf[i];
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public void render(int i, Mat into) {
        int v = visitOf[i];
        if (v < 0) {
            into.create(shape.height(), shape.width(), CvType.CV_8UC3);
            into.setTo(DOORSTEP);
            return;
        }
        VisitFrames vf = visits.get(v);
        int k = i - vf.first();
        Path file = vf.visit().frames().get(k / shape.framesEach()).file();
        double progress = progress(vf, k);
        Drawn drawn = drawn(shape, vf, i);
        Mat frame = DoorstepClip.scene(photos.get(file), faces.get(file), drawn.height(), drawn.centreX() - shape.width() / 2.0,
                shape.width(), shape.height());
        try {
            if (shape.walkUp()) {
                // a head turning a little: up to 6 degrees each way, once over the visit
                double degrees = 6 * Math.sin(2 * Math.PI * progress);
                Mat rotation = Imgproc.getRotationMatrix2D(new Point(shape.width() / 2.0, shape.height() / 2.0), degrees, 1);
                Imgproc.warpAffine(frame, into, rotation, frame.size(), Imgproc.INTER_LINEAR, org.opencv.core.Core.BORDER_CONSTANT,
                        DOORSTEP);
                rotation.release();
            } else {
                frame.copyTo(into);
            }
        } finally {
            frame.release();
        }
    }

    /**
     * Where frame {@code i} of a visit shows the visit's own face: its centre and height in the frame.
     */
    public record Drawn(double centreX, double centreY, int height) {
    }

    /** Where frame {@code i} (one of {@code vf}'s) shows the visit's face. */
    static Drawn drawn(Shape shape, VisitFrames vf, int i) {
        int k = i - vf.first();
        double scale = shape.walkUp() ? 0.6 + 0.4 * progress(vf, k) : 1;
        double dx = shape.drift() * (k - vf.photoFrames() / 2.0);
        // a walk-up's turn is about the frame's centre, which the face's centre stays near
        return new Drawn(shape.width() / 2.0 + dx, shape.height() / 2.0, (int) Math.round(shape.faceHeight() * scale));
    }

    private static double progress(VisitFrames vf, int k) {
        return vf.photoFrames() <= 1 ? 1 : (double) k / (vf.photoFrames() - 1);
    }

    /** Releases the decoded photos. */
    public void release() {
        photos.values().forEach(Mat::release);
        photos.clear();
    }
}
