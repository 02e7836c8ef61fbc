package org.doorbell.face;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FaceBoxTest {
    @Test
    void scalesABoxFoundAtQuarterSizeBackToTheFrame() {
        // a 25x25 box at 1/4 size covers 100x100 pixels of the frame
        FaceBox quarter = new FaceBox(10, 34, 34, 10);
        FaceBox full = quarter.scaled(4);
        assertEquals(new FaceBox(40, 139, 139, 40), full);
        assertEquals(4 * quarter.width(), full.width());
        assertEquals(4 * quarter.height(), full.height());
    }

    @Test
    void clipsToTheImage() {
        assertEquals(new FaceBox(0, 99, 49, 0), new FaceBox(-5, 120, 70, -3).clippedTo(100, 50));
    }

    @Test
    void trimsToTheImageAsFaceRecognitionDoes() {
        // _trim_css_to_bounds: max(top, 0), min(right, width), min(bottom, height), max(left, 0)
        assertEquals(new FaceBox(0, 100, 50, 0), new FaceBox(-5, 120, 70, -3).trimmedTo(100, 50));
        assertEquals(new FaceBox(3, 99, 49, 4), new FaceBox(3, 99, 49, 4).trimmedTo(100, 50));
        assertEquals(new FaceBox(3, 100, 50, 4), new FaceBox(3, 100, 50, 4).trimmedTo(100, 50));
    }

    @Test
    void arrayIsTopRightBottomLeft() {
        assertArrayEquals(new int[] {1, 2, 3, 4}, new FaceBox(1, 2, 3, 4).toArray());
    }
}
