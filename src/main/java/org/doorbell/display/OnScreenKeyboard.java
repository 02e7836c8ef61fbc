package org.doorbell.display;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The on-screen keyboard for a visitor's name, for a touchscreen with no keyboard attached:
 * letters in QWERTY rows, space, hyphen, apostrophe, backspace, "Clear" and shift, a text field
 * showing what is typed, "Cancel" in the header and "OK" beside the field. The first letter of
 * each word (after a space or a hyphen) comes out capitalised, the others small; shift turns the
 * next letter the other way ("McDonald", "van Dijk"). Holds the text being typed, at most
 * {@value #MAX_LENGTH} characters, and lays its keys out in {@link Layout#keyboardKeys()}. Swing
 * thread only.
 */
final class OnScreenKeyboard {
    static final int MAX_LENGTH = 40;
    static final String SHIFT = "Shift";
    static final String BACKSPACE = "Backspace";
    static final String SPACE = "Space";
    static final String CLEAR = "Clear";
    static final String HYPHEN = "-";
    static final String APOSTROPHE = "'";
    static final String OK = "OK";

    /** Key labels, row by row; letters are single upper-case characters. */
    private static final String[][] ROWS = {
            {"Q", "W", "E", "R", "T", "Y", "U", "I", "O", "P"},
            {"A", "S", "D", "F", "G", "H", "J", "K", "L"},
            {SHIFT, "Z", "X", "C", "V", "B", "N", "M", BACKSPACE},
            {CLEAR, SPACE, HYPHEN, APOSTROPHE}};
    /** Each key's width in key units; a row is {@value #UNITS} units wide. */
    private static final double[][] WIDTHS = {
            {1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
            {1, 1, 1, 1, 1, 1, 1, 1, 1},
            {1.5, 1, 1, 1, 1, 1, 1, 1, 1.5},
            {2, 6, 1, 1}};
    private static final double UNITS = 10;

    /** A key and where it is on the screen. */
    record Key(String label, Rectangle bounds) {
        boolean letter() {
            return label.length() == 1 && Character.isLetter(label.charAt(0));
        }
    }

    private final StringBuilder text = new StringBuilder();
    private boolean shift;

    /** Starts typing from {@code initial} (the visitor's current name, or null for none). */
    void start(String initial) {
        text.setLength(0);
        shift = false;
        if (initial != null) {
            String s = initial.strip();
            text.append(s, 0, Math.min(s.length(), MAX_LENGTH));
        }
    }

    /** What is typed so far. */
    String text() {
        return text.toString();
    }

    /** The name to save: what is typed, without spaces at either end. */
    String name() {
        return text.toString().strip();
    }

    /** Whether shift is on (for the next letter only). */
    boolean shifted() {
        return shift;
    }

    /** Whether the next letter comes out as a capital. */
    boolean capitalNext() {
        boolean wordStart = text.isEmpty() || endsWith(' ') || endsWith('-');
        return wordStart != shift;
    }

    /** Types the key with this label (as in {@link #keys}); unknown labels are ignored. */
    void press(String label) {
        switch (label) {
            case SHIFT -> shift = !shift;
            case BACKSPACE -> {
                if (!text.isEmpty()) {
                    text.setLength(text.length() - 1);
                }
                shift = false;
            }
            case CLEAR -> {
                text.setLength(0);
                shift = false;
            }
            case SPACE -> {
                if (!text.isEmpty() && !endsWith(' ')) {
                    append(' ');
                }
            }
            case HYPHEN, APOSTROPHE -> {
                if (!text.isEmpty() && !endsWith(' ')) {
                    append(label.charAt(0));
                }
            }
            default -> {
                if (label.length() == 1 && Character.isLetter(label.charAt(0))) {
                    char c = label.charAt(0);
                    append(capitalNext() ? Character.toUpperCase(c) : Character.toLowerCase(c));
                    shift = false;
                }
            }
        }
    }

    /** Every key, laid out in {@link Layout#keyboardKeys()}. */
    List<Key> keys(Layout layout) {
        Rectangle area = layout.keyboardKeys();
        int gap = layout.px(8);
        int rowHeight = (area.height - (ROWS.length - 1) * gap) / ROWS.length;
        double unit = (area.width - (UNITS - 1) * gap) / UNITS;
        List<Key> keys = new ArrayList<>();
        for (int r = 0; r < ROWS.length; r++) {
            double units = 0;
            for (double w : WIDTHS[r]) {
                units += w;
            }
            // a shorter row is centred, like the middle row of a real keyboard
            double x = area.x + (UNITS - units) / 2 * (unit + gap);
            int y = area.y + r * (rowHeight + gap);
            for (int k = 0; k < ROWS[r].length; k++) {
                double w = WIDTHS[r][k] * unit + (WIDTHS[r][k] - 1) * gap;
                keys.add(new Key(ROWS[r][k], new Rectangle((int) Math.round(x), y,
                        (int) Math.round(x + w) - (int) Math.round(x), rowHeight)));
                x += w + gap;
            }
        }
        return keys;
    }

    /** The key at {@code p}, if any. */
    Optional<Key> keyAt(Layout layout, Point p) {
        return keys(layout).stream().filter(k -> k.bounds().contains(p)).findFirst();
    }

    /** Where the key with this label is ("A", "Space", "Backspace", ...); empty if there is none. */
    Optional<Rectangle> keyBounds(Layout layout, String label) {
        return keys(layout).stream().filter(k -> k.label().equals(label)).map(Key::bounds).findFirst();
    }

    /**
     * The whole screen: header with {@code title} and "Cancel", the text field with "OK", the keys;
     * the key under {@code pressed} (a finger down, or null) lit.
     */
    void paint(Graphics2D g, Layout layout, String title, Point pressed) {
        Header.paint(g, layout, title, Header.CANCEL);
        paintField(g, layout);
        Rectangle ok = layout.keyboardOk();
        Theme.button(g, layout, ok, OK, lit(ok, pressed) ? Theme.KNOWN.brighter() : Theme.KNOWN, Theme.ON_COLOUR, 30);
        boolean capital = capitalNext();
        int arc = layout.px(14);
        for (Key key : keys(layout)) {
            Rectangle r = key.bounds();
            boolean on = key.label().equals(SHIFT) && shift;
            g.setColor(lit(r, pressed) ? Theme.BUTTON : on ? Theme.TEXT : Theme.KEY);
            g.fillRoundRect(r.x, r.y, r.width, r.height, arc, arc);
            g.setColor(on ? Theme.ON_COLOUR : Theme.TEXT);
            g.setFont(Theme.font(layout, key.letter() || key.label().length() == 1 ? 34 : 26, !key.letter()));
            Theme.centred(g, face(key, capital), r);
        }
    }

    private void paintField(Graphics2D g, Layout layout) {
        Rectangle field = layout.keyboardField();
        int arc = layout.px(16);
        g.setColor(Theme.PANEL);
        g.fillRoundRect(field.x, field.y, field.width, field.height, arc, arc);
        g.setColor(Theme.BUTTON);
        g.setStroke(Theme.stroke(layout, 2));
        g.drawRoundRect(field.x, field.y, field.width - 1, field.height - 1, arc, arc);
        int pad = layout.px(20);
        String count = text.length() + "/" + MAX_LENGTH;
        g.setFont(Theme.font(layout, 18, false));
        int countWidth = g.getFontMetrics().stringWidth(count);
        if (text.length() >= MAX_LENGTH - 10) {
            g.setColor(text.length() >= MAX_LENGTH ? Theme.NEW : Theme.MUTED);
            FontMetrics small = g.getFontMetrics();
            g.drawString(count, field.x + field.width - pad - countWidth,
                    field.y + (field.height - small.getHeight()) / 2 + small.getAscent());
        }
        g.setFont(Theme.font(layout, 34, false));
        FontMetrics fm = g.getFontMetrics();
        int room = field.width - 3 * pad - countWidth;
        String shown = text.toString();
        // the end of a long name, where the typing happens
        if (fm.stringWidth(shown) > room) {
            while (!shown.isEmpty() && fm.stringWidth("…" + shown) > room) {
                shown = shown.substring(1);
            }
            shown = "…" + shown;
        }
        int baseline = field.y + (field.height - fm.getHeight()) / 2 + fm.getAscent();
        int x = field.x + pad;
        if (shown.isEmpty()) {
            g.setColor(Theme.MUTED);
            g.drawString("Type a name", x + layout.px(8), baseline);
        } else {
            g.setColor(Theme.TEXT);
            g.drawString(shown, x, baseline);
        }
        int caretX = x + fm.stringWidth(shown) + layout.px(2);
        g.setColor(Theme.BUTTON);
        g.fillRect(caretX, baseline - fm.getAscent() + layout.px(4), Math.max(2, layout.px(3)), fm.getAscent());
    }

    /** What a key shows: its letter in the case it will type, or a symbol. */
    private static String face(Key key, boolean capital) {
        return switch (key.label()) {
            case SHIFT -> "⇧";
            case BACKSPACE -> "⌫";
            case SPACE -> "space";
            default -> key.letter() && !capital ? key.label().toLowerCase(Locale.ROOT) : key.label();
        };
    }

    private static boolean lit(Rectangle r, Point pressed) {
        return pressed != null && r.contains(pressed);
    }

    private boolean endsWith(char c) {
        return !text.isEmpty() && text.charAt(text.length() - 1) == c;
    }

    private void append(char c) {
        if (text.length() < MAX_LENGTH) {
            text.append(c);
        }
    }

    @Override
    public String toString() {
        return "keyboard[" + text + (shift ? ", shift" : "") + "]";
    }
}
