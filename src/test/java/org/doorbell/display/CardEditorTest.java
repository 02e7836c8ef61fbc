package org.doorbell.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import org.doorbell.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The card's corrections without a window: taps at the layout's places go to the right
 * {@link VisitorActions} call, on the background thread, and the card shows the result, "Undo",
 * a refusal, or nothing for a result that comes after the card was left.
 */
class CardEditorTest {
    private static final Instant NOW = Instant.parse("2026-11-25T19:20:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("Europe/London"));
    private static final Layout LAYOUT = new Layout(1024, 600);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private InMemoryVisitorActions actions;
    private FakeHost host;
    private CardEditor editor;

    /** The screen, as far as the editor can see it. */
    private final class FakeHost implements CardEditor.Host {
        long shown = 2;
        SwingDisplay.Screen screen = SwingDisplay.Screen.CARD;
        final List<String> forgotten = new ArrayList<>();

        @Override
        public VisitorCard card() {
            return actions.card(shown);
        }

        @Override
        public List<VisitorCard> visitors() {
            return actions.get();
        }

        @Override
        public void show(SwingDisplay.Screen s) {
            screen = s;
        }

        @Override
        public void showVisitor(long id) {
            shown = id;
            screen = SwingDisplay.Screen.CARD;
        }

        @Override
        public void forgotten(String message) {
            forgotten.add(message);
            screen = SwingDisplay.Screen.LIVE;
        }
    }

    @BeforeEach
    void cards() {
        List<VisitorCard> cards = new ArrayList<>();
        for (int id = 1; id <= 4; id++) {
            cards.add(new VisitorCard(id, null, (byte[]) null, NOW.minus(Duration.ofDays(id)), NOW, id, Duration.ZERO));
        }
        actions = new InMemoryVisitorActions(cards);
        host = new FakeHost();
        editor = new CardEditor(actions, host, new Thumbnails(), CLOCK);
    }

    @AfterEach
    void stop() {
        actions.release();
        editor.stop();
    }

    @Test
    void namingTypesOnTheKeyboardAndSavesOffTheSwingThread() throws Exception {
        swing(() -> editor.tapCard(LAYOUT, centre(LAYOUT.cardAction(0))));
        assertEquals(SwingDisplay.Screen.NAME, host.screen);
        for (String key : List.of("A", "L", "I", "C", "E")) {
            swing(() -> editor.tapKeyboard(LAYOUT, centre(editor.keyboard().keyBounds(LAYOUT, key).orElseThrow())));
        }
        assertEquals("Alice", swing(() -> editor.keyboard().text()));
        actions.hold();
        swing(() -> editor.tapKeyboard(LAYOUT, centre(LAYOUT.keyboardOk())));
        assertEquals(SwingDisplay.Screen.CARD, host.screen, "back on the card at once");
        assertEquals(new VisitorCardView.Status(CardEditor.SAVING, false, true, false), swing(editor::status));
        swing(() -> editor.tapCard(LAYOUT, centre(LAYOUT.cardAction(2))));
        actions.release();
        VisitorCardView.Status done = settled();
        assertEquals(new VisitorCardView.Status("Named Alice", true, false, false), done);
        assertEquals(List.of("rename(2,Alice)"), actions.calls(), "off the Swing thread; the tap while saving did nothing");
        assertEquals("Alice", actions.card(2).name());
    }

    @Test
    void undoRevertsAndCannotBeUndoneAgain() throws Exception {
        swing(() -> editor.tapCard(LAYOUT, centre(LAYOUT.cardAction(0))));
        swing(() -> editor.tapKeyboard(LAYOUT, centre(editor.keyboard().keyBounds(LAYOUT, "B").orElseThrow())));
        swing(() -> editor.tapKeyboard(LAYOUT, centre(LAYOUT.keyboardOk())));
        assertTrue(settled().undoable());
        swing(() -> editor.tapCard(LAYOUT, centre(LAYOUT.cardUndo())));
        VisitorCardView.Status undone = settled();
        assertEquals("Name undone: Visitor #2 again", undone.message());
        assertFalse(undone.undoable());
        assertNull(actions.card(2).name());
        assertEquals(List.of("rename(2,B)", "undo rename(2)"), actions.calls());
    }

    @Test
    void anUnchangedNameOrCancelSavesNothing() throws Exception {
        swing(() -> editor.tapCard(LAYOUT, centre(LAYOUT.cardAction(0))));
        swing(() -> editor.tapKeyboard(LAYOUT, centre(LAYOUT.keyboardOk())));
        assertEquals(SwingDisplay.Screen.CARD, host.screen);
        swing(() -> editor.tapCard(LAYOUT, centre(LAYOUT.cardAction(0))));
        swing(() -> editor.tapKeyboard(LAYOUT, centre(editor.keyboard().keyBounds(LAYOUT, "Z").orElseThrow())));
        swing(() -> editor.tapKeyboard(LAYOUT, centre(LAYOUT.backButton())));
        assertEquals(SwingDisplay.Screen.CARD, host.screen);
        assertEquals(List.of(), actions.calls());
        assertNull(swing(editor::status).message());
    }

    @Test
    void samePersonMergesThePickedVisitorIntoTheCards() throws Exception {
        swing(() -> editor.tapCard(LAYOUT, centre(LAYOUT.cardAction(1))));
        assertEquals(SwingDisplay.Screen.SAME_PERSON, host.screen);
        assertEquals(3, swing(() -> editor.picker().size()), "everyone but the card's visitor");
        Rectangle row = swing(() -> editor.picker().rowBounds(LAYOUT, 4)).orElseThrow();
        swing(() -> editor.tapPicker(LAYOUT, centre(row)));
        VisitorCardView.Status merged = settled();
        assertEquals(List.of("merge(4,2)"), actions.calls());
        assertTrue(merged.undoable());
        assertEquals(2, host.shown);
        assertNull(actions.card(4));
        assertEquals(6, actions.card(2).visits());
    }

    @Test
    void notThisPersonSplitsAtOnceAndARefusalChangesNothing() throws Exception {
        swing(() -> editor.tapCard(LAYOUT, centre(LAYOUT.cardAction(2))));
        assertEquals("Latest visit split off as Visitor #5", settled().message());
        host.shown = 1;
        swing(() -> editor.tapCard(LAYOUT, centre(LAYOUT.cardAction(2))));
        assertEquals(new VisitorCardView.Status("Only one visit: nothing to split off", false, false, true), settled());
        assertEquals(1, actions.card(1).visits());
        assertEquals(List.of("split(2)", "split(1)"), actions.calls());
    }

    @Test
    void forgetAsksFirst() throws Exception {
        swing(() -> editor.tapCard(LAYOUT, centre(LAYOUT.cardAction(3))));
        assertEquals(SwingDisplay.Screen.FORGET, host.screen);
        swing(() -> editor.tapConfirm(LAYOUT, new Point(5, 5)));
        assertEquals(SwingDisplay.Screen.FORGET, host.screen, "a tap beside the box does nothing");
        swing(() -> editor.tapConfirm(LAYOUT, centre(LAYOUT.confirmCancel())));
        assertEquals(SwingDisplay.Screen.CARD, host.screen);
        assertEquals(List.of(), actions.calls());
        swing(() -> editor.tapCard(LAYOUT, centre(LAYOUT.cardAction(3))));
        swing(() -> editor.tapConfirm(LAYOUT, centre(LAYOUT.confirmOk())));
        settled();
        assertEquals(List.of("Forgot Visitor #2"), host.forgotten);
        assertEquals(SwingDisplay.Screen.LIVE, host.screen);
        assertNull(actions.card(2));
        assertNull(swing(editor::status).message(), "nothing to undo");
    }

    @Test
    void aResultAfterTheCardWasLeftIsNotShown() throws Exception {
        actions.hold();
        swing(() -> editor.tapCard(LAYOUT, centre(LAYOUT.cardAction(2))));
        swing(() -> {
            editor.cardLeft();
            host.screen = SwingDisplay.Screen.LIVE;
        });
        actions.release();
        waitForCalls(1);
        // the late result: handed to the Swing thread once the actions' thread is idle, handled after that
        Await.await(CardEditorTest::actionsIdle, WAIT, "the split to return");
        swing(() -> null);
        assertEquals(new VisitorCardView.Status(null, false, false, false), swing(editor::status));
        assertEquals(SwingDisplay.Screen.LIVE, host.screen, "the screen stayed where the owner went");
        assertEquals(1, actions.card(2).visits(), "but the split was made");
        assertEquals(1, actions.card(5).visits());
    }

    @Test
    void aFailingActionIsARefusalWithItsReason() throws Exception {
        VisitorActions failing = new VisitorActions() {
            @Override
            public Result rename(long id, String name) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public Result merge(long id, long intoId) {
                return null;
            }

            @Override
            public Result split(long id) {
                return null;
            }

            @Override
            public Result forget(long id) {
                return null;
            }
        };
        editor.stop();
        editor = new CardEditor(failing, host, new Thumbnails(), CLOCK);
        swing(() -> editor.tapCard(LAYOUT, centre(LAYOUT.cardAction(0))));
        swing(() -> editor.tapKeyboard(LAYOUT, centre(editor.keyboard().keyBounds(LAYOUT, "A").orElseThrow())));
        swing(() -> editor.tapKeyboard(LAYOUT, centre(LAYOUT.keyboardOk())));
        assertEquals(new VisitorCardView.Status("Not saved: disk full", false, false, true), settled());
        swing(() -> editor.tapCard(LAYOUT, centre(LAYOUT.cardAction(2))));
        assertEquals("Not saved", settled().message(), "no result is a refusal too");
        editor.stop();
        swing(() -> editor.tapCard(LAYOUT, centre(LAYOUT.cardAction(2))));
        assertEquals("Not saved: the screen is closing", settled().message());
    }

    @Test
    void everyScreenPaints() throws Exception {
        for (Layout layout : List.of(LAYOUT, new Layout(800, 480), new Layout(640, 480))) {
            VisitorCard card = actions.card(2);
            VisitorCardView view = new VisitorCardView(new Thumbnails(), CLOCK);
            List<BufferedImage> painted = new java.util.ArrayList<>();
            swing(() -> {
                List<java.util.function.Consumer<Graphics2D>> screens = new java.util.ArrayList<>(List.of(
                        g -> view.paint(g, layout, card, null, null),
                        g -> view.paint(g, layout, card, new VisitorCardView.Status("A rather long message about what "
                                + "was done to this visitor just now", true, false, false), centre(layout.cardAction(1))),
                        g -> view.paint(g, layout, card, new VisitorCardView.Status(CardEditor.SAVING, false, true,
                                false), null)));
                for (SwingDisplay.Screen s : List.of(SwingDisplay.Screen.NAME, SwingDisplay.Screen.SAME_PERSON,
                        SwingDisplay.Screen.FORGET)) {
                    screens.add(g -> editor.paint(g, layout, s, card, centre(layout.confirmOk())));
                }
                for (java.util.function.Consumer<Graphics2D> screen : screens) {
                    BufferedImage image = new BufferedImage(layout.width, layout.height, BufferedImage.TYPE_INT_RGB);
                    Graphics2D g = image.createGraphics();
                    screen.accept(g);
                    g.dispose();
                    painted.add(image);
                }
                return null;
            });
            // each screen paints something of its own, and no two screens look the same
            java.util.Set<Integer> looks = new java.util.HashSet<>();
            for (BufferedImage image : painted) {
                java.util.Set<Integer> colours = new java.util.HashSet<>();
                for (int y = 0; y < image.getHeight(); y += 4) {
                    for (int x = 0; x < image.getWidth(); x += 4) {
                        colours.add(image.getRGB(x, y));
                    }
                }
                assertTrue(colours.size() > 3, layout.width + "x" + layout.height + ": a screen painted " + colours.size()
                        + " colours");
                looks.add(java.util.Arrays.hashCode(image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0,
                        image.getWidth())));
            }
            assertEquals(painted.size(), looks.size(), layout.width + "x" + layout.height + ": every screen differs");
        }
    }

    /** The card's status once nothing is being saved (the result applied on the Swing thread). */
    private VisitorCardView.Status settled() throws Exception {
        Await.until(() -> !swing(editor::saving), WAIT);
        assertFalse(swing(editor::saving), "still saving");
        return swing(editor::status);
    }

    private void waitForCalls(int n) throws Exception {
        Await.until(() -> actions.calls().size() >= n, WAIT);
        assertEquals(n, actions.calls().size());
    }

    /**
     * Whether the editor's actions thread ("visitor-actions") waits for work: every action it was
     * given has returned and its result has been handed to the Swing thread.
     */
    private static boolean actionsIdle() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().equals("visitor-actions") && e.getKey().isAlive())
                .allMatch(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getMethodName().equals("getTask")));
    }

    private static void swing(Runnable r) throws Exception {
        swing(() -> {
            r.run();
            return null;
        });
    }

    private static <T> T swing(Callable<T> c) throws Exception {
        AtomicReference<T> value = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                value.set(c.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return value.get();
    }

    private static Point centre(Rectangle r) {
        return new Point(r.x + r.width / 2, r.y + r.height / 2);
    }
}
