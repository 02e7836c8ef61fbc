package org.doorbell.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import org.doorbell.face.FaceBox;
import org.doorbell.image.OpenCv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/** The live picture painted off screen: banners, and boxes mapped from video to screen pixels. */
class LiveViewTest {
    private static final Layout LAYOUT = new Layout(1024, 600);

    @BeforeAll
    static void loadOpenCv() {
        OpenCv.load();
    }

    private static BufferedImage paint(DisplayFrame frame) {
        FrameBuffer buffer = new FrameBuffer();
        buffer.put(frame);
        BufferedImage screen = new BufferedImage(1024, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = screen.createGraphics();
        Theme.antialias(g);
        LiveView.paint(g, LAYOUT, LAYOUT.videoArea(), buffer.latest());
        g.dispose();
        return screen;
    }

    /** Pixels of the banner's light text in the middle of the video area. */
    private static int bannerText(BufferedImage screen) {
        Rectangle area = LAYOUT.videoArea();
        int n = 0;
        for (int y = area.y + area.height / 2 - 20; y < area.y + area.height / 2 + 20; y++) {
            for (int x = 200; x < 824; x++) {
                n += (screen.getRGB(x, y) & 0xff) > 200 ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void beforeAnyVideoSaysTheCameraIsStarting() {
        assertTrue(bannerText(paint(new DisplayFrame(null, List.of(), List.of(), null))) > 100);
    }

    @Test
    void statusIsShownOverTheVideo() {
        Mat grey = new Mat(480, 640, CvType.CV_8UC3, new Scalar(90, 90, 90));
        assertEquals(0, bannerText(paint(new DisplayFrame(grey, List.of(), List.of(), null))), "no banner");
        assertTrue(bannerText(paint(new DisplayFrame(grey, List.of(), List.of(), "Camera unavailable - retrying")))
                > 100);
    }

    @Test
    void boxesFollowTheVideoScale() {
        Mat black = new Mat(480, 640, CvType.CV_8UC3, new Scalar(0, 0, 0));
        FaceBox box = new FaceBox(100, 299, 199, 200);
        BufferedImage screen = paint(new DisplayFrame(black,
                List.of(new FaceOverlay(box, "", FaceOverlay.Kind.UNRECOGNISED)), List.of(), null));
        Rectangle shown = Layout.fit(640, 480, LAYOUT.videoArea());
        Rectangle onScreen = LiveView.toScreen(box, shown, shown.width / 640.0);
        assertEquals(shown.x + Math.round(200 * shown.width / 640.0), onScreen.x, 1);
        assertEquals(Math.round(100 * shown.width / 640.0), onScreen.width, 1);
        assertEquals(Theme.UNRECOGNISED.getRGB(), screen.getRGB(onScreen.x + onScreen.width / 2, onScreen.y));
        assertEquals(Color.BLACK.getRGB(), screen.getRGB(onScreen.x + onScreen.width / 2,
                onScreen.y + onScreen.height + 8), "no label, no bar");
    }
}
