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
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
 * <p>{@link #show} only copies the frame into a buffer and asks for a repaint, so the video
 * thread never waits for painting; frames that come faster than the screen paints replace each
 * other. Esc, q or closing the window sets {@link #quitRequested()}.
 */
public final class SwingDisplay implements Display {
    private static final Logger log = LoggerFactory.getLogger(SwingDisplay.class);
    private static final String QUIT = "quit";

    /** Which screen is up. */
    public enum Screen { LIVE, LIST, CARD }

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

    /** The visitor whose card is up; empty on the other screens. */
    public OptionalLong shownVisitorId() {
        return panel.shownVisitorId();
    }

    /**
     * Where the index-th recent visitor's thumbnail is drawn on the live screen (whether or not
     * there is a visitor for it), in the window content's pixels: a test taps its centre.
     */
    public Rectangle stripThumbnailBounds(int index) {
        return panel.currentLayout().stripThumbnail(index);
    }

    /** The "Visitors" button of the live screen, in the window content's pixels. */
    public Rectangle visitorsButtonBounds() {
        return panel.currentLayout().visitorsButton();
    }

    /** The "Back" button of the card and the list, in the window content's pixels. */
    public Rectangle backButtonBounds() {
        return panel.currentLayout().backButton();
    }

    /** How many pixels the visitors list is scrolled down. */
    public int listScrollOffset() {
        return panel.listOffset();
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
