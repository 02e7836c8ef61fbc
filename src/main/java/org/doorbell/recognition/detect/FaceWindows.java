package org.doorbell.recognition.detect;

import java.util.List;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEngine;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Finds a followed face again in a window around where it was (the box and {@link #MARGIN} of its
 * size on each side), instead of in the whole frame. The window is searched at one scale: that of
 * the level of the whole-frame search's image pyramid at which the face was found (HOG scans an
 * 80-pixel window over a pyramid whose levels shrink by 5/6). Only the face's place comes from the
 * window; it keeps the size of its box (boxes come in steps of 20%, one per level, and a face
 * between two levels would swing from one to the other from frame to frame, each size giving a
 * different encoding), which changes with the next whole-frame search; the size the window found
 * comes too, for a face that is not the one followed (a new face where the followed one was is
 * encoded in a box of its own size). An 80-pixel face costs a
 * 160x160 search, a small part of a 640x480 frame. One thread only; the buffer is reused.
 */
public final class FaceWindows {
    static final double MARGIN = 0.5;
    /** The HOG detector's window, and the face height at pyramid level 0. */
    static final double WINDOW = 80;
    /** How much each pyramid level shrinks the one before. */
    static final double LEVEL = 5.0 / 6;

    /**
     * A followed face found again.
     *
     * @param box where it is now, at the size its follow has
     * @param own the box the detector found, at its own size
     */
    public record Hit(FaceBox box, FaceBox own) {
        /** Whether the detector found it at another size than the follow's: a pyramid step or more. */
        public boolean resized() {
            double ratio = (double) Math.max(own.height(), box.height()) / Math.min(own.height(), box.height());
            return ratio > 1.1;
        }
    }

    private final FaceEngine engine;
    private final Mat window = new Mat();

    public FaceWindows(FaceEngine engine) {
        this.engine = engine;
    }

    /**
     * The scale at which the whole-frame search, at {@code wholeScale} (resize and upsampling
     * together), finds a face {@code height} pixels tall: that of its pyramid level.
     */
    static double levelScale(int height, double wholeScale) {
        double level = Math.floor(Math.log(height * wholeScale / WINDOW) / Math.log(1 / LEVEL) + 0.25);
        // a face found below the window size (the detector takes faces a little smaller) is searched for a level up
        return wholeScale * Math.pow(LEVEL, Math.max(-2, level));
    }

    /**
     * The face in the window around {@code last} that overlaps it most, or null if none does.
     *
     * @param wholeScale the whole-frame search's scale (resize and upsampling together)
     */
    public Hit find(Mat frame, FaceBox last, double wholeScale) {
        int mx = (int) Math.round(last.width() * MARGIN);
        int my = (int) Math.round(last.height() * MARGIN);
        int x = Math.max(0, last.left() - mx);
        int y = Math.max(0, last.top() - my);
        int w = Math.min(frame.cols(), last.right() + 1 + mx) - x;
        int h = Math.min(frame.rows(), last.bottom() + 1 + my) - y;
        if (w < last.width() / 2 || h < last.height() / 2 || w <= 0 || h <= 0) {
            return null;
        }
        double scale = levelScale(last.height(), wholeScale);
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
            FaceBox inFrame = b.clippedTo(window.cols(), window.rows()).scaled(1 / scale);  // inside the window
            inFrame = new FaceBox(inFrame.top() + y, inFrame.right() + x, inFrame.bottom() + y, inFrame.left() + x)
                    .clippedTo(frame.cols(), frame.rows());
            double iou = inFrame.iou(last);
            if (iou > bestIou) {
                best = inFrame;
                bestIou = iou;
            }
        }
        if (best == null) {
            return null;
        }
        // the position from the window, the size from before: sizes come in steps of 20%, one per pyramid
        // level, and a face between two levels would swing from one to the other from frame to frame
        int cx = (best.left() + best.right()) / 2;
        int cy = (best.top() + best.bottom()) / 2;
        int left = cx - (last.width() - 1) / 2;
        int top = cy - (last.height() - 1) / 2;
        FaceBox kept = new FaceBox(top, left + last.width() - 1, top + last.height() - 1, left)
                .clippedTo(frame.cols(), frame.rows());
        return new Hit(kept, best);
    }

    public void release() {
        window.release();
    }
}
