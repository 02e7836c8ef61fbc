package org.doorbell.display;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Visitors' JPEG faces, fetched and decoded once and kept by visitor id (the least recently drawn
 * are dropped beyond {@value #CAPACITY}); a visitor whose picture changes is fetched again, and
 * decoded again if its JPEG differs. Only the faces drawn are fetched. Used on the Swing thread only.
 */
final class Thumbnails {
    static final int CAPACITY = 500;
    private static final Logger log = LoggerFactory.getLogger(Thumbnails.class);

    private record Entry(Supplier<byte[]> source, byte[] jpeg, BufferedImage image) {
    }

    private final Map<Long, Entry> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The visitor's face, or null if its JPEG cannot be decoded. */
    BufferedImage get(VisitorCard card) {
        Entry e = cache.get(card.id());
        if (e != null && e.source() == card.picture()) {
            return e.image();
        }
        byte[] jpeg = card.picture().get();
        if (e == null || (e.jpeg() != jpeg && !Arrays.equals(e.jpeg(), jpeg))) {
            e = new Entry(card.picture(), jpeg, decode(card.id(), jpeg));
        } else {
            e = new Entry(card.picture(), e.jpeg(), e.image());
        }
        cache.put(card.id(), e);
        return e.image();
    }

    /** Draws the visitor's face filling {@code r} (its centre, if not square), or a grey square if there is none. */
    void draw(Graphics2D g, VisitorCard card, Rectangle r) {
        BufferedImage image = get(card);
        if (image == null) {
            g.setColor(Theme.PANEL);
            g.fillRect(r.x, r.y, r.width, r.height);
            return;
        }
        int side = Math.min(image.getWidth(), image.getHeight());
        int sx = (image.getWidth() - side) / 2;
        int sy = (image.getHeight() - side) / 2;
        g.drawImage(image, r.x, r.y, r.x + r.width, r.y + r.height, sx, sy, sx + side, sy + side, null);
        g.setColor(new Color(255, 255, 255, 60));
        g.drawRect(r.x, r.y, r.width - 1, r.height - 1);
    }

    private static BufferedImage decode(long id, byte[] jpeg) {
        if (jpeg == null || jpeg.length == 0) {
            return null;
        }
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (image == null) {
                log.warn("Visitor {}: thumbnail is not a readable image", id);
            }
            return image;
        } catch (IOException e) {
            log.warn("Visitor {}: cannot decode thumbnail: {}", id, e.getMessage());
            return null;
        }
    }
}
