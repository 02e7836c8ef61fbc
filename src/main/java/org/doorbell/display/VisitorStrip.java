package org.doorbell.display;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.util.List;
import java.util.Optional;

/**
 * The bar along the top of the live screen: recent visitors' faces, each with the owner's name
 * for the visitor (if any) and "First visit" or "N visits" under it, then the "Visitors" button.
 */
final class VisitorStrip {
    static final String VISITORS = "Visitors";

    private final Thumbnails thumbnails;

    VisitorStrip(Thumbnails thumbnails) {
        this.thumbnails = thumbnails;
    }

    void paint(Graphics2D g, Layout layout, List<VisitorCard> recent) {
        g.setColor(Theme.BACKGROUND);
        g.fillRect(0, 0, layout.width, layout.stripHeight);
        int shown = Math.min(recent.size(), layout.stripSlots());
        for (int i = 0; i < shown; i++) {
            VisitorCard card = recent.get(i);
            Rectangle face = layout.stripThumbnail(i);
            thumbnails.draw(g, card, face);
            Rectangle slot = layout.stripSlot(i);
            int y = face.y + face.height + layout.px(4);
            if (card.name() != null && !card.name().isBlank()) {
                g.setFont(Theme.font(layout, 17, true));
                g.setColor(Theme.TEXT);
                y = centredLine(g, layout, slot, y, card.title());
            }
            g.setFont(Theme.font(layout, 17, false));
            g.setColor(card.visits() <= 1 ? Theme.NEW : Theme.MUTED);
            centredLine(g, layout, slot, y, card.visitsLabel());
        }
        Theme.button(g, layout, layout.visitorsButton(), VISITORS);
    }

    /** One line centred in the slot, its top at {@code top}; returns the next line's top. */
    private static int centredLine(Graphics2D g, Layout layout, Rectangle slot, int top, String text) {
        FontMetrics fm = g.getFontMetrics();
        String label = Theme.fit(text, fm, slot.width - layout.px(4));
        g.drawString(label, slot.x + (slot.width - fm.stringWidth(label)) / 2, top + fm.getAscent());
        return top + fm.getHeight();
    }

    /** The card whose thumbnail or label is at {@code p}, if any. */
    Optional<VisitorCard> cardAt(Layout layout, List<VisitorCard> recent, Point p) {
        int shown = Math.min(recent.size(), layout.stripSlots());
        for (int i = 0; i < shown; i++) {
            if (layout.stripSlot(i).contains(p)) {
                return Optional.of(recent.get(i));
            }
        }
        return Optional.empty();
    }
}
