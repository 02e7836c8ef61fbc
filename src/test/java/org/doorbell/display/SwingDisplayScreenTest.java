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
 * Leaves /tmp/doorbell-live.png, /tmp/doorbell-card.png and /tmp/doorbell-list.png to look at.
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
    record State(String screen, String visitor, int listOffset, boolean quit) {
        static State parse(String line) {
            String[] f = line.split(" ");
            return new State(f[1], f[2], Integer.parseInt(f[3]), Boolean.parseBoolean(f[4]));
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
    void qAsksToQuit() throws Exception {
        assertTrue(!State.parse(ask("state")).quit());
        xdotool("key", "q");
        await(State::quit);
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
