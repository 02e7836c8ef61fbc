package org.doorbell.face;

/**
 * A face's bounding box in image pixels, in face_recognition's order (top, right, bottom, left).
 * As in dlib, right and bottom are inclusive.
 */
public record FaceBox(int top, int right, int bottom, int left) {

    public int width() {
        return right - left + 1;
    }

    public int height() {
        return bottom - top + 1;
    }

    /** This box in an image {@code factor} times as large (e.g. 4 for a box found at 1/4 size). */
    public FaceBox scaled(double factor) {
        return new FaceBox((int) Math.round(top * factor), (int) Math.round((right + 1) * factor) - 1,
                (int) Math.round((bottom + 1) * factor) - 1, (int) Math.round(left * factor));
    }

    /**
     * This box trimmed to an image of the given size exactly as face_recognition trims dlib's
     * rectangles ({@code _trim_css_to_bounds}: {@code max(top, 0), min(right, width), min(bottom,
     * height), max(left, 0)}): the numbers face_recognition's {@code face_locations} gives. A box
     * cut by the right or bottom edge ends at {@code right == imageWidth} or {@code bottom ==
     * imageHeight}, one past the image's last column or row (face_recognition compares dlib's
     * inclusive right and bottom with the width and height), so crop with {@link #clippedTo}.
     */
    public FaceBox trimmedTo(int imageWidth, int imageHeight) {
        return new FaceBox(Math.max(top, 0), Math.min(right, imageWidth), Math.min(bottom, imageHeight),
                Math.max(left, 0));
    }

    /**
     * This box with every side moved inside an image of the given size: every pixel it covers is
     * in the image (right at most {@code imageWidth - 1}, bottom at most {@code imageHeight - 1}),
     * so that it can be cropped.
     */
    public FaceBox clippedTo(int imageWidth, int imageHeight) {
        return new FaceBox(Math.max(top, 0), Math.min(right, imageWidth - 1),
                Math.min(bottom, imageHeight - 1), Math.max(left, 0));
    }

    /** Intersection over union with another box (inclusive pixel corners), 0..1. */
    public double iou(FaceBox other) {
        int w = Math.min(right, other.right) - Math.max(left, other.left) + 1;
        int h = Math.min(bottom, other.bottom) - Math.max(top, other.top) + 1;
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = (double) w * h;
        return inter / ((double) width() * height() + (double) other.width() * other.height() - inter);
    }

    /** Whether either box holds the other's centre: the same face, even in boxes of different sizes. */
    public boolean sameFaceAs(FaceBox other) {
        return holdsCentreOf(other) || other.holdsCentreOf(this);
    }

    private boolean holdsCentreOf(FaceBox b) {
        int cx = (b.left + b.right) / 2;
        int cy = (b.top + b.bottom) / 2;
        return cx >= left && cx <= right && cy >= top && cy <= bottom;
    }

    /** {top, right, bottom, left}, the order of {@code doorbell faces --json}. */
    public int[] toArray() {
        return new int[] {top, right, bottom, left};
    }
}
