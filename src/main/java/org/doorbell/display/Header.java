package org.doorbell.display;

import java.awt.Graphics2D;
import java.awt.Rectangle;

/**
 * The title bar of the card, the list, the keyboard and the merge picker: a title at the left,
 * "Back" (or "Cancel") at the right.
 */
final class Header {
    static final String BACK = "Back";
    static final String CANCEL = "Cancel";

    private Header() {
    }

    static void paint(Graphics2D g, Layout layout, String title) {
        paint(g, layout, title, BACK);
    }

    /** The header with {@code button} ("Back" or "Cancel") in the back button's place. */
    static void paint(Graphics2D g, Layout layout, String title, String button) {
        Rectangle back = layout.backButton();
        g.setColor(Theme.PANEL);
        g.fillRect(0, 0, layout.width, layout.headerHeight);
        g.setFont(Theme.font(layout, 32, true));
        g.setColor(Theme.TEXT);
        int gap = layout.px(32);
        Rectangle titleArea = new Rectangle(gap, 0, back.x - 2 * gap, layout.headerHeight);
        String shown = Theme.fit(title, g.getFontMetrics(), titleArea.width);
        int y = (layout.headerHeight - g.getFontMetrics().getHeight()) / 2 + g.getFontMetrics().getAscent();
        g.drawString(shown, titleArea.x, y);
        Theme.button(g, layout, back, button);
    }
}
