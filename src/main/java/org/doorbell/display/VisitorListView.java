package org.doorbell.display;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Shape;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A list of visitors, one row each (face, name or "Visitor #N", visits, last seen), scrolled by
 * dragging or the wheel: the "Visitors" screen, and the merge picker's choice of the other
 * visitors. Holds the rows read when the list was opened and how far they are scrolled; Swing
 * thread only. Only the rows in sight are read ({@link VisitorRows} makes a row's card when it is
 * first drawn), so a list of 100,000 visitors opens and scrolls as quickly as one of ten.
 */
final class VisitorListView {
    /** Drawn at the end of each row: tapping it opens the card. */
    private static final String MORE = "›";
    private final Thumbnails thumbnails;
    private final Clock clock;
    private VisitorRows rows = VisitorRows.of(List.of());
    private int offset;

    VisitorListView(Thumbnails thumbnails, Clock clock) {
        this.thumbnails = thumbnails;
        this.clock = clock;
    }

    /** Shows these rows from the top. */
    void open(List<VisitorCard> visitors) {
        rows = VisitorRows.of(visitors);
        offset = 0;
    }

    /** Shows these rows, scrolled as far as before where they are long enough. */
    void reopen(Layout layout, List<VisitorCard> visitors) {
        rows = VisitorRows.of(visitors);
        scrollBy(layout, 0);
    }

    /** How many rows there are. */
    int size() {
        return rows.size();
    }

    /** Pixels scrolled from the top. */
    int offset() {
        return offset;
    }

    /** Scrolls by {@code dy} pixels (positive: further down the list), within the list's length. */
    void scrollBy(Layout layout, int dy) {
        int max = Math.max(0, rows.size() * layout.rowHeight - layout.content().height);
        offset = Math.max(0, Math.min(max, offset + dy));
    }

    /** The visitor whose row is at {@code p}, if any. */
    Optional<VisitorCard> rowAt(Layout layout, Point p) {
        Rectangle content = layout.content();
        if (!content.contains(p)) {
            return Optional.empty();
        }
        int i = (p.y - content.y + offset) / layout.rowHeight;
        return i < rows.size() ? Optional.of(rows.get(i)) : Optional.empty();
    }

    /**
     * Where the row of visitor {@code id} is on the screen, cut to the part that is visible;
     * empty if it is not in the list or scrolled out of sight.
     */
    Optional<Rectangle> rowBounds(Layout layout, long id) {
        Rectangle content = layout.content();
        // only the rows in sight can have bounds: no card is made for the others
        int first = offset / layout.rowHeight;
        int last = Math.min(rows.size() - 1, (offset + content.height) / layout.rowHeight);
        for (int i = first; i <= last; i++) {
            if (rows.idAt(i) == id) {
                Rectangle row = new Rectangle(0, content.y + i * layout.rowHeight - offset, layout.width,
                        layout.rowHeight);
                Rectangle visible = row.intersection(content);
                return visible.isEmpty() ? Optional.empty() : Optional.of(visible);
            }
        }
        return Optional.empty();
    }

    /** The "Visitors" screen: the rows under a header with the count and "Back". */
    void paint(Graphics2D g, Layout layout) {
        paint(g, layout, "Visitors (" + rows.size() + ")", Header.BACK, "No visitors yet");
    }

    /** The rows under a header with this title and button; {@code empty} when there are none. */
    void paint(Graphics2D g, Layout layout, String title, String button, String empty) {
        Rectangle content = layout.content();
        if (rows.isEmpty()) {
            g.setFont(Theme.font(layout, 26, false));
            g.setColor(Theme.MUTED);
            Theme.centred(g, empty, content);
        } else {
            Shape clip = g.getClip();
            g.clipRect(content.x, content.y, content.width, content.height);
            int first = offset / layout.rowHeight;
            for (int i = first; i < rows.size(); i++) {
                int y = content.y + i * layout.rowHeight - offset;
                if (y >= content.y + content.height) {
                    break;
                }
                paintRow(g, layout, rows.get(i), y);
            }
            g.setClip(clip);
        }
        Header.paint(g, layout, title, button);
    }

    private void paintRow(Graphics2D g, Layout layout, VisitorCard card, int y) {
        int gap = layout.px(32);
        int side = layout.rowHeight - 2 * layout.margin;
        Rectangle face = new Rectangle(gap, y + layout.margin, side, side);
        thumbnails.draw(g, card, face);
        int x = face.x + face.width + layout.px(24);
        g.setFont(Theme.font(layout, 44, false));
        FontMetrics arrow = g.getFontMetrics();
        int arrowX = layout.width - gap - arrow.stringWidth(MORE);
        g.setColor(Theme.MUTED);
        g.drawString(MORE, arrowX, y + (layout.rowHeight - arrow.getHeight()) / 2 + arrow.getAscent());
        int width = arrowX - x - layout.px(16);

        g.setFont(Theme.font(layout, 26, true));
        FontMetrics title = g.getFontMetrics();
        g.setColor(Theme.TEXT);
        int line = face.y + (side - 2 * title.getHeight()) / 2 + title.getAscent();
        // a long name is shortened, never the visits after it
        String visits = "  ·  " + card.visitsLabel();
        String name = Theme.fit(card.title(), title, Math.max(0, width - title.stringWidth(visits)));
        g.drawString(Theme.fit(name + visits, title, width), x, line);
        g.setFont(Theme.font(layout, 21, false));
        g.setColor(Theme.MUTED);
        line += title.getHeight() + layout.px(4);
        g.drawString(Theme.fit("Last seen " + Texts.when(card.lastSeen(), clock), g.getFontMetrics(), width), x, line);

        g.setColor(Theme.PANEL);
        g.fillRect(gap, y + layout.rowHeight - 1, layout.width - 2 * gap, 1);
    }
}
