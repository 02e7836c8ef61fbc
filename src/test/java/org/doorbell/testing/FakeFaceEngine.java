package org.doorbell.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEncoding;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.FaceSettings;
import org.doorbell.face.Landmarks;
import org.doorbell.image.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * A {@link FaceEngine} without models, for fast, deterministic tests of what is built around the
 * engine (threads, following, identity): a "face" is a striped rectangle drawn by {@link #draw},
 * whose blue channel says whose face it is. Detection finds every such rectangle at least
 * {@link #MIN_FACE} pixels tall, in any image (a whole frame, a window of one, at any scale), as
 * its exact box; a face's encoding is its person's, the same every time (a fixed random
 * direction per person). Calls take microseconds.
 */
public final class FakeFaceEngine implements FaceEngine {
    static {
        OpenCv.load();
    }

    /** The doorstep behind the faces (BGR). */
    public static final Scalar DOORSTEP = new Scalar(90, 100, 110);
    /** The smallest face detected, in pixels of the image searched. */
    public static final int MIN_FACE = 40;

    private final FaceSettings settings;
    private volatile boolean closed;

    public FakeFaceEngine() {
        this(TestFaces.settings());
    }

    private FakeFaceEngine(FaceSettings settings) {
        this.settings = settings;
    }

    /** Draws person {@code person}'s face (1..20) with its box at {@code box}. */
    public static void draw(Mat frame, int person, FaceBox box) {
        if (person < 1 || person > 20) {
            throw new IllegalArgumentException("person 1..20, not " + person);
        }
        double blue = 10.0 * person;
        for (int y = box.top(); y <= box.bottom(); y += 4) {
            // stripes two pixels apart: sharp enough for the quality gate; the blue channel is the person's
            Imgproc.rectangle(frame, new Point(box.left(), y), new Point(box.right(), Math.min(box.bottom(), y + 1)),
                    new Scalar(blue, 230, 230), -1);
            if (y + 2 <= box.bottom()) {
                Imgproc.rectangle(frame, new Point(box.left(), y + 2), new Point(box.right(), Math.min(box.bottom(), y + 3)),
                        new Scalar(blue, 20, 20), -1);
            }
        }
    }

    /** The encoding of person {@code person}'s face (0: no face there): a fixed direction of dlib's usual length. */
    public static FaceEncoding encodingOf(int person) {
        Random random = new Random(1000 + person);
        double[] v = new double[FaceEncoding.DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian() * 0.125;
        }
        return FaceEncoding.of(v);
    }

    @Override
    public FaceSettings settings() {
        return settings;
    }

    @Override
    public List<FaceBox> detect(Mat bgr, int upsample) {
        check();
        Mat mask = new Mat();
        Mat hierarchy = new Mat();
        List<MatOfPoint> contours = new ArrayList<>();
        try {
            // anything not the doorstep's colour is part of a face
            Core.inRange(bgr, new Scalar(DOORSTEP.val[0] - 3, DOORSTEP.val[1] - 3, DOORSTEP.val[2] - 3),
                    new Scalar(DOORSTEP.val[0] + 3, DOORSTEP.val[1] + 3, DOORSTEP.val[2] + 3), mask);
            Core.bitwise_not(mask, mask);
            // stripes and their gaps are one face
            Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_CLOSE,
                    Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new org.opencv.core.Size(5, 5)));
            Imgproc.findContours(mask, contours, hierarchy, Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_SIMPLE);
            double scale = Math.pow(2, upsample);
            List<FaceBox> out = new ArrayList<>();
            for (MatOfPoint c : contours) {
                Rect r = Imgproc.boundingRect(c);
                c.release();
                if (r.height * scale >= MIN_FACE) {
                    out.add(new FaceBox(r.y, r.x + r.width - 1, r.y + r.height - 1, r.x));
                }
            }
            out.sort((a, b) -> a.left() != b.left() ? Integer.compare(a.left(), b.left()) : Integer.compare(a.top(), b.top()));
            return out;
        } finally {
            mask.release();
            hierarchy.release();
        }
    }

    @Override
    public Landmarks landmarks(Mat bgr, FaceBox box) {
        check();
        int cx = (box.left() + box.right()) / 2;
        int cy = (box.top() + box.bottom()) / 2;
        return new Landmarks(box, new int[]{cx, cy, box.left(), cy, box.right(), cy, cx, box.top(), cx, box.bottom()});
    }

    @Override
    public List<FaceEncoding> encode(Mat bgr, List<Landmarks> faces) {
        check();
        List<FaceEncoding> out = new ArrayList<>(faces.size());
        for (Landmarks l : faces) {
            out.add(encodingOf(personAt(bgr, (l.box().left() + l.box().right()) / 2, (l.box().top() + l.box().bottom()) / 2)));
        }
        return out;
    }

    /** Whose face is drawn at or just above or below (x, y): 0 for none. */
    private static int personAt(Mat bgr, int x, int y) {
        for (int dy = 0; dy <= 4; dy++) {
            for (int yy : new int[]{y - dy, y + dy}) {
                if (yy >= 0 && yy < bgr.rows() && x >= 0 && x < bgr.cols()) {
                    double[] p = bgr.get(yy, x);
                    if (p[1] == 230 || p[1] == 20) {
                        return (int) Math.round(p[0] / 10);
                    }
                }
            }
        }
        return 0;
    }

    @Override
    public FaceEncoding encodeChip(Mat chip) {
        check();
        return encodingOf(personAt(chip, chip.cols() / 2, chip.rows() / 2));
    }

    @Override
    public FaceEngine openAnother() {
        check();
        return new FakeFaceEngine(settings);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void check() {
        if (closed) {
            throw new IllegalStateException("engine closed");
        }
    }

    /** A frame of the empty doorstep. */
    public static Mat doorstep(int width, int height) {
        return new Mat(height, width, CvType.CV_8UC3, DOORSTEP);
    }
}
