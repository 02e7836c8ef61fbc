package org.doorbell.display;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;

/**
 * A yes-or-no question before something that cannot be undone, such as forgetting a visitor: a
 * box over the dimmed card with the visitor's face, the question, a line saying what happens,
 * "Cancel", and the confirming button in the warning colour. Draws only; the answer is read from
 * {@link Layout#confirmOk()} and {@link Layout#confirmCancel()}.
 */
final class ConfirmView {
    private final Thumbnails thumbnails;

    ConfirmView(Thumbnails thumbnails) {
        this.thumbnails = thumbnails;
    }

    /**
     * @param question such as "Forget Visitor #7?"
     * @param detail   such as "Their faces and photos are deleted."
     * @param confirm  the confirming button's label, such as "Forget"
     * @param pressed  where a finger is down (lights the button under it), or null
     */
    void paint(Graphics2D g, Layout layout, VisitorCard card, String question, String detail, String confirm,
               Point pressed) {
        g.setColor(Theme.SCRIM);
        g.fillRect(0, 0, layout.width, layout.height);
        Rectangle box = layout.confirmDialog();
        int arc = layout.px(24);
        g.setColor(Theme.PANEL);
        g.fillRoundRect(box.x, box.y, box.width, box.height, arc, arc);
        g.setColor(Theme.WARNING);
        g.setStroke(Theme.stroke(layout, 2));
        g.drawRoundRect(box.x, box.y, box.width - 1, box.height - 1, arc, arc);

        int pad = layout.px(32);
        Rectangle cancel = layout.confirmCancel();
        int side = Math.max(0, Math.min(layout.px(160), cancel.y - box.y - 2 * pad));
        Rectangle face = new Rectangle(box.x + pad, box.y + pad, side, side);
        if (card != null) {
            thumbnails.draw(g, card, face);
        }
        int x = face.x + face.width + pad;
        int width = box.x + box.width - pad - x;
        g.setFont(Theme.font(layout, 34, true));
        FontMetrics big = g.getFontMetrics();
        g.setColor(Theme.TEXT);
        int y = face.y + big.getAscent();
        for (String line : Theme.wrap(question, big, width, 2)) {
            g.drawString(line, x, y);
            y += big.getHeight();
        }
        g.setFont(Theme.font(layout, 24, false));
        FontMetrics small = g.getFontMetrics();
        g.setColor(Theme.MUTED);
        // from the question's last baseline: its descent, a gap, then the detail's ascent
        y += -big.getHeight() + big.getDescent() + layout.px(14) + small.getAscent();
        for (String line : Theme.wrap(detail, small, width, 2)) {
            g.drawString(line, x, y);
            y += small.getHeight();
        }

        Rectangle ok = layout.confirmOk();
        Theme.button(g, layout, cancel, Header.CANCEL, lit(cancel, pressed) ? Theme.BUTTON.brighter() : Theme.BUTTON,
                Color.WHITE, 26);
        Theme.button(g, layout, ok, confirm, lit(ok, pressed) ? Theme.WARNING.brighter() : Theme.WARNING, Color.WHITE,
                26);
    }

    private static boolean lit(Rectangle r, Point pressed) {
        return pressed != null && r.contains(pressed);
    }
}
