package org.doorbell.display;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.time.Clock;
import java.time.Duration;

/** One visitor's card: a large face, when first and last seen, visits, and whether at the door. */
final class VisitorCardView {
    private final Thumbnails thumbnails;
    private final Clock clock;

    VisitorCardView(Thumbnails thumbnails, Clock clock) {
        this.thumbnails = thumbnails;
        this.clock = clock;
    }

    void paint(Graphics2D g, Layout layout, VisitorCard card) {
        Header.paint(g, layout, "Visitor #" + card.id());
        Rectangle content = layout.content();
        int gap = layout.px(32);
        int side = Math.min(layout.px(400), content.height - 2 * layout.margin);
        Rectangle face = new Rectangle(gap, content.y + layout.margin, side, side);
        thumbnails.draw(g, card, face);

        Rectangle panel = new Rectangle(face.x + face.width + gap, face.y, layout.width - face.width - 3 * gap, side);
        g.setColor(Theme.PANEL);
        int arc = layout.px(18);
        g.fillRoundRect(panel.x, panel.y, panel.width, panel.height, arc, arc);
        int pad = layout.px(24);
        int x = panel.x + pad;
        int width = panel.width - 2 * pad;
        int y = panel.y + pad;
        boolean here = card.atDoor() != null && card.atDoor().compareTo(Duration.ZERO) > 0;
        g.setFont(Theme.font(layout, 34, true));
        g.setColor(here ? Theme.KNOWN : Theme.MUTED);
        y += g.getFontMetrics().getAscent();
        g.drawString(Theme.fit(Texts.atDoor(card.atDoor()), g.getFontMetrics(), width), x, y);
        y += layout.px(20);
        y = field(g, layout, x, y, width, "Visits", card.visitsLabel());
        y = field(g, layout, x, y, width, "First seen", Texts.when(card.firstSeen(), clock));
        field(g, layout, x, y, width, "Last seen", Texts.when(card.lastSeen(), clock));
    }

    /** A small grey caption and its value under it; returns where the next one starts. */
    private static int field(Graphics2D g, Layout layout, int x, int y, int width, String caption, String value) {
        g.setFont(Theme.font(layout, 20, false));
        FontMetrics small = g.getFontMetrics();
        g.setColor(Theme.MUTED);
        y += layout.px(22) + small.getAscent();
        g.drawString(caption, x, y);
        g.setFont(Theme.font(layout, 32, false));
        FontMetrics big = g.getFontMetrics();
        g.setColor(Theme.TEXT);
        y += layout.px(6) + big.getAscent();
        g.drawString(Theme.fit(value, big, width), x, y);
        return y + big.getDescent();
    }
}
