package org.doorbell.display;

import static org.doorbell.display.ScreenPixels.assertColour;
import static org.doorbell.display.ScreenPixels.centre;
import static org.doorbell.display.ScreenPixels.colours;
import static org.doorbell.display.ScreenPixels.countNear;
import static org.doorbell.display.ScreenPixels.differing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.doorbell.display.VirtualScreen.State;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real window on a virtual X screen (Xvfb, 1024x600, see {@link VirtualScreen}):
 * {@link ScreenDriver} runs the display in a child JVM with DISPLAY set, xdotool taps and drags
 * like a finger, ImageMagick's {@code import} takes screenshots. Skipped where Xvfb, xdotool or
 * ImageMagick is missing. The corrections here go to {@link InMemoryVisitorActions}; see
 * {@link StoreScreenTest} for the same on a real visitor store.
 * The tests run in order on one window, each going on from where the last one left the visitors:
 * browsing first, then the owner's corrections on the card (naming on the on-screen keyboard, undo,
 * merge, split, a refusal, forget), then quitting. Leaves screenshots to look at in
 * target/screenshots/doorbell-*.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwingDisplayScreenTest {
    private static final int WIDTH = VirtualScreen.WIDTH;
    private static final int HEIGHT = VirtualScreen.HEIGHT;
    private static final Layout layout = new Layout(WIDTH, HEIGHT);

    private static VirtualScreen screen;

    @BeforeAll
    static void startScreenAndDisplay() throws Exception {
        screen = VirtualScreen.start(ScreenDriver.class);
    }

    @AfterAll
    static void stopDisplayAndScreen() throws Exception {
        if (screen != null) {
            screen.close();
        }
    }

    @Test
    @Order(1)
    void liveScreenShowsVideoBoxesLabelsAndStrip() throws Exception {
        BufferedImage shot = screenshot("doorbell-live.png");
        Rectangle video = Layout.fit(1366, 768, layout.videoArea());
        assertTrue(colours(shot, video) > 5000, "the photo is on screen");
        assertTrue(video.y >= layout.stripHeight, "the video is under the strip");

        double scale = video.width / 1366.0;
        for (FaceOverlay face : ScreenDriver.OVERLAYS) {
            Rectangle box = LiveView.toScreen(face.box(), video, scale);
            Color expected = Theme.colour(face.kind());
            assertColour(expected, shot, box.x + box.width / 2, box.y, "top edge of the " + face.kind() + " box");
            assertColour(expected, shot, box.x, box.y + box.height / 2, "left edge of the " + face.kind() + " box");
            // The label bar under the box: its colour at its left end, and dark text inside it.
            Rectangle bar = new Rectangle(box.x, box.y + box.height + 3, box.width, layout.px(20));
            assertColour(expected, shot, bar.x + 3, bar.y + 4, "label bar under the " + face.kind() + " box");
            assertTrue(countNear(shot, bar, Theme.ON_COLOUR, 60) > 20, "label text in the bar");
        }

        for (int i = 0; i < ScreenDriver.STRIP; i++) {
            Rectangle thumb = layout.stripThumbnail(i);
            assertTrue(thumb.width >= 96 && thumb.height >= 96, "thumbnails are big enough to tap: " + thumb);
            assertTrue(colours(shot, thumb) > 500, "thumbnail " + i + " shows a face");
        }
        Rectangle empty = layout.stripThumbnail(ScreenDriver.STRIP);
        assertEquals(1, colours(shot, empty), "no fourth card in the strip");

        Rectangle button = layout.visitorsButton();
        assertTrue(button.height >= 48, "Visitors button is big enough: " + button);
        assertColour(Theme.BUTTON, shot, button.x + 8, button.y + button.height / 2, "Visitors button");
        assertTrue(countNear(shot, button, Color.WHITE, 40) > 50, "Visitors button has its label");
    }

    @Test
    @Order(2)
    void tappingTheSecondStripFaceOpensThatVisitorsCard() throws Exception {
        tap(centre(layout.stripThumbnail(1)));
        State s = await(st -> st.screen().equals("CARD"));
        assertEquals("2", s.visitor(), "the second most recent visitor has id 2");
        BufferedImage shot = screenshot("doorbell-card.png");
        Rectangle back = layout.backButton();
        assertColour(Theme.BUTTON, shot, back.x + 8, back.y + back.height / 2, "Back button");
        Rectangle face = new Rectangle(layout.px(32), layout.content().y + layout.margin, layout.px(400),
                layout.px(400));
        assertTrue(colours(shot, face) > 5000, "a large face");
        assertTrue(countNear(shot, new Rectangle(470, 90, 500, 60), Theme.KNOWN, 40) > 100,
                "\"At door 12s now\" in green");

        tap(centre(back));
        await(st -> st.screen().equals("LIVE") && st.visitor().equals("-"));
    }

    @Test
    @Order(3)
    void visitorsListScrollsByDraggingOrTheWheelAndOpensCards() throws Exception {
        tap(centre(layout.visitorsButton()));
        await(st -> st.screen().equals("LIST") && st.listOffset() == 0);
        BufferedImage before = screenshot("doorbell-list.png");
        Rectangle firstRow = new Rectangle(layout.px(32), layout.content().y + layout.margin, 96, 96);
        assertTrue(colours(before, firstRow) > 500, "the first row's face");

        xdotool("mousemove", "500", "520", "mousedown", "1", "mousemove", "500", "500", "mousemove", "500", "450",
                "mousemove", "500", "400", "mousemove", "500", "320", "mouseup", "1");
        // the drag's events may still be arriving: wait for where the finger let go
        await(st -> st.listOffset() >= 150);
        State dragged = settled();
        System.out.println("list scrolled " + dragged.listOffset() + " px by a 200 px drag");
        assertTrue(dragged.listOffset() >= 150 && dragged.listOffset() <= 200, "scrolled with the finger: " + dragged);
        assertEquals("LIST", dragged.screen(), "a drag is not a tap");

        xdotool("mousemove", "500", "400", "click", "5");
        State wheeled = await(st -> st.listOffset() > dragged.listOffset());
        assertEquals(dragged.listOffset() + layout.rowHeight / 2, wheeled.listOffset(), "the wheel scrolls half a row");

        // Row i is at content.y + i * rowHeight - offset: tap the middle of the row now at the top.
        int offset = wheeled.listOffset();
        int row = offset / layout.rowHeight + 1;
        int y = layout.content().y + row * layout.rowHeight - offset + layout.rowHeight / 2;
        tap(new Point(WIDTH / 2, y));
        State card = await(st -> st.screen().equals("CARD"));
        assertEquals("" + (row + 1), card.visitor(), "row " + row + " is visitor " + (row + 1));

        tap(centre(layout.backButton()));
        await(st -> st.screen().equals("LIVE"));
    }

    @Test
    @Order(4)
    void namingAVisitorOnTheOnScreenKeyboard() throws Exception {
        tap(centre(layout.stripThumbnail(1)));
        await(st -> st.card(2));
        BufferedImage card = screenshot("doorbell-card-buttons.png");
        for (SwingDisplay.CardButton b : SwingDisplay.CardButton.values()) {
            Rectangle r = bounds("button:" + b);
            assertTrue(r.width >= 120 && r.height >= 64, b + " is big enough to tap: " + r);
            assertTrue(new Rectangle(0, 0, WIDTH, HEIGHT).contains(r), b + " on screen: " + r);
            Color fill = b == SwingDisplay.CardButton.FORGET ? Theme.WARNING : Theme.BUTTON;
            assertTrue(countNear(card, r, fill, 30) > 300, b + " drawn in its colour");
            assertTrue(countNear(card, r, b == SwingDisplay.CardButton.FORGET ? Theme.WARNING : Color.WHITE, 40) > 60,
                    b + " has its label");
        }
        Rectangle title = new Rectangle(0, 0, layout.backButton().x, layout.headerHeight);

        tapOn("button:NAME");
        await(st -> st.screen().equals("NAME") && st.visitor().equals("2"));
        assertEquals("", answer("typed"), "an unnamed visitor starts with an empty field");
        BufferedImage keyboard = screenshot("doorbell-keyboard.png");
        List<String> labels = new ArrayList<>();
        for (char c = 'A'; c <= 'Z'; c++) {
            labels.add("" + c);
        }
        labels.addAll(List.of("Space", "-", "'", "Backspace", "Shift", "Clear"));
        for (String label : labels) {
            Rectangle key = bounds("key:" + label);
            assertTrue(key.width >= 64 && key.height >= 64, label + " is big enough to tap: " + key);
            assertTrue(countNear(keyboard, key, Theme.KEY, 20) > key.width * key.height / 2, label + " is drawn");
        }
        Rectangle ok = bounds("ok");
        assertTrue(ok.height >= 64, "OK is big enough: " + ok);
        assertColour(Theme.KNOWN, keyboard, ok.x + 8, ok.y + ok.height / 2, "OK");

        // "Ali", a slip, backspace, "ce": capitals only at the start of a word
        for (String key : List.of("A", "L", "I", "X", "Backspace", "C", "E")) {
            tapOn("key:" + key);
        }
        awaitAnswer("typed", "Alice");
        BufferedImage typed = screenshot("doorbell-keyboard-alice.png");
        assertTrue(differing(keyboard, typed, layout.keyboardField()) > 300, "the field shows what is typed");

        ask("hold");
        tapOn("ok");
        await(st -> st.screen().equals("CARD") && st.saving());
        assertEquals("Saving…", answer("message"));
        BufferedImage saving = screenshot("doorbell-card-saving.png");
        Rectangle name = bounds("button:NAME");
        assertTrue(countNear(saving, name, Theme.BUTTON, 30) < 100, "the buttons are dimmed while saving");
        tapOn("button:NOT_THIS_PERSON");  // handled by the display before tapOn returns
        ask("release");
        await(st -> st.card(2) && st.undo());
        assertEquals("Named Alice", answer("message"));
        assertEquals(List.of("rename(2,Alice)"), calls(), "one rename, off the Swing thread; the tap while saving did nothing");
        assertEquals("2 Alice", answer("visitor 2"));
        BufferedImage named = screenshot("doorbell-card-named.png");
        assertTrue(differing(card, named, title) > 300, "the header shows the name instead of Visitor #2");

        tap(centre(layout.backButton()));
        await(st -> st.screen().equals("LIVE"));
        BufferedImage live = screenshot("doorbell-live-named.png");
        assertTrue(countNear(live, stripLabels(1), Theme.TEXT, 40) > 40, "the name under Alice's face in the strip");
        assertTrue(countNear(live, stripLabels(0), Theme.TEXT, 40) < 5, "no name under an unnamed visitor");

        tap(centre(layout.visitorsButton()));
        await(st -> st.screen().equals("LIST"));
        BufferedImage list = screenshot("doorbell-list-named.png");
        BufferedImage before = ImageIO.read(VirtualScreen.shot("doorbell-list.png").toFile());
        Rectangle row2 = bounds("row:2");
        Rectangle row1 = bounds("row:1");
        assertTrue(differing(before, list, row2) > 300, "Alice's row shows her name");
        assertEquals(0, differing(before, list, new Rectangle(row1.x, row1.y, row1.width, row1.height - 2)),
                "Visitor #1's row is as it was");
        tap(centre(layout.backButton()));
        await(st -> st.screen().equals("LIVE"));
    }

    @Test
    @Order(5)
    void aRenameCanBeUndoneUntilTheCardIsLeft() throws Exception {
        tap(centre(layout.stripThumbnail(1)));
        await(st -> st.card(2));
        assertEquals("", answer("message"), "leaving the card cleared the last message");
        tapOn("button:NAME");
        await(st -> st.screen().equals("NAME"));
        awaitAnswer("typed", "Alice");
        for (String key : List.of("Clear", "B", "O", "B")) {
            tapOn("key:" + key);
        }
        awaitAnswer("typed", "Bob");
        tapOn("ok");
        await(st -> st.card(2) && st.undo());
        assertEquals("2 Bob", answer("visitor 2"));
        screenshot("doorbell-card-undo.png");

        tapOn("undo");
        await(st -> st.card(2) && !st.undo());
        assertEquals("2 Alice", answer("visitor 2"), "the name is Alice again");
        assertEquals("Name undone: Alice again", answer("message"));
        assertEquals("undo rename(2)", last(calls()));
        screenshot("doorbell-card-undone.png");

        // Cancel leaves the name alone
        tapOn("button:NAME");
        await(st -> st.screen().equals("NAME"));
        tapOn("key:Clear");
        awaitAnswer("typed", "");
        tap(centre(layout.backButton()));
        await(st -> st.card(2));
        assertEquals("2 Alice", answer("visitor 2"));
        assertEquals("undo rename(2)", last(calls()), "no call for a cancelled name");
        tap(centre(layout.backButton()));
        await(st -> st.screen().equals("LIVE"));
    }

    @Test
    @Order(6)
    void samePersonAsMergesThePickedVisitorIntoThisOne() throws Exception {
        tap(centre(layout.stripThumbnail(1)));
        await(st -> st.card(2));
        tapOn("button:SAME_PERSON");
        await(st -> st.screen().equals("SAME_PERSON") && st.visitor().equals("2"));
        assertEquals("bounds row:2 none", ask("bounds row:2"), "Alice is not offered to merge with herself");
        screenshot("doorbell-picker.png");

        xdotool("mousemove", "500", "520", "mousedown", "1", "mousemove", "500", "480", "mousemove", "500", "440",
                "mousemove", "500", "420", "mouseup", "1");
        await(st -> st.listOffset() >= 60);
        State dragged = settled();
        assertEquals("SAME_PERSON", dragged.screen(), "dragging scrolls the picker and picks nobody");
        assertEquals(List.of("rename(2,Alice)", "rename(2,Bob)", "undo rename(2)"), calls());

        tapOn("row:3");
        await(st -> st.card(2) && st.undo());
        assertEquals("merge(3,2)", last(calls()), "the picked visitor goes into the card's");
        assertEquals("visitor 3 none", ask("visitor 3"));
        assertEquals("5 Alice", answer("visitor 2"), "2 + 3 visits");
        assertEquals("Visitor #3 merged into Alice: 5 visits", answer("message"));
        screenshot("doorbell-card-merged.png");
        tap(centre(layout.backButton()));
        await(st -> st.screen().equals("LIVE"));
    }

    @Test
    @Order(7)
    void notThisPersonSplitsTheLatestVisitOffAtOnce() throws Exception {
        tap(centre(layout.stripThumbnail(1)));
        await(st -> st.card(2));
        tapOn("button:NOT_THIS_PERSON");
        await(st -> st.card(2) && st.undo());
        assertEquals("split(2)", last(calls()));
        assertEquals("4 Alice", answer("visitor 2"));
        assertEquals("1 -", answer("visitor 13"), "the latest visit is visitor 13's");
        assertEquals("Latest visit split off as Visitor #13", answer("message"));
        screenshot("doorbell-card-split.png");
        tap(centre(layout.backButton()));
        await(st -> st.screen().equals("LIVE"));
    }

    @Test
    @Order(8)
    void aRefusedCorrectionSaysWhyAndChangesNothing() throws Exception {
        tap(centre(layout.visitorsButton()));
        await(st -> st.screen().equals("LIST"));
        tapOn("row:13");
        await(st -> st.card(13));
        tapOn("button:NOT_THIS_PERSON");
        awaitAnswer("message", "Only one visit: nothing to split off");
        State s = await(st -> st.card(13));
        assertTrue(!s.undo(), "nothing to undo");
        assertEquals("split(13)", last(calls()));
        assertEquals("1 -", answer("visitor 13"));
        screenshot("doorbell-card-refused.png");
        tap(centre(layout.backButton()));
        await(st -> st.screen().equals("LIVE"));
    }

    @Test
    @Order(9)
    void forgetAsksFirstThenGoesBackToTheList() throws Exception {
        tap(centre(layout.visitorsButton()));
        await(st -> st.screen().equals("LIST"));
        tapOn("row:4");
        await(st -> st.card(4));
        tapOn("button:FORGET");
        await(st -> st.screen().equals("FORGET") && st.visitor().equals("4"));
        BufferedImage confirm = screenshot("doorbell-confirm.png");
        Rectangle ok = bounds("confirm");
        Rectangle cancel = bounds("cancel");
        assertTrue(ok.height >= 64 && cancel.height >= 64 && !ok.intersects(cancel), ok + " " + cancel);
        assertColour(Theme.WARNING, confirm, ok.x + 8, ok.y + ok.height / 2, "Forget in the warning colour");
        assertColour(Theme.BUTTON, confirm, cancel.x + 8, cancel.y + cancel.height / 2, "Cancel");

        tapOn("cancel");
        await(st -> st.card(4));
        assertTrue(calls().stream().noneMatch(c -> c.startsWith("forget")), "cancelled: nothing forgotten");
        assertEquals("4 -", answer("visitor 4"));

        tapOn("button:FORGET");
        await(st -> st.screen().equals("FORGET"));
        tapOn("confirm");
        await(st -> st.screen().equals("LIST") && st.visitor().equals("-"));
        assertEquals("forget(4)", last(calls()));
        assertEquals("visitor 4 none", ask("visitor 4"));
        assertEquals("Forgot Visitor #4", answer("toast"));
        assertEquals("bounds row:4 none", ask("bounds row:4"), "gone from the list");
        BufferedImage list = screenshot("doorbell-forgotten.png");
        assertTrue(countNear(list, layout.toast(), Theme.TEXT, 40) > 100, "the message is on screen");
        assertTrue(calls().stream().noneMatch(c -> c.endsWith("@swing")), "no correction ran on the Swing thread");
        tap(centre(layout.backButton()));
        await(st -> st.screen().equals("LIVE"));
    }

    @Test
    @Order(10)
    void qAsksToQuit() throws Exception {
        assertTrue(!State.parse(ask("state")).quit());
        xdotool("key", "q");
        await(State::quit);
    }

    private static Rectangle bounds(String what) throws Exception {
        return screen.bounds(what);
    }

    private static void tapOn(String what) throws Exception {
        screen.tapOn(what);
    }

    private static String answer(String command) throws Exception {
        return screen.answer(command);
    }

    private static void awaitAnswer(String command, String wanted) throws Exception {
        screen.awaitAnswer(command, wanted);
    }

    private static String ask(String command) throws Exception {
        return screen.ask(command);
    }

    private static State await(Predicate<State> wanted) throws Exception {
        return screen.await(wanted);
    }

    private static State settled() throws Exception {
        return screen.settled();
    }

    private static void tap(Point p) throws Exception {
        screen.tap(p);
    }

    private static void xdotool(String... args) throws Exception {
        screen.xdotool(args);
    }

    private static BufferedImage screenshot(String file) throws Exception {
        return screen.screenshot(file);
    }

    private static List<String> calls() throws Exception {
        String all = answer("calls");
        return all.isEmpty() ? List.of() : List.of(all.split(";"));
    }

    private static String last(List<String> list) {
        assertTrue(!list.isEmpty(), "no calls");
        return list.get(list.size() - 1);
    }

    /** Under the index-th strip thumbnail, where its name and visits are written. */
    private static Rectangle stripLabels(int index) {
        Rectangle thumb = layout.stripThumbnail(index);
        Rectangle slot = layout.stripSlot(index);
        return new Rectangle(slot.x, thumb.y + thumb.height + 1, slot.width, layout.stripHeight - thumb.y - thumb.height - 1);
    }
}
