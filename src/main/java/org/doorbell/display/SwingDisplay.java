package org.doorbell.display;

import java.awt.Cursor;
import java.awt.Dimension;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.swing.AbstractAction;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The doorbell's touchscreen, drawn with Swing.
 *
 * <p>Why Swing: it is part of the JDK, so the Jetson needs no extra native UI stack; it draws
 * with Java2D straight onto X11; and a touchscreen's taps and drags reach it as ordinary mouse
 * events, so no touch library is needed.
 *
 * <p>Three screens. {@link Screen#LIVE}: the camera picture fitted under a strip of recent
 * visitors, each face boxed and labelled, with a "Visitors" button and any status banner.
 * Tapping a face in the strip opens {@link Screen#CARD}, that visitor's card; "Visitors" opens
 * {@link Screen#LIST}, every visitor, scrolled by dragging. "Back" returns to the live screen.
 * The card and the list read the {@link Display.VisitorDirectory} each time they open (the card
 * again every second, on the Swing thread, so keep it quick), and the video keeps moving behind
 * them. Everything is laid out from the window's current size (designed for 1024x600).
 *
 * <p>Given {@link VisitorActions}, the card has four buttons for the owner's corrections: Name
 * opens {@link Screen#NAME}, an on-screen keyboard; Same person as... opens
 * {@link Screen#SAME_PERSON}, the other visitors to pick the one to merge into this one; Not this
 * person splits the latest visit off at once; Forget asks first ({@link Screen#FORGET}). The
 * actions run on a thread of the display's own, never on the Swing thread; the card says what
 * each did, with "Undo" until the card is left.
 *
 * <p>{@link #show} only copies the frame into a buffer and asks for a repaint, so the video
 * thread never waits for painting; frames that come faster than the screen paints replace each
 * other. Esc, q or closing the window sets {@link #quitRequested()}.
 */
public final class SwingDisplay implements Display {
    private static final Logger log = LoggerFactory.getLogger(SwingDisplay.class);
    private static final String QUIT = "quit";

    /** Which screen is up. */
    public enum Screen {
        /** The camera picture and the recent visitors. */
        LIVE,
        /** Every visitor. */
        LIST,
        /** One visitor's card. */
        CARD,
        /** The on-screen keyboard naming the card's visitor. */
        NAME,
        /** The other visitors, to pick the one that is the same person as the card's. */
        SAME_PERSON,
        /** "Forget Visitor #N?", over the card. */
        FORGET
    }

    /** The card's buttons, left to right. */
    public enum CardButton { NAME, SAME_PERSON, NOT_THIS_PERSON, FORGET }

    private final FrameBuffer frames = new FrameBuffer();
    private final AtomicBoolean quit = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final DisplayPanel panel;
    private final JFrame window;

    private SwingDisplay(int width, int height, boolean fullscreen, VisitorDirectory directory, VisitorActions actions,
                         Clock clock) {
        panel = new DisplayPanel(frames, directory, actions, clock);
        window = new JFrame("Doorbell");
        window.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        window.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                requestQuit("window closed");
            }
        });
        bindQuitKeys();
        window.setContentPane(panel);
        if (fullscreen) {
            Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice()
                    .getDefaultConfiguration().getBounds();
            window.setUndecorated(true);
            window.setBounds(screen);
            panel.setCursor(blankCursor());
        } else {
            panel.setPreferredSize(new Dimension(width, height));
            window.pack();
            window.setLocationRelativeTo(null);
        }
        window.setVisible(true);
        window.toFront();
        panel.requestFocusInWindow();
        log.info("Display open: {}x{}{}", panel.getWidth(), panel.getHeight(), fullscreen ? ", full screen" : "");
    }

    /**
     * Opens the window, built on the Swing thread; returns once it is shown.
     *
     * @param width      window width when not full screen
     * @param height     window height when not full screen
     * @param fullscreen an undecorated window covering the whole screen, without a mouse pointer
     * @param directory  every visitor, for the list and the cards
     * @param actions    the owner's corrections from a card, or null for a screen without them
     * @param clock      time zone and "today" for the dates shown
     */
    public static SwingDisplay open(int width, int height, boolean fullscreen, VisitorDirectory directory,
                                    VisitorActions actions, Clock clock) {
        if (SwingUtilities.isEventDispatchThread()) {
            return new SwingDisplay(width, height, fullscreen, directory, actions, clock);
        }
        AtomicReference<SwingDisplay> display = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(
                    () -> display.set(new SwingDisplay(width, height, fullscreen, directory, actions, clock)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the display", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot open the display: " + e.getCause(), e.getCause());
        }
        return display.get();
    }

    /**
     * {@inheritDoc} Copies the video into a back buffer, the overlays and strip as lists, and asks
     * for a repaint.
     *
     * @throws IllegalArgumentException if the video is not BGR 8UC3
     */
    @Override
    public void show(DisplayFrame frame) {
        if (closed.get()) {
            return;
        }
        frames.put(frame);
        panel.repaint();
    }

    @Override
    public long framesPainted() {
        return frames.framesPainted();
    }

    @Override
    public boolean quitRequested() {
        return quit.get();
    }

    /** Disposes of the window on the Swing thread; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Runnable dispose = () -> {
            panel.stop();
            window.dispose();
            log.info("Display closed");
        };
        if (SwingUtilities.isEventDispatchThread()) {
            dispose.run();
        } else {
            SwingUtilities.invokeLater(dispose);
        }
    }

    /** The screen now up. */
    public Screen screen() {
        return panel.screen();
    }

    /**
     * The visitor whose card is up, or whom the card's keyboard, picker or confirmation is about;
     * empty on the live screen and the list.
     */
    public OptionalLong shownVisitorId() {
        return panel.shownVisitorId();
    }

    /**
     * The "Back" button of the card and the list, which is "Cancel" on the keyboard and the merge
     * picker, in the window content's pixels.
     */
    public Rectangle backButtonBounds() {
        return panel.currentLayout().backButton();
    }

    /** One of the card's buttons (there when the display was given {@link VisitorActions}). */
    public Rectangle cardButtonBounds(CardButton button) {
        return panel.currentLayout().cardAction(button.ordinal());
    }

    /** The card's "Undo", shown after a correction until the card is left. */
    public Rectangle undoButtonBounds() {
        return panel.currentLayout().cardUndo();
    }

    /**
     * A key of the on-screen keyboard by its label: a letter "A" to "Z", "Space", "Backspace",
     * "Shift", "Clear", "-" or "'"; empty for any other label.
     */
    public Optional<Rectangle> keyBounds(String label) {
        return new OnScreenKeyboard().keyBounds(panel.currentLayout(), label);
    }

    /** The keyboard's "OK". */
    public Rectangle keyboardOkBounds() {
        return panel.currentLayout().keyboardOk();
    }

    /**
     * The visible part of this visitor's row in the visitors list or the merge picker, whichever is
     * up; empty if the row is out of sight or neither is up.
     */
    public Optional<Rectangle> visitorRowBounds(long visitorId) {
        return onSwing(() -> panel.rowBounds(visitorId));
    }

    /** The confirming button ("Forget") of the confirmation. */
    public Rectangle confirmButtonBounds() {
        return panel.currentLayout().confirmOk();
    }

    /** "Cancel" of the confirmation. */
    public Rectangle confirmCancelBounds() {
        return panel.currentLayout().confirmCancel();
    }

    /** What is typed on the on-screen keyboard (kept after it closes, until it opens again). */
    public String typedName() {
        return onSwing(() -> panel.editor() == null ? "" : panel.editor().keyboard().text());
    }

    /** The card's message ("Saving…", what the last correction did, or why it was refused); empty if none. */
    public String cardMessage() {
        return onSwing(() -> {
            String m = panel.editor() == null ? null : panel.editor().status().message();
            return m == null ? "" : m;
        });
    }

    /** Whether the card shows "Undo". */
    public boolean undoShown() {
        return onSwing(() -> panel.editor() != null && panel.editor().status().undoable()
                && !panel.editor().saving() && panel.screen() == Screen.CARD);
    }

    /** Whether a correction is being saved. */
    public boolean saving() {
        return onSwing(() -> panel.editor() != null && panel.editor().saving());
    }

    /** The message shown on the live screen or the list after a visitor was forgotten; empty if none. */
    public String toastMessage() {
        return onSwing(() -> panel.toast() == null ? "" : panel.toast());
    }

    /** How many pixels the visitors list is scrolled down. */
    public int listScrollOffset() {
        return panel.listOffset();
    }

    /** Reads Swing-thread state from any thread. */
    private static <T> T onSwing(Supplier<T> read) {
        if (SwingUtilities.isEventDispatchThread()) {
            return read.get();
        }
        AtomicReference<T> value = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> value.set(read.get()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
        return value.get();
    }

    private void bindQuitKeys() {
        panel.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), QUIT);
        panel.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke(KeyEvent.VK_Q, 0), QUIT);
        panel.getActionMap().put(QUIT, new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                requestQuit("key");
            }
        });
    }

    private void requestQuit(String how) {
        if (quit.compareAndSet(false, true)) {
            log.info("Quit requested ({})", how);
        }
    }

    private static Cursor blankCursor() {
        BufferedImage none = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        return Toolkit.getDefaultToolkit().createCustomCursor(none, new Point(0, 0), "none");
    }
}
