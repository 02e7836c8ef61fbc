package org.doorbell.face;

/**
 * The landmarks of one face: its box and the points of the shape predictor (5 or 68), as
 * {@code x0, y0, x1, y1, ...} in image pixels.
 */
public record Landmarks(FaceBox box, int[] points) {

    public int count() {
        return points.length / 2;
    }
}
