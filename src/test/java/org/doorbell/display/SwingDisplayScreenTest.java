package org.doorbell.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real window on a virtual X screen (Xvfb, 1024x600): {@link ScreenDriver} runs the display
 * in a child JVM with DISPLAY set, xdotool taps and drags like a finger, ImageMagick's
 * {@code import} takes screenshots. Skipped where Xvfb, xdotool or ImageMagick is missing.
 * The tests run in order on one window, each going on from where the last one left the visitors:
 * browsing first, then the owner's corrections on the card (naming on the on-screen keyboard, undo,
 * merge, split, a refusal, forget), then quitting. Leaves screenshots to look at in
 * /tmp/doorbell-*.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwingDisplayScreenTest {
    private static final int WIDTH = 1024;
    private static final int HEIGHT = 600;
    private static final long WAIT_MS = 10_000;

    private static Process xvfb;
    private static Process child;
    private static String display;
    private static Writer commands;
    private static final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private static final Layout layout = new Layout(WIDTH, HEIGHT);

    /** What the child reports for "state". */
    record State(String screen, String visitor, int listOffset, boolean quit, boolean saving, boolean undo) {
        static State parse(String line) {
            String[] f = line.split(" ");
            return new State(f[1], f[2], Integer.parseInt(f[3]), Boolean.parseBoolean(f[4]),
                    Boolean.parseBoolean(f[5]), Boolean.parseBoolean(f[6]));
        }

        /** The card of this visitor is up, with nothing being saved. */
        boolean card(long id) {
            return screen.equals("CARD") && visitor.equals("" + id) && !saving;
        }
    }

    @BeforeAll
    static void startScreenAndDisplay() throws Exception {
        for (String tool : List.of("Xvfb", "xdpyinfo", "xdotool", "import")) {
            assumeTrue(onPath(tool), tool + " is not installed");
        }
        startXvfb();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Ddoorbell.faces=" + TestFaces.root().toAbsolutePath(),
                ScreenDriver.class.getName());
        pb.environment().put("DISPLAY", display);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        child = pb.start();
        commands = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    replies.add(line);
                }
            } catch (IOException e) {
                replies.add("error " + e);
            }
        }, "screen-driver-output");
        reader.setDaemon(true);
        reader.start();
        assertEquals("ready", replies.poll(60, TimeUnit.SECONDS), "the display did not start");
        String[] where = ask("where").split(" ");
        assertEquals(List.of("0", "0", "" + WIDTH, "" + HEIGHT), List.of(where).subList(1, 5),
                "full screen: the window content covers the whole screen");
        Thread.sleep(500);
    }

    @AfterAll
    static void stopDisplayAndScreen() throws Exception {
        if (child != null) {
            try {
                commands.write("quit\n");
                commands.flush();
            } catch (IOException e) {
                // already gone
            }
            if (!child.waitFor(5, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (xvfb != null) {
            xvfb.destroy();
            if (!xvfb.waitFor(5, TimeUnit.SECONDS)) {
                xvfb.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @Order(1)
    void liveScreenShowsVideoBoxesLabelsAndStrip() throws Exception {
        BufferedImage shot = screenshot("/tmp/doorbell-live.png");
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
        Thread.sleep(300);
        BufferedImage shot = screenshot("/tmp/doorbell-card.png");
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
        BufferedImage before = screenshot("/tmp/doorbell-list.png");
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
        Thread.sleep(300);
        BufferedImage card = screenshot("/tmp/doorbell-card-buttons.png");
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
        Thread.sleep(300);
        BufferedImage keyboard = screenshot("/tmp/doorbell-keyboard.png");
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
        BufferedImage typed = screenshot("/tmp/doorbell-keyboard-alice.png");
        assertTrue(differing(keyboard, typed, layout.keyboardField()) > 300, "the field shows what is typed");

        ask("hold");
        tapOn("ok");
        await(st -> st.screen().equals("CARD") && st.saving());
        assertEquals("Saving…", answer("message"));
        BufferedImage saving = screenshot("/tmp/doorbell-card-saving.png");
        Rectangle name = bounds("button:NAME");
        assertTrue(countNear(saving, name, Theme.BUTTON, 30) < 100, "the buttons are dimmed while saving");
        tapOn("button:NOT_THIS_PERSON");
        Thread.sleep(300);
        ask("release");
        await(st -> st.card(2) && st.undo());
        assertEquals("Named Alice", answer("message"));
        assertEquals(List.of("rename(2,Alice)"), calls(), "one rename, off the Swing thread; the tap while saving did nothing");
        assertEquals("2 Alice", answer("visitor 2"));
        Thread.sleep(300);
        BufferedImage named = screenshot("/tmp/doorbell-card-named.png");
        assertTrue(differing(card, named, title) > 300, "the header shows the name instead of Visitor #2");

        tap(centre(layout.backButton()));
        await(st -> st.screen().equals("LIVE"));
        Thread.sleep(300);
        BufferedImage live = screenshot("/tmp/doorbell-live-named.png");
        assertTrue(countNear(live, stripLabels(1), Theme.TEXT, 40) > 40, "the name under Alice's face in the strip");
        assertTrue(countNear(live, stripLabels(0), Theme.TEXT, 40) < 5, "no name under an unnamed visitor");

        tap(centre(layout.visitorsButton()));
        await(st -> st.screen().equals("LIST"));
        Thread.sleep(300);
        BufferedImage list = screenshot("/tmp/doorbell-list-named.png");
        BufferedImage before = ImageIO.read(Path.of("/tmp/doorbell-list.png").toFile());
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
        screenshot("/tmp/doorbell-card-undo.png");

        tapOn("undo");
        await(st -> st.card(2) && !st.undo());
        assertEquals("2 Alice", answer("visitor 2"), "the name is Alice again");
        assertEquals("Name undone: Alice again", answer("message"));
        assertEquals("undo rename(2)", last(calls()));
        Thread.sleep(300);
        screenshot("/tmp/doorbell-card-undone.png");

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
        Thread.sleep(300);
        screenshot("/tmp/doorbell-picker.png");

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
        Thread.sleep(300);
        screenshot("/tmp/doorbell-card-merged.png");
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
        Thread.sleep(300);
        screenshot("/tmp/doorbell-card-split.png");
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
        Thread.sleep(300);
        screenshot("/tmp/doorbell-card-refused.png");
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
        Thread.sleep(300);
        BufferedImage confirm = screenshot("/tmp/doorbell-confirm.png");
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
        Thread.sleep(300);
        BufferedImage list = screenshot("/tmp/doorbell-forgotten.png");
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

    /** Where the driver says WHAT is (see {@link ScreenDriver}); fails if it is not there. */
    private static Rectangle bounds(String what) throws Exception {
        String[] f = ask("bounds " + what).split(" ");
        assertTrue(f.length == 6, what + " is not on screen: " + String.join(" ", f));
        return new Rectangle(Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                Integer.parseInt(f[5]));
    }

    private static void tapOn(String what) throws Exception {
        tap(centre(bounds(what)));
    }

    /** The rest of the driver's answer to a one-word command, such as what is typed. */
    private static String answer(String command) throws Exception {
        return ask(command).substring(command.length() + 1);
    }

    /** Waits for the answer to become {@code wanted} (taps are still arriving). */
    private static void awaitAnswer(String command, String wanted) throws Exception {
        long until = System.currentTimeMillis() + WAIT_MS;
        String got = answer(command);
        while (!got.equals(wanted) && System.currentTimeMillis() < until) {
            Thread.sleep(100);
            got = answer(command);
        }
        assertEquals(wanted, got, command);
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

    /** How many pixels of {@code r} differ between two screenshots. */
    private static int differing(BufferedImage a, BufferedImage b, Rectangle r) {
        int n = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                if (distance(new Color(a.getRGB(x, y)), new Color(b.getRGB(x, y))) > 40) {
                    n++;
                }
            }
        }
        return n;
    }

    private static void startXvfb() throws Exception {
        for (int n = 97; n < 120 && xvfb == null; n++) {
            if (Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                continue;
            }
            display = ":" + n;
            Process p = new ProcessBuilder("Xvfb", display, "-screen", "0", WIDTH + "x" + HEIGHT + "x24",
                    "-nolisten", "tcp").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long until = System.currentTimeMillis() + WAIT_MS;
            while (p.isAlive() && System.currentTimeMillis() < until) {
                if (run("xdpyinfo", "-display", display) == 0) {
                    xvfb = p;
                    return;
                }
                Thread.sleep(100);
            }
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        throw new IllegalStateException("could not start Xvfb");
    }

    private static String ask(String command) throws Exception {
        commands.write(command + "\n");
        commands.flush();
        String reply = replies.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        assertNotNull(reply, "no answer to " + command);
        assertTrue(reply.startsWith(command + " "), reply);
        return reply;
    }

    private static State await(Predicate<State> wanted) throws Exception {
        long until = System.currentTimeMillis() + WAIT_MS;
        State s = State.parse(ask("state"));
        while (!wanted.test(s) && System.currentTimeMillis() < until) {
            Thread.sleep(100);
            s = State.parse(ask("state"));
        }
        assertTrue(wanted.test(s), "state stayed " + s);
        return s;
    }

    /** The state once it has stopped changing (events still queued are handled first). */
    private static State settled() throws Exception {
        State previous = State.parse(ask("state"));
        for (int i = 0; i < WAIT_MS / 300; i++) {
            Thread.sleep(300);
            State now = State.parse(ask("state"));
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private static void tap(Point p) throws Exception {
        xdotool("mousemove", "" + p.x, "" + p.y, "click", "1");
    }

    private static void xdotool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("xdotool"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DISPLAY", display);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "xdotool failed: " + out);
    }

    private static BufferedImage screenshot(String file) throws Exception {
        assertEquals(0, run("import", "-display", display, "-window", "root", file), "import failed");
        BufferedImage image = ImageIO.read(Path.of(file).toFile());
        assertEquals(WIDTH, image.getWidth());
        return image;
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(WAIT_MS, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(":")).stream().anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static Point centre(Rectangle r) {
        return new Point(r.x + r.width / 2, r.y + r.height / 2);
    }

    private static int colours(BufferedImage image, Rectangle r) {
        Set<Integer> seen = new HashSet<>();
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                seen.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return seen.size();
    }

    private static int countNear(BufferedImage image, Rectangle r, Color c, int tolerance) {
        int n = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                if (distance(new Color(image.getRGB(x, y)), c) <= tolerance) {
                    n++;
                }
            }
        }
        return n;
    }

    private static void assertColour(Color expected, BufferedImage image, int x, int y, String what) {
        Color got = new Color(image.getRGB(x, y));
        assertTrue(distance(got, expected) <= 30, what + " at (" + x + ", " + y + "): expected " + expected
                + ", got " + got);
    }

    private static int distance(Color a, Color b) {
        return Math.max(Math.abs(a.getRed() - b.getRed()),
                Math.max(Math.abs(a.getGreen() - b.getGreen()), Math.abs(a.getBlue() - b.getBlue())));
    }
}
