package org.doorbell.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEngine;
import org.doorbell.image.ImageFiles;
import org.doorbell.image.ImageReadException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * A doorstep clip for benchmarks, made from photos: each photo's face in turn, for
 * {@code framesEach} frames, drifting slowly sideways as someone waiting at a door does, at face
 * heights that step down from 150 to 63 pixels and back (in 480 lines; in proportion to other frame
 * heights), then, if asked, an empty doorstep for {@code gap} frames; on a {@code width x height}
 * frame, written as MJPEG in AVI at {@code fps} with GStreamer's {@code gst-launch-1.0}.
 */
public final class DoorstepClip {
    /** Face heights in a 480-line frame, in turn. */
    static final int[] FACE_HEIGHTS = {150, 120, 100, 80, 63, 90, 130, 70, 110, 63, 140};
    /** Sideways drift per frame, in pixels. */
    static final double DRIFT = 1.5;

    private DoorstepClip() {
    }

    /** Writes the clip; returns the number of frames. */
    public static int write(FaceEngine engine, List<Path> photos, Path out, int width, int height, int framesEach,
                            int gap, int fps) throws IOException, InterruptedException, ImageReadException {
        Path dir = Files.createTempDirectory("doorbell-clip-");
        try {
            List<Mat> frames = frames(engine, photos, width, height, framesEach, gap);
            for (int n = 0; n < frames.size(); n++) {
                Imgcodecs.imwrite(dir.resolve(String.format("f%05d.jpg", n)).toString(), frames.get(n));
                frames.get(n).release();
            }
            Process gst = new ProcessBuilder("gst-launch-1.0", "-q", "multifilesrc",
                    "location=" + dir + "/f%05d.jpg", "index=0", "caps=image/jpeg,framerate=" + fps + "/1", "!",
                    "avimux", "!", "filesink", "location=" + out.toAbsolutePath()).redirectErrorStream(true).start();
            String output = new String(gst.getInputStream().readAllBytes());
            if (gst.waitFor() != 0) {
                throw new IOException("gst-launch-1.0 could not write " + out + ": " + output.strip());
            }
            return frames.size();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The clip's frames, in memory (the caller releases them). */
    public static List<Mat> frames(FaceEngine engine, List<Path> photos, int width, int height, int framesEach)
            throws ImageReadException {
        return frames(engine, photos, width, height, framesEach, 0);
    }

    /** The clip's frames, with {@code gap} frames of an empty doorstep after each photo's. */
    public static List<Mat> frames(FaceEngine engine, List<Path> photos, int width, int height, int framesEach, int gap)
            throws ImageReadException {
        return frames(engine, photos, width, height, framesEach, gap, FACE_HEIGHTS);
    }

    /** The clip's frames, the faces at {@code faceHeights} (in a 480-line frame) in turn. */
    public static List<Mat> frames(FaceEngine engine, List<Path> photos, int width, int height, int framesEach, int gap,
                                   int... faceHeights) throws ImageReadException {
        List<Mat> frames = new ArrayList<>(photos.size() * framesEach);
        for (int p = 0; p < photos.size(); p++) {
            Mat photo = ImageFiles.readBgr(photos.get(p));
            try {
                FaceBox face = face(engine, photos.get(p), photo);
                int faceHeight = (int) Math.round(faceHeights[p % faceHeights.length] * height / 480.0);
                for (int i = 0; i < framesEach; i++) {
                    frames.add(scene(photo, face, faceHeight, DRIFT * (i - framesEach / 2.0), width, height));
                }
                for (int i = 0; i < gap; i++) {
                    frames.add(new Mat(height, width, CvType.CV_8UC3, new Scalar(90, 100, 110)));
                }
            } finally {
                photo.release();
            }
        }
        return frames;
    }

    private static FaceBox face(FaceEngine engine, Path file, Mat photo) {
        List<FaceBox> boxes = engine.detect(photo, 0);
        if (boxes.isEmpty()) {
            boxes = engine.detect(photo, 1);
        }
        if (boxes.isEmpty()) {
            throw new IllegalArgumentException("no face found in " + file);
        }
        // the face's pixels in the photo (the engine's boxes may end one past it, as face_recognition's do)
        return boxes.stream().map(b -> b.clippedTo(photo.cols(), photo.rows())).max(Comparator.comparingInt(FaceBox::height))
                .orElseThrow();
    }

    /** The photo scaled so the face is {@code faceHeight} tall, its centre {@code dx} right of the frame's. */
    public static Mat scene(Mat photo, FaceBox face, int faceHeight, double dx, int width, int height) {
        double f = (double) faceHeight / face.height();
        Mat scaled = new Mat();
        Imgproc.resize(photo, scaled, new Size(), f, f, f < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
        Mat frame = new Mat(height, width, CvType.CV_8UC3, new Scalar(90, 100, 110));
        try {
            // where the scaled photo's top-left corner lands in the frame
            int ox = (int) Math.round(width / 2.0 + dx - (face.left() + face.right()) / 2.0 * f);
            int oy = (int) Math.round(height / 2.0 - (face.top() + face.bottom()) / 2.0 * f);
            int x0 = Math.max(0, ox);
            int y0 = Math.max(0, oy);
            int x1 = Math.min(width, ox + scaled.cols());
            int y1 = Math.min(height, oy + scaled.rows());
            if (x1 > x0 && y1 > y0) {
                Mat from = scaled.submat(new Rect(x0 - ox, y0 - oy, x1 - x0, y1 - y0));
                Mat to = frame.submat(new Rect(x0, y0, x1 - x0, y1 - y0));
                from.copyTo(to);
                from.release();
                to.release();
            }
            return frame;
        } finally {
            scaled.release();
        }
    }
}
