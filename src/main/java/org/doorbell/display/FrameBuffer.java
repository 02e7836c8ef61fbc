package org.doorbell.display;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Hands camera frames from the video thread to the painter without either waiting for the other.
 *
 * <p>Three slots: the writer fills its own, then swaps it with the pending one under a short lock;
 * the painter swaps the pending one with its own when a newer frame is there. So neither ever
 * touches a slot the other is using, a frame that arrives before the last was painted simply
 * replaces it, and each slot's image is reused while the video size stays the same.
 */
final class FrameBuffer {

    /** One moment to paint. The image is null until video has arrived. */
    static final class Slot {
        private BufferedImage image;
        private boolean hasVideo;
        private List<FaceOverlay> faces = List.of();
        private List<VisitorCard> recent = List.of();
        private String status;

        /** The camera frame, TYPE_3BYTE_BGR, or null when there is none. */
        BufferedImage video() {
            return hasVideo ? image : null;
        }

        List<FaceOverlay> faces() {
            return faces;
        }

        List<VisitorCard> recent() {
            return recent;
        }

        /** The banner to show, or null. */
        String status() {
            return status;
        }
    }

    private final Object lock = new Object();
    private long painted;
    private Slot writing = new Slot();
    private Slot pending = new Slot();
    private Slot painting = new Slot();
    private boolean fresh;

    /**
     * Copies the frame into the writer's slot and makes it the pending one. Called by one video
     * thread at a time.
     *
     * @throws IllegalArgumentException if the video is not 8-bit, 3-channel BGR
     */
    void put(DisplayFrame frame) {
        Mat mat = frame.video();
        if ((mat == null || mat.empty()) && frame.status() != null) {
            keepPictureWithStatus(frame);
            return;
        }
        Slot slot = writing;
        slot.hasVideo = mat != null && !mat.empty();
        if (slot.hasVideo) {
            slot.image = copy(mat, slot.image);
        }
        slot.faces = frame.faces() == null ? List.of() : List.copyOf(frame.faces());
        slot.recent = frame.recent() == null ? List.of() : List.copyOf(frame.recent());
        slot.status = frame.status();
        synchronized (lock) {
            writing = pending;
            pending = slot;
            fresh = true;
        }
    }

    /**
     * A status without a picture (the camera is down): the newest picture already handed over
     * stays on screen under the banner, with the overlays given (none, normally). Only the
     * pending slot is written, under the lock; the slot being painted is only read.
     */
    private void keepPictureWithStatus(DisplayFrame frame) {
        List<FaceOverlay> faces = frame.faces() == null ? List.of() : List.copyOf(frame.faces());
        List<VisitorCard> recent = frame.recent() == null ? List.of() : List.copyOf(frame.recent());
        synchronized (lock) {
            if (!fresh && painting.hasVideo) {
                // the newest picture is the one on screen: carry it into the pending slot
                pending.image = copy(painting.image, pending.image);
                pending.hasVideo = true;
            }
            pending.faces = faces;
            pending.recent = recent;
            pending.status = frame.status();
            fresh = true;
        }
    }

    private static BufferedImage copy(BufferedImage from, BufferedImage reuse) {
        BufferedImage to = reuse != null && reuse.getWidth() == from.getWidth() && reuse.getHeight() == from.getHeight()
                ? reuse : new BufferedImage(from.getWidth(), from.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] src = ((DataBufferByte) from.getRaster().getDataBuffer()).getData();
        byte[] dst = ((DataBufferByte) to.getRaster().getDataBuffer()).getData();
        System.arraycopy(src, 0, dst, 0, src.length);
        return to;
    }

    /** The newest frame put, for the painter (one thread, the Swing thread). */
    Slot latest() {
        synchronized (lock) {
            if (fresh) {
                painted++;
                Slot old = painting;
                painting = pending;
                pending = old;
                fresh = false;
            }
            return painting;
        }
    }

    /**
     * The Mat's pixels in {@code reuse} when it has the same size, else in a new image. One
     * {@code Mat.get} fills the raster: OpenCV copies a non-continuous Mat (a region of a larger
     * one) row by row, following its step, into the packed raster.
     */
    static BufferedImage copy(Mat mat, BufferedImage reuse) {
        if (mat.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("video must be BGR 8UC3, got " + CvType.typeToString(mat.type()));
        }
        BufferedImage image = reuse;
        if (image == null || image.getWidth() != mat.cols() || image.getHeight() != mat.rows()) {
            image = new BufferedImage(mat.cols(), mat.rows(), BufferedImage.TYPE_3BYTE_BGR);
        }
        byte[] raster = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        mat.get(0, 0, raster);
        return image;
    }

    /** How many different frames have been handed to the painter so far. */
    long framesPainted() {
        synchronized (lock) {
            return painted;
        }
    }
}
