package org.doorbell.identity;

/**
 * How good a view of a face is, 0..1: larger and sharper is better, and both saturate where dlib's
 * encoding stops improving (a face 150 px tall, the ResNet's input size; a sharpness of 100, the
 * variance of the Laplacian of the face at 100x100, well above the quality gate's 15).
 */
public final class ViewQuality {
    private ViewQuality() {
    }

    public static double of(int faceHeightPx, double sharpness) {
        double size = Math.min(1.0, Math.max(0, faceHeightPx) / 150.0);
        double sharp = Math.min(1.0, Math.max(0, sharpness) / 100.0);
        return size * sharp;
    }
}
