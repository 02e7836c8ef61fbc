package org.doorbell.display;

import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.swing.JComponent;
import javax.swing.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one component of the window: paints the current screen over the newest frame and turns
 * taps and drags into moves between the live screen, the visitors list and a visitor's card. A
 * press and release that moved less than a finger's slop is a tap; more is a drag.
 */
final class DisplayPanel extends JComponent {
    private static final Logger log = LoggerFactory.getLogger(DisplayPanel.class);
    /** How far a finger may wander during a tap, in design pixels. */
    private static final int TAP_SLOP = 14;
    private static final int CARD_REFRESH_MS = 1000;

    private final FrameBuffer frames;
    private final Display.VisitorDirectory directory;
    /** The owner's corrections, or null (no edit buttons on the card). */
    private final VisitorActions actions;
    private final VisitorStrip strip;
    private final VisitorCardView cardView;
    private final VisitorListView listView;
    private final Timer cardRefresh;

    private volatile SwingDisplay.Screen screen = SwingDisplay.Screen.LIVE;
    private volatile VisitorCard card;
    private volatile int listOffset;

    private Point pressedAt;
    private Point lastDrag;
    private boolean dragging;

    DisplayPanel(FrameBuffer frames, Display.VisitorDirectory directory, VisitorActions actions, Clock clock) {
        this.frames = frames;
        this.actions = actions;
        this.directory = directory;
        Thumbnails thumbnails = new Thumbnails();
        strip = new VisitorStrip(thumbnails);
        cardView = new VisitorCardView(thumbnails, clock);
        listView = new VisitorListView(thumbnails, clock);
        cardRefresh = new Timer(CARD_REFRESH_MS, e -> refreshCard());
        setOpaque(true);
        MouseAdapter touch = new Touch();
        addMouseListener(touch);
        addMouseMotionListener(touch);
        addMouseWheelListener(touch);
    }

    SwingDisplay.Screen screen() {
        return screen;
    }

    OptionalLong shownVisitorId() {
        VisitorCard c = card;
        return screen == SwingDisplay.Screen.CARD && c != null ? OptionalLong.of(c.id()) : OptionalLong.empty();
    }

    int listOffset() {
        return listOffset;
    }

    Layout currentLayout() {
        return new Layout(getWidth(), getHeight());
    }

    /** Stops the card's refresh; called when the window goes. */
    void stop() {
        cardRefresh.stop();
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = (Graphics2D) graphics.create();
        try {
            Theme.antialias(g);
            Layout layout = currentLayout();
            FrameBuffer.Slot frame = frames.latest();
            if (screen == SwingDisplay.Screen.LIVE) {
                strip.paint(g, layout, frame.recent());
                LiveView.paint(g, layout, layout.videoArea(), frame);
                return;
            }
            LiveView.paint(g, layout, new Rectangle(0, 0, layout.width, layout.height), frame);
            g.setColor(Theme.SCRIM);
            g.fillRect(0, 0, layout.width, layout.height);
            if (screen == SwingDisplay.Screen.CARD) {
                cardView.paint(g, layout, card);
            } else {
                listView.paint(g, layout);
            }
        } finally {
            g.dispose();
        }
    }

    private void tap(Point p) {
        Layout layout = currentLayout();
        switch (screen) {
            case LIVE -> {
                if (layout.visitorsButton().contains(p)) {
                    showList();
                } else {
                    strip.cardAt(layout, frames.latest().recent(), p).ifPresent(this::showCard);
                }
            }
            case LIST -> {
                if (layout.backButton().contains(p)) {
                    showLive();
                } else {
                    listView.rowAt(layout, p).ifPresent(this::showCard);
                }
            }
            case CARD -> {
                if (layout.backButton().contains(p)) {
                    showLive();
                }
            }
        }
    }

    private void showLive() {
        cardRefresh.stop();
        card = null;
        screen = SwingDisplay.Screen.LIVE;
        repaint();
    }

    private void showList() {
        listView.open(visitors());
        listOffset = 0;
        screen = SwingDisplay.Screen.LIST;
        log.debug("Showing the visitors list");
        repaint();
    }

    /** Shows the card with the directory's current data for this visitor, else what was tapped. */
    private void showCard(VisitorCard tapped) {
        card = fresh(tapped.id()).orElse(tapped);
        screen = SwingDisplay.Screen.CARD;
        cardRefresh.restart();
        log.debug("Showing visitor {}", tapped.id());
        repaint();
    }

    private void refreshCard() {
        VisitorCard c = card;
        if (screen == SwingDisplay.Screen.CARD && c != null) {
            card = fresh(c.id()).orElse(c);
            repaint();
        }
    }

    private Optional<VisitorCard> fresh(long id) {
        return visitors().stream().filter(v -> v.id() == id).findFirst();
    }

    private List<VisitorCard> visitors() {
        try {
            List<VisitorCard> all = directory.get();
            return all == null ? List.of() : all;
        } catch (RuntimeException e) {
            log.warn("Cannot read the visitors: {}", e.toString());
            return List.of();
        }
    }

    private void scrollList(int dy) {
        listView.scrollBy(currentLayout(), dy);
        listOffset = listView.offset();
        repaint();
    }

    /** Mouse events, which is what the touchscreen sends. */
    private final class Touch extends MouseAdapter {
        @Override
        public void mousePressed(MouseEvent e) {
            pressedAt = e.getPoint();
            lastDrag = e.getPoint();
            dragging = false;
        }

        @Override
        public void mouseDragged(MouseEvent e) {
            if (pressedAt == null) {
                return;
            }
            if (!dragging && pressedAt.distance(e.getPoint()) > currentLayout().px(TAP_SLOP)) {
                dragging = true;
            }
            if (dragging && screen == SwingDisplay.Screen.LIST) {
                scrollList(lastDrag.y - e.getY());
            }
            lastDrag = e.getPoint();
        }

        @Override
        public void mouseReleased(MouseEvent e) {
            if (pressedAt != null && !dragging) {
                tap(pressedAt);
            }
            pressedAt = null;
            dragging = false;
        }

        @Override
        public void mouseWheelMoved(MouseWheelEvent e) {
            if (screen == SwingDisplay.Screen.LIST) {
                scrollList((int) Math.round(e.getPreciseWheelRotation() * currentLayout().rowHeight / 2));
            }
        }
    }
}
