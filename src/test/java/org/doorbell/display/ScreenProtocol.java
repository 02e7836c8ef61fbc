package org.doorbell.display;

import java.awt.AWTEvent;
import java.awt.Container;
import java.awt.Frame;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.awt.event.MouseEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.doorbell.testing.Await;
import org.opencv.core.Mat;

/**
 * What the screen drivers ({@link ScreenDriver}, {@link StoreScreenDriver}) have in common: a
 * camera thread feeding a photo, and the commands read from stdin, one line answered per command:
 * <ul>
 *   <li>{@code state} → {@code state SCREEN VISITOR_ID|- LIST_OFFSET QUIT_REQUESTED SAVING UNDO_SHOWN}</li>
 *   <li>{@code where} → {@code where ORIGIN_X ORIGIN_Y WIDTH HEIGHT}: the window content on screen</li>
 *   <li>{@code bounds WHAT} → {@code bounds WHAT X Y WIDTH HEIGHT}, or {@code bounds WHAT none}: where
 *       to tap, in the window content; WHAT is {@code back}, {@code button:NAME} (a
 *       {@link SwingDisplay.CardButton}), {@code key:LABEL}, {@code ok}, {@code row:ID},
 *       {@code confirm}, {@code cancel} or {@code undo}</li>
 *   <li>{@code typed} → {@code typed TEXT}: what is typed on the keyboard</li>
 *   <li>{@code message} → {@code message TEXT}: the card's message</li>
 *   <li>{@code toast} → {@code toast TEXT}: the message after a visitor was forgotten</li>
 *   <li>{@code released} → {@code released N}: how many releases of the first mouse button the Swing
 *       thread has handled (counted on that thread, so every one counted has been handled in full)</li>
 *   <li>{@code painted} → {@code painted ok}, once the window shows what is up now: three video frames
 *       painted since the command (so one of them was made after it, with the strip as it is now), the
 *       paint under way finished, and the drawing flushed to the X server; {@code painted stalled} if
 *       the video stopped</li>
 *   <li>{@code quit} → closes the display and exits</li>
 * </ul>
 * and whatever more commands a driver answers (see {@link Commands}).
 */
final class ScreenProtocol {

    /** A driver's own commands. */
    @FunctionalInterface
    interface Commands {
        /**
         * @param command the first word of the line
         * @param arg     the rest of the line, or empty
         * @return the answer line, or null for a command the driver does not know
         */
        String answer(String command, String arg) throws Exception;
    }

    /** How long {@code painted} waits for the video. */
    private static final Duration PAINT_WAIT = Duration.ofSeconds(5);
    /** Releases of the first mouse button dispatched on the Swing thread. */
    private static final AtomicLong RELEASES = new AtomicLong();

    private ScreenProtocol() {
    }

    /**
     * Feeds {@code photo} with these overlays to the display 10 times a second, the strip's cards
     * read from {@code strip} each time, on a daemon thread of its own.
     */
    static Thread startCamera(SwingDisplay display, Mat photo, List<FaceOverlay> overlays,
                              Supplier<List<VisitorCard>> strip) {
        Thread camera = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                display.show(new DisplayFrame(photo, overlays, strip.get(), null));
                try {
                    Thread.sleep(100);  // the camera's frame rate (10 fps): pacing, not a wait for anything
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "camera");
        camera.setDaemon(true);
        camera.start();
        return camera;
    }

    /**
     * Says {@code ready}, then answers commands from stdin until {@code quit} or the end of the
     * input, and exits the JVM.
     */
    static void serve(SwingDisplay display, Thread camera, Commands own) throws Exception {
        Toolkit.getDefaultToolkit().addAWTEventListener(e -> {
            if (e.getID() == MouseEvent.MOUSE_RELEASED && ((MouseEvent) e).getButton() == MouseEvent.BUTTON1) {
                RELEASES.incrementAndGet();
            }
        }, AWTEvent.MOUSE_EVENT_MASK);
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.trim().split(" ", 2);
            String arg = words.length > 1 ? words[1] : "";
            switch (words[0]) {
                case "state" -> System.out.printf("state %s %s %d %b %b %b%n", display.screen(),
                        display.shownVisitorId().isPresent() ? display.shownVisitorId().getAsLong() : "-",
                        display.listScrollOffset(), display.quitRequested(), display.saving(), display.undoShown());
                case "bounds" -> {
                    Optional<Rectangle> r = bounds(display, arg);
                    System.out.println("bounds " + arg + r.map(b -> " " + b.x + " " + b.y + " " + b.width + " "
                            + b.height).orElse(" none"));
                }
                case "typed" -> System.out.println("typed " + display.typedName());
                case "message" -> System.out.println("message " + display.cardMessage());
                case "toast" -> System.out.println("toast " + display.toastMessage());
                case "released" -> System.out.println("released " + onSwingThread(RELEASES::get));
                case "painted" -> System.out.println("painted " + (painted(display) ? "ok" : "stalled"));
                case "where" -> {
                    Rectangle r = contentOnScreen();
                    System.out.printf("where %d %d %d %d%n", r.x, r.y, r.width, r.height);
                }
                case "quit" -> {
                    camera.interrupt();
                    display.close();
                    System.exit(0);
                }
                default -> {
                    String answer = own.answer(words[0], arg);
                    System.out.println(answer != null ? answer : "error unknown command " + line);
                }
            }
            System.out.flush();
        }
        System.exit(0);
    }

    /**
     * Waits until the window shows what is up now (see {@code painted}); false if the video
     * stopped being painted.
     */
    private static boolean painted(SwingDisplay display) throws Exception {
        long from = display.framesPainted();
        // a frame is counted as its paint starts; the third one after now was made after now
        if (!Await.until(() -> display.framesPainted() >= from + 3, PAINT_WAIT)) {
            return false;
        }
        onSwingThread(() -> null);  // that paint has finished
        Toolkit.getDefaultToolkit().sync();  // and its drawing has reached the X server
        return true;
    }

    private static <T> T onSwingThread(Supplier<T> get) throws Exception {
        AtomicReference<T> r = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> r.set(get.get()));
        return r.get();
    }

    /** Where to tap for WHAT, as the {@code bounds} command names it. */
    private static Optional<Rectangle> bounds(SwingDisplay display, String what) {
        String[] f = what.split(":", 2);
        return switch (f[0]) {
            case "back" -> Optional.of(display.backButtonBounds());
            case "button" -> Optional.of(display.cardButtonBounds(SwingDisplay.CardButton.valueOf(f[1])));
            case "key" -> display.keyBounds(f[1]);
            case "ok" -> Optional.of(display.keyboardOkBounds());
            case "row" -> display.visitorRowBounds(Long.parseLong(f[1]));
            case "confirm" -> Optional.of(display.confirmButtonBounds());
            case "cancel" -> Optional.of(display.confirmCancelBounds());
            case "undo" -> Optional.of(display.undoButtonBounds());
            default -> Optional.empty();
        };
    }

    private static Rectangle contentOnScreen() throws Exception {
        AtomicReference<Rectangle> r = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            for (Frame f : Frame.getFrames()) {
                if (f instanceof JFrame j && j.isShowing()) {
                    Container c = j.getContentPane();
                    Point p = c.getLocationOnScreen();
                    r.set(new Rectangle(p.x, p.y, c.getWidth(), c.getHeight()));
                }
            }
        });
        return r.get();
    }
}
