package org.doorbell.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Colours, fonts and the few shapes every view draws: buttons, banners, clipped text. */
final class Theme {
    static final Color BACKGROUND = new Color(0x12, 0x14, 0x18);
    static final Color PANEL = new Color(0x22, 0x26, 0x2d);
    static final Color SCRIM = new Color(0x12, 0x14, 0x18, 236);
    static final Color TEXT = new Color(0xf2, 0xf2, 0xf2);
    static final Color MUTED = new Color(0xa8, 0xb0, 0xba);
    static final Color BUTTON = new Color(0x2f, 0x6f, 0xd6);
    static final Color KNOWN = new Color(0x2e, 0xcc, 0x71);
    static final Color NEW = new Color(0xff, 0x95, 0x00);
    static final Color UNRECOGNISED = new Color(0xa0, 0xa0, 0xa0);
    static final Color UNSURE = new Color(0x5d, 0xad, 0xe2);
    static final Color ON_COLOUR = new Color(0x10, 0x10, 0x10);
    /** Actions that cannot be undone, such as forgetting a visitor. */
    static final Color WARNING = new Color(0xe5, 0x48, 0x3b);
    /** The on-screen keyboard's keys. */
    static final Color KEY = new Color(0x3a, 0x41, 0x4c);

    private static final String FAMILY = pickFamily();

    private Theme() {
    }

    /** DejaVu Sans where installed (it is on the appliance), else Java's logical sans-serif. */
    private static String pickFamily() {
        String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
        return Arrays.asList(families).contains("DejaVu Sans") ? "DejaVu Sans" : Font.SANS_SERIF;
    }

    static Font font(Layout layout, int designSize, boolean bold) {
        return new Font(FAMILY, bold ? Font.BOLD : Font.PLAIN, Math.max(12, layout.px(designSize)));
    }

    static Color colour(FaceOverlay.Kind kind) {
        return switch (kind) {
            case KNOWN_VISITOR -> KNOWN;
            case NEW_VISITOR -> NEW;
            case UNSURE -> UNSURE;
            case UNRECOGNISED -> UNRECOGNISED;
        };
    }

    static void antialias(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    }

    /** A filled, rounded button with its label centred. */
    static void button(Graphics2D g, Layout layout, Rectangle r, String label) {
        button(g, layout, r, label, BUTTON, Color.WHITE, 26);
    }

    /** A filled, rounded button in these colours, its label centred and shortened to fit. */
    static void button(Graphics2D g, Layout layout, Rectangle r, String label, Color fill, Color text,
                       int designSize) {
        g.setColor(fill);
        int arc = layout.px(16);
        g.fillRoundRect(r.x, r.y, r.width, r.height, arc, arc);
        g.setFont(font(layout, designSize, true));
        g.setColor(text);
        centred(g, fit(label, g.getFontMetrics(), r.width - layout.px(12)), r);
    }

    /** A dark rounded banner with one line of text, centred on {@code area}. */
    static void banner(Graphics2D g, Layout layout, Rectangle area, String text) {
        g.setFont(font(layout, 28, true));
        FontMetrics fm = g.getFontMetrics();
        int pad = layout.px(24);
        int w = Math.min(area.width - 2 * layout.margin, fm.stringWidth(text) + 2 * pad);
        int h = fm.getHeight() + pad;
        Rectangle box = new Rectangle(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h);
        g.setColor(new Color(0, 0, 0, 190));
        int arc = layout.px(18);
        g.fillRoundRect(box.x, box.y, box.width, box.height, arc, arc);
        g.setColor(TEXT);
        centred(g, fit(text, fm, box.width - pad), box);
    }

    /** Draws one line centred in {@code r} with the current font. */
    static void centred(Graphics2D g, String text, Rectangle r) {
        FontMetrics fm = g.getFontMetrics();
        int x = r.x + (r.width - fm.stringWidth(text)) / 2;
        int y = r.y + (r.height - fm.getHeight()) / 2 + fm.getAscent();
        g.drawString(text, x, y);
    }

    /** The text, shortened with an ellipsis to fit {@code width} pixels. */
    static String fit(String text, FontMetrics fm, int width) {
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && fm.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    /**
     * The text broken at spaces into at most {@code maxLines} lines of at most {@code width}
     * pixels, the last one shortened with an ellipsis if there is more.
     */
    static List<String> wrap(String text, FontMetrics fm, int width, int maxLines) {
        List<String> lines = new ArrayList<>();
        String rest = text.strip();
        while (!rest.isEmpty() && lines.size() < maxLines) {
            if (lines.size() == maxLines - 1 || fm.stringWidth(rest) <= width) {
                lines.add(fit(rest, fm, width));
                break;
            }
            int cut = rest.length();
            while (cut > 0 && fm.stringWidth(rest.substring(0, cut)) > width) {
                cut = rest.lastIndexOf(' ', cut - 1);
            }
            if (cut <= 0) {
                lines.add(fit(rest, fm, width));
                break;
            }
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut).strip();
        }
        return lines;
    }

    static BasicStroke stroke(Layout layout, int designWidth) {
        return new BasicStroke(Math.max(2, layout.px(designWidth)));
    }
}
