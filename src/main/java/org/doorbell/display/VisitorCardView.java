package org.doorbell.display;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Composite;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * One visitor's card: the name (or "Visitor #N") in the header, a large face, whether at the door,
 * visits, when first and last seen. Where the owner can correct visitors, a row of four buttons
 * along the bottom (Name, Same person as..., Not this person, Forget) and, in the panel, what the
 * last correction did with "Undo".
 */
final class VisitorCardView {
    /** The card's buttons, left to right, in the order of {@link Layout#cardAction(int)}. */
    static final List<String> ACTIONS = List.of("Name", "Same person as…", "Not this person", "Forget");
    static final String UNDO = "Undo";

    /**
     * What the card shows of the owner's corrections.
     *
     * @param message  what the last correction did, "Saving…", or null
     * @param undoable whether "Undo" is shown
     * @param saving   a correction is being saved: the buttons are dimmed and do nothing
     * @param refused  the message says why the last correction was not made
     */
    record Status(String message, boolean undoable, boolean saving, boolean refused) {
    }

    private final Thumbnails thumbnails;
    private final Clock clock;

    VisitorCardView(Thumbnails thumbnails, Clock clock) {
        this.thumbnails = thumbnails;
        this.clock = clock;
    }

    /**
     * @param status  the corrections' state, or null for a card without buttons
     * @param pressed where a finger is down (lights the button under it), or null
     */
    void paint(Graphics2D g, Layout layout, VisitorCard card, Status status, Point pressed) {
        boolean actions = status != null;
        Header.paint(g, layout, card.title());
        Rectangle face = layout.cardFace(actions);
        thumbnails.draw(g, card, face);

        Rectangle panel = layout.cardPanel(actions);
        g.setColor(Theme.PANEL);
        int arc = layout.px(18);
        g.fillRoundRect(panel.x, panel.y, panel.width, panel.height, arc, arc);
        int pad = layout.px(24);
        int x = panel.x + pad;
        int width = panel.width - 2 * pad;
        int y = panel.y + pad;
        boolean here = card.atDoor() != null && card.atDoor().compareTo(Duration.ZERO) > 0;
        g.setFont(Theme.font(layout, 32, true));
        g.setColor(here ? Theme.KNOWN : Theme.MUTED);
        y += g.getFontMetrics().getAscent();
        g.drawString(Theme.fit(Texts.atDoor(card.atDoor()), g.getFontMetrics(), width), x, y);
        y += layout.px(6);
        // on a small screen, what does not fit above the message line is left out, first seen first
        int bottom = actions ? layout.cardMessage().y - layout.px(12) : panel.y + panel.height;
        int fits = (bottom - y) / fieldHeight(g, layout);
        if (fits >= 1) {
            y = field(g, layout, x, y, width, "Visits", card.visitsLabel());
        }
        if (fits >= 3) {
            y = field(g, layout, x, y, width, "First seen", Texts.when(card.firstSeen(), clock));
        }
        if (fits >= 2) {
            field(g, layout, x, y, width, "Last seen", Texts.when(card.lastSeen(), clock));
        }
        if (actions) {
            paintStatus(g, layout, status, pressed);
            paintButtons(g, layout, status.saving(), pressed);
        }
    }

    /** The last correction's message and "Undo", at the bottom of the panel. */
    private static void paintStatus(Graphics2D g, Layout layout, Status status, Point pressed) {
        if (status.message() == null || status.message().isBlank()) {
            return;
        }
        Rectangle line = status.undoable() && !status.saving() ? layout.cardMessage() : messageWithoutUndo(layout);
        Rectangle panel = layout.cardPanel(true);
        g.setColor(Theme.BACKGROUND);
        g.fillRect(panel.x + layout.px(24), line.y - layout.px(12), panel.width - 2 * layout.px(24), 1);
        g.setFont(Theme.font(layout, 22, !status.saving()));
        FontMetrics fm = g.getFontMetrics();
        g.setColor(status.saving() ? Theme.MUTED : status.refused() ? Theme.NEW : Theme.TEXT);
        List<String> lines = Theme.wrap(status.message(), fm, line.width, 2);
        int y = line.y + (line.height - lines.size() * fm.getHeight()) / 2 + fm.getAscent();
        for (String text : lines) {
            g.drawString(text, line.x, y);
            y += fm.getHeight();
        }
        if (status.undoable() && !status.saving()) {
            Rectangle undo = layout.cardUndo();
            Theme.button(g, layout, undo, UNDO, lit(undo, pressed) ? Theme.BUTTON.brighter() : Theme.BUTTON,
                    Color.WHITE, 26);
        }
    }

    /** The message line when there is no "Undo": the panel's whole width. */
    private static Rectangle messageWithoutUndo(Layout layout) {
        Rectangle message = layout.cardMessage();
        Rectangle undo = layout.cardUndo();
        return new Rectangle(message.x, message.y, undo.x + undo.width - message.x, message.height);
    }

    private static void paintButtons(Graphics2D g, Layout layout, boolean saving, Point pressed) {
        Composite normal = g.getComposite();
        if (saving) {
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.4f));
        }
        for (int i = 0; i < ACTIONS.size(); i++) {
            Rectangle r = layout.cardAction(i);
            boolean forget = i == ACTIONS.size() - 1;
            boolean lit = !saving && lit(r, pressed);
            if (forget) {
                // the one that cannot be undone: drawn apart, in the warning colour
                int arc = layout.px(16);
                g.setColor(lit ? Theme.KEY : Theme.PANEL);
                g.fillRoundRect(r.x, r.y, r.width, r.height, arc, arc);
                g.setColor(Theme.WARNING);
                g.setStroke(Theme.stroke(layout, 2));
                g.drawRoundRect(r.x + 1, r.y + 1, r.width - 3, r.height - 3, arc, arc);
                g.setFont(Theme.font(layout, 24, true));
                Theme.centred(g, Theme.fit(ACTIONS.get(i), g.getFontMetrics(), r.width - layout.px(12)), r);
            } else {
                Theme.button(g, layout, r, ACTIONS.get(i), lit ? Theme.BUTTON.brighter() : Theme.BUTTON, Color.WHITE,
                        24);
            }
        }
        g.setComposite(normal);
    }

    private static boolean lit(Rectangle r, Point pressed) {
        return pressed != null && r.contains(pressed);
    }

    /** How high {@link #field} is. */
    private static int fieldHeight(Graphics2D g, Layout layout) {
        FontMetrics small = g.getFontMetrics(Theme.font(layout, 19, false));
        FontMetrics big = g.getFontMetrics(Theme.font(layout, 29, false));
        return layout.px(18) + small.getAscent() + layout.px(4) + big.getAscent() + big.getDescent();
    }

    /** A small grey caption and its value under it; returns where the next one starts. */
    private static int field(Graphics2D g, Layout layout, int x, int y, int width, String caption, String value) {
        g.setFont(Theme.font(layout, 19, false));
        FontMetrics small = g.getFontMetrics();
        g.setColor(Theme.MUTED);
        y += layout.px(18) + small.getAscent();
        g.drawString(caption, x, y);
        g.setFont(Theme.font(layout, 29, false));
        FontMetrics big = g.getFontMetrics();
        g.setColor(Theme.TEXT);
        y += layout.px(4) + big.getAscent();
        g.drawString(Theme.fit(value, big, width), x, y);
        return y + big.getDescent();
    }
}
