package org.doorbell.display;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.doorbell.face.FaceBox;

/**
 * The camera picture fitted into an area (aspect kept, letterboxed), each face's box with its
 * label in a bar under it, and the status banner.
 */
final class LiveView {
    static final String STARTING = "Starting camera...";

    private LiveView() {
    }

    static void paint(Graphics2D g, Layout layout, Rectangle area, FrameBuffer.Slot frame) {
        g.setColor(Theme.BACKGROUND);
        g.fillRect(area.x, area.y, area.width, area.height);
        BufferedImage video = frame.video();
        String status = frame.status();
        if (video != null) {
            Rectangle shown = Layout.fit(video.getWidth(), video.getHeight(), area);
            g.drawImage(video, shown.x, shown.y, shown.width, shown.height, null);
            double scale = shown.width / (double) video.getWidth();
            for (FaceOverlay face : frame.faces()) {
                paintFace(g, layout, face, toScreen(face.box(), shown, scale), shown);
            }
        } else if (status == null) {
            status = STARTING;
        }
        if (status != null) {
            Theme.banner(g, layout, area, status);
        }
    }

    /** A box in video pixels as screen pixels, for video drawn at {@code shown} with this scale. */
    static Rectangle toScreen(FaceBox box, Rectangle shown, double scale) {
        int x0 = shown.x + (int) Math.round(box.left() * scale);
        int y0 = shown.y + (int) Math.round(box.top() * scale);
        int x1 = shown.x + (int) Math.round((box.right() + 1) * scale);
        int y1 = shown.y + (int) Math.round((box.bottom() + 1) * scale);
        return new Rectangle(x0, y0, x1 - x0, y1 - y0);
    }

    /** The box, and the label in a bar under it (above its bottom edge where the picture ends). */
    private static void paintFace(Graphics2D g, Layout layout, FaceOverlay face, Rectangle box, Rectangle shown) {
        g.setColor(Theme.colour(face.kind()));
        g.setStroke(Theme.stroke(layout, 3));
        g.drawRect(box.x, box.y, box.width, box.height);
        String label = face.label();
        if (label == null || label.isEmpty()) {
            return;
        }
        g.setFont(Theme.font(layout, 20, true));
        FontMetrics fm = g.getFontMetrics();
        int pad = layout.px(8);
        int h = fm.getHeight() + pad;
        int w = Math.max(box.width + 1, fm.stringWidth(label) + 2 * pad);
        int x = Math.max(shown.x, Math.min(box.x, shown.x + shown.width - w));
        int y = Math.min(box.y + box.height, shown.y + shown.height - h);
        g.fillRect(x, y, w, h);
        g.setColor(Theme.ON_COLOUR);
        g.drawString(label, x + (w - fm.stringWidth(label)) / 2, y + pad / 2 + fm.getAscent());
    }
}
