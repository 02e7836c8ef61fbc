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
 * taps and drags into moves between the live screen, the visitors list and a visitor's card (and
 * the card's own screens, which its {@link CardEditor} runs). A press and release that moved less
 * than a finger's slop is a tap; more is a drag.
 */
final class DisplayPanel extends JComponent {
    private static final Logger log = LoggerFactory.getLogger(DisplayPanel.class);
    /** How far a finger may wander during a tap, in design pixels. */
    private static final int TAP_SLOP = 14;
    private static final int CARD_REFRESH_MS = 1000;
    /** How long a message stays up after the card was left. */
    private static final int TOAST_MS = 3000;

    private final FrameBuffer frames;
    private final Display.VisitorDirectory directory;
    private final VisitorStrip strip;
    private final VisitorCardView cardView;
    private final VisitorListView listView;
    /** The owner's corrections on the card, or null (no buttons on the card). */
    private final CardEditor editor;
    private final Timer cardRefresh;
    private final Timer toastTimer;

    private volatile SwingDisplay.Screen screen = SwingDisplay.Screen.LIVE;
    private volatile VisitorCard card;
    private volatile int listOffset;
    /** Where the card was opened from, and where it returns to when its visitor is forgotten. */
    private SwingDisplay.Screen cardOpenedFrom = SwingDisplay.Screen.LIVE;
    private String toast;

    private Point pressedAt;
    private Point lastDrag;
    private boolean dragging;

    DisplayPanel(FrameBuffer frames, Display.VisitorDirectory directory, VisitorActions actions, Clock clock) {
        this.frames = frames;
        this.directory = directory;
        Thumbnails thumbnails = new Thumbnails();
        strip = new VisitorStrip(thumbnails);
        cardView = new VisitorCardView(thumbnails, clock);
        listView = new VisitorListView(thumbnails, clock);
        editor = actions == null ? null : new CardEditor(actions, new EditorHost(), thumbnails, clock);
        cardRefresh = new Timer(CARD_REFRESH_MS, e -> refreshCard());
        toastTimer = new Timer(TOAST_MS, e -> {
            toast = null;
            repaint();
        });
        toastTimer.setRepeats(false);
        setOpaque(true);
        MouseAdapter touch = new Touch();
        addMouseListener(touch);
        addMouseMotionListener(touch);
        addMouseWheelListener(touch);
    }

    SwingDisplay.Screen screen() {
        return screen;
    }

    /** The visitor whose card is up, or whom the card's keyboard, picker or confirmation is about. */
    OptionalLong shownVisitorId() {
        VisitorCard c = card;
        return onCard(screen) && c != null ? OptionalLong.of(c.id()) : OptionalLong.empty();
    }

    int listOffset() {
        return listOffset;
    }

    Layout currentLayout() {
        return new Layout(getWidth(), getHeight());
    }

    /** The card's editor, or null where the owner cannot correct visitors. Swing thread only. */
    CardEditor editor() {
        return editor;
    }

    /** The message shown after the card was left, or null. Swing thread only. */
    String toast() {
        return toast;
    }

    /** Where this visitor's row is on the list or the merge picker, if one is up and it is in sight. */
    Optional<Rectangle> rowBounds(long id) {
        Layout layout = currentLayout();
        return switch (screen) {
            case LIST -> listView.rowBounds(layout, id);
            case SAME_PERSON -> editor.picker().rowBounds(layout, id);
            default -> Optional.empty();
        };
    }

    /** Stops the timers and the corrections' thread; called when the window goes. */
    void stop() {
        cardRefresh.stop();
        toastTimer.stop();
        if (editor != null) {
            editor.stop();
        }
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = (Graphics2D) graphics.create();
        try {
            Theme.antialias(g);
            Layout layout = currentLayout();
            FrameBuffer.Slot frame = frames.latest();
            SwingDisplay.Screen now = screen;
            VisitorCard c = card;
            Point finger = dragging ? null : pressedAt;
            if (now == SwingDisplay.Screen.LIVE) {
                strip.paint(g, layout, frame.recent());
                LiveView.paint(g, layout, layout.videoArea(), frame);
            } else {
                LiveView.paint(g, layout, new Rectangle(0, 0, layout.width, layout.height), frame);
                g.setColor(Theme.SCRIM);
                g.fillRect(0, 0, layout.width, layout.height);
                if (now == SwingDisplay.Screen.LIST) {
                    listView.paint(g, layout);
                } else if (c != null) {
                    if (now == SwingDisplay.Screen.CARD || now == SwingDisplay.Screen.FORGET) {
                        VisitorCardView.Status status = editor == null ? null : editor.status();
                        cardView.paint(g, layout, c, status, now == SwingDisplay.Screen.CARD ? finger : null);
                    }
                    if (now != SwingDisplay.Screen.CARD && editor != null) {
                        editor.paint(g, layout, now, c, finger);
                    }
                }
            }
            if (toast != null && (now == SwingDisplay.Screen.LIVE || now == SwingDisplay.Screen.LIST)) {
                Theme.banner(g, layout, layout.toast(), toast);
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
                    strip.cardAt(layout, frames.latest().recent(), p)
                            .ifPresent(v -> showCard(v, SwingDisplay.Screen.LIVE));
                }
            }
            case LIST -> {
                if (layout.backButton().contains(p)) {
                    showLive();
                } else {
                    listView.rowAt(layout, p).ifPresent(v -> showCard(v, SwingDisplay.Screen.LIST));
                }
            }
            case CARD -> {
                if (layout.backButton().contains(p)) {
                    showLive();
                } else if (editor != null) {
                    editor.tapCard(layout, p);
                }
            }
            case NAME -> editor.tapKeyboard(layout, p);
            case SAME_PERSON -> editor.tapPicker(layout, p);
            case FORGET -> editor.tapConfirm(layout, p);
        }
        repaint();
    }

    private void showLive() {
        leaveCard();
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
    private void showCard(VisitorCard tapped, SwingDisplay.Screen from) {
        card = fresh(tapped.id()).orElse(tapped);
        cardOpenedFrom = from;
        screen = SwingDisplay.Screen.CARD;
        cardRefresh.restart();
        log.debug("Showing visitor {}", tapped.id());
        repaint();
    }

    private void leaveCard() {
        cardRefresh.stop();
        card = null;
        if (editor != null) {
            editor.cardLeft();
        }
    }

    private void showToast(String message) {
        toast = message;
        toastTimer.restart();
    }

    private void refreshCard() {
        VisitorCard c = card;
        if (onCard(screen) && c != null) {
            card = fresh(c.id()).orElse(c);
            repaint();
        }
    }

    private Optional<VisitorCard> fresh(long id) {
        try {
            return directory.find(id);
        } catch (RuntimeException e) {
            log.warn("Cannot read visitor #{}: {}", id, e.toString());
            return Optional.empty();
        }
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

    private void scroll(int dy) {
        Layout layout = currentLayout();
        if (screen == SwingDisplay.Screen.LIST) {
            listView.scrollBy(layout, dy);
            listOffset = listView.offset();
        } else if (screen == SwingDisplay.Screen.SAME_PERSON) {
            editor.scrollPicker(layout, dy);
            listOffset = editor.picker().offset();
        } else {
            return;
        }
        repaint();
    }

    private static boolean onCard(SwingDisplay.Screen s) {
        return s != SwingDisplay.Screen.LIVE && s != SwingDisplay.Screen.LIST;
    }

    /** What the card's editor may do to the screen. */
    private final class EditorHost implements CardEditor.Host {
        @Override
        public VisitorCard card() {
            return card;
        }

        @Override
        public List<VisitorCard> visitors() {
            return DisplayPanel.this.visitors();
        }

        @Override
        public void show(SwingDisplay.Screen s) {
            if (!onCard(s)) {
                throw new IllegalArgumentException("not one of the card's screens: " + s);
            }
            if (s == SwingDisplay.Screen.SAME_PERSON) {
                listOffset = editor.picker().offset();
            }
            screen = s;
            repaint();
        }

        @Override
        public void showVisitor(long id) {
            card = fresh(id).orElse(card);
            screen = SwingDisplay.Screen.CARD;
            repaint();
        }

        @Override
        public void forgotten(String message) {
            leaveCard();
            if (cardOpenedFrom == SwingDisplay.Screen.LIST) {
                listView.reopen(currentLayout(), DisplayPanel.this.visitors());
                listOffset = listView.offset();
                screen = SwingDisplay.Screen.LIST;
            } else {
                screen = SwingDisplay.Screen.LIVE;
            }
            showToast(message);
            repaint();
        }
    }

    /** Mouse events, which is what the touchscreen sends. */
    private final class Touch extends MouseAdapter {
        @Override
        public void mousePressed(MouseEvent e) {
            pressedAt = e.getPoint();
            lastDrag = e.getPoint();
            dragging = false;
            repaint();
        }

        @Override
        public void mouseDragged(MouseEvent e) {
            if (pressedAt == null) {
                return;
            }
            if (!dragging && pressedAt.distance(e.getPoint()) > currentLayout().px(TAP_SLOP)) {
                dragging = true;
                repaint();
            }
            if (dragging) {
                scroll(lastDrag.y - e.getY());
            }
            lastDrag = e.getPoint();
        }

        @Override
        public void mouseReleased(MouseEvent e) {
            Point tapped = pressedAt != null && !dragging ? pressedAt : null;
            pressedAt = null;
            dragging = false;
            if (tapped != null) {
                tap(tapped);
            }
            repaint();
        }

        @Override
        public void mouseWheelMoved(MouseWheelEvent e) {
            scroll((int) Math.round(e.getPreciseWheelRotation() * currentLayout().rowHeight / 2));
        }
    }
}
