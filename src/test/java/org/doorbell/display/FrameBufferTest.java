package org.doorbell.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.doorbell.face.FaceBox;
import org.doorbell.image.OpenCv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

/** Frames from the video thread to the painter: exact pixels, reused images, newest wins. */
class FrameBufferTest {

    @BeforeAll
    static void loadOpenCv() {
        OpenCv.load();
    }

    /** Pixel (x, y) is B = x, G = y, R = x + y. */
    private static Mat pattern(int width, int height) {
        Mat m = new Mat(height, width, CvType.CV_8UC3);
        byte[] px = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                px[i] = (byte) x;
                px[i + 1] = (byte) y;
                px[i + 2] = (byte) (x + y);
            }
        }
        m.put(0, 0, px);
        return m;
    }

    private static void assertPattern(BufferedImage image, int x0, int y0) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int sx = x + x0;
                int sy = y + y0;
                assertEquals((sx + sy) & 0xff, (rgb >> 16) & 0xff, "red at " + x + "," + y);
                assertEquals(sy & 0xff, (rgb >> 8) & 0xff, "green at " + x + "," + y);
                assertEquals(sx & 0xff, rgb & 0xff, "blue at " + x + "," + y);
            }
        }
    }

    private static DisplayFrame frame(Mat video, String status) {
        return new DisplayFrame(video, List.of(), List.of(), status);
    }

    @Test
    void copiesEveryPixelOfAContinuousMat() {
        BufferedImage image = FrameBuffer.copy(pattern(64, 48), null);
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, image.getType());
        assertEquals(64, image.getWidth());
        assertEquals(48, image.getHeight());
        assertPattern(image, 0, 0);
    }

    @Test
    void followsTheStepOfARegionOfALargerMat() {
        Mat region = pattern(100, 80).submat(new Rect(7, 5, 50, 30));
        assertFalse(region.isContinuous());
        BufferedImage image = FrameBuffer.copy(region, null);
        assertEquals(50, image.getWidth());
        assertEquals(30, image.getHeight());
        assertPattern(image, 7, 5);
    }

    @Test
    void reusesTheImageWhileTheSizeStaysTheSame() {
        BufferedImage first = FrameBuffer.copy(pattern(32, 24), null);
        assertSame(first, FrameBuffer.copy(pattern(32, 24), first));
        assertNotSame(first, FrameBuffer.copy(pattern(24, 32), first));
    }

    @Test
    void refusesVideoThatIsNotBgr() {
        Mat grey = new Mat(10, 10, CvType.CV_8UC1, new Scalar(0));
        assertThrows(IllegalArgumentException.class, () -> FrameBuffer.copy(grey, null));
    }

    @Test
    void theNewestFrameReplacesOneNotYetPainted() {
        FrameBuffer buffer = new FrameBuffer();
        assertNull(buffer.latest().video(), "nothing yet");
        buffer.put(frame(new Mat(4, 4, CvType.CV_8UC3, new Scalar(1, 1, 1)), "a"));
        buffer.put(frame(new Mat(4, 4, CvType.CV_8UC3, new Scalar(2, 2, 2)), "b"));
        FrameBuffer.Slot painted = buffer.latest();
        assertEquals("b", painted.status());
        assertSame(painted, buffer.latest(), "no newer frame: the same one again");
    }

    @Test
    void framesPutWhilePaintingNeverTouchThePaintersImage() {
        FrameBuffer buffer = new FrameBuffer();
        buffer.put(frame(new Mat(4, 4, CvType.CV_8UC3, new Scalar(10, 10, 10)), "painting"));
        FrameBuffer.Slot painting = buffer.latest();
        for (int i = 0; i < 5; i++) {
            buffer.put(frame(new Mat(4, 4, CvType.CV_8UC3, new Scalar(99, 99, 99)), "later " + i));
            assertEquals(0x0a0a0a, painting.video().getRGB(2, 2) & 0xffffff);
            assertEquals("painting", painting.status());
        }
        assertEquals("later 4", buffer.latest().status());
    }

    @Test
    void keepsOverlaysStripAndStatusAndAllowsNoVideo() {
        FrameBuffer buffer = new FrameBuffer();
        FaceOverlay face = new FaceOverlay(new FaceBox(1, 2, 3, 0), "New visitor!", FaceOverlay.Kind.NEW_VISITOR);
        buffer.put(new DisplayFrame(null, List.of(face), List.of(), "Camera unavailable - retrying"));
        FrameBuffer.Slot slot = buffer.latest();
        assertNull(slot.video());
        assertEquals(List.of(face), slot.faces());
        assertEquals("Camera unavailable - retrying", slot.status());
    }

    @Test
    void aStatusWithoutVideoKeepsTheLastPictureWithoutItsBoxes() {
        FrameBuffer buffer = new FrameBuffer();
        Mat frame = new Mat(4, 6, CvType.CV_8UC3, new Scalar(10, 20, 30));
        try {
            List<FaceOverlay> faces = List.of(new FaceOverlay(new FaceBox(0, 2, 2, 0), "At door 1s",
                    FaceOverlay.Kind.KNOWN_VISITOR));
            buffer.put(new DisplayFrame(frame, faces, List.of(), null));
            assertEquals(1, buffer.latest().faces().size());
            buffer.put(new DisplayFrame(null, List.of(), List.of(), "Camera unavailable \u2014 retrying"));
            FrameBuffer.Slot shown = buffer.latest();
            assertEquals("Camera unavailable \u2014 retrying", shown.status());
            assertTrue(shown.video() != null, "the last picture stays on screen");
            assertEquals(6, shown.video().getWidth());
            assertTrue(shown.faces().isEmpty(), "no stale boxes");
        } finally {
            frame.release();
        }
    }
}
