package org.doorbell.display;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;

/** Looking at screenshots: colours, pixels near a colour, pixels that changed. */
final class ScreenPixels {
    private ScreenPixels() {
    }

    static Point centre(Rectangle r) {
        return new Point(r.x + r.width / 2, r.y + r.height / 2);
    }

    /** How many different colours {@code r} has (1 for a plain area, thousands for a photo). */
    static int colours(BufferedImage image, Rectangle r) {
        Set<Integer> seen = new HashSet<>();
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                seen.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return seen.size();
    }

    /** How many pixels of {@code r} are within {@code tolerance} of {@code c} in each channel. */
    static int countNear(BufferedImage image, Rectangle r, Color c, int tolerance) {
        int n = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                if (distance(new Color(image.getRGB(x, y)), c) <= tolerance) {
                    n++;
                }
            }
        }
        return n;
    }

    /** How many pixels of {@code r} differ between two screenshots. */
    static int differing(BufferedImage a, BufferedImage b, Rectangle r) {
        int n = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                if (distance(new Color(a.getRGB(x, y)), new Color(b.getRGB(x, y))) > 40) {
                    n++;
                }
            }
        }
        return n;
    }

    static void assertColour(Color expected, BufferedImage image, int x, int y, String what) {
        Color got = new Color(image.getRGB(x, y));
        assertTrue(distance(got, expected) <= 30, what + " at (" + x + ", " + y + "): expected " + expected
                + ", got " + got);
    }

    static int distance(Color a, Color b) {
        return Math.max(Math.abs(a.getRed() - b.getRed()),
                Math.max(Math.abs(a.getGreen() - b.getGreen()), Math.abs(a.getBlue() - b.getBlue())));
    }
}
