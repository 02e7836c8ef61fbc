package org.doorbell.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.doorbell.testing.Await;
import org.doorbell.testing.TestFaces;

/**
 * A virtual X screen (Xvfb, 1024x600) with a screen driver ({@link ScreenDriver},
 * {@link StoreScreenDriver}) running the display full screen on it in a child JVM: commands go to
 * the driver's stdin (see {@link ScreenProtocol}), xdotool taps and drags like a finger,
 * ImageMagick's {@code import} takes screenshots. Each tap or drag returns once the display has
 * handled it, and each screenshot is taken once the window shows what is up (the driver's
 * {@code released} and {@code painted}). {@link #start} skips the calling tests where Xvfb,
 * xdotool or ImageMagick is missing.
 */
final class VirtualScreen implements AutoCloseable {
    static final int WIDTH = 1024;
    static final int HEIGHT = 600;
    static final long WAIT_MS = 10_000;
    private static final Duration WAIT = Duration.ofMillis(WAIT_MS);

    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private Process xvfb;
    private Process child;
    private String display;
    private Writer commands;
    /** Releases of the first mouse button sent with xdotool (the end of each tap and drag). */
    private long releasesSent;

    /** What the driver reports for "state". */
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

    private VirtualScreen() {
    }

    /**
     * Starts Xvfb and the driver's {@code main} on it with these arguments (and the test photos'
     * folder as {@code doorbell.faces}); returns once the driver is ready with its window covering
     * the whole screen.
     */
    static VirtualScreen start(Class<?> driver, String... args) throws Exception {
        for (String tool : List.of("Xvfb", "xdpyinfo", "xdotool", "import")) {
            assumeTrue(onPath(tool), tool + " is not installed");
        }
        VirtualScreen screen = new VirtualScreen();
        try {
            screen.startXvfb();
            screen.startDriver(driver, args);
        } catch (Exception | Error e) {
            screen.close();
            throw e;
        }
        return screen;
    }

    private void startDriver(Class<?> driver, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Ddoorbell.faces=" + TestFaces.root().toAbsolutePath(),
                driver.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
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
        awaitPainted();
    }

    /** Asks the driver to quit, then stops it and Xvfb. */
    @Override
    public void close() throws Exception {
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

    /** Sends one command; returns the driver's answer, which must start with the command. */
    String ask(String command) throws Exception {
        commands.write(command + "\n");
        commands.flush();
        String reply = replies.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        assertNotNull(reply, "no answer to " + command);
        assertTrue(reply.startsWith(command + " "), reply);
        return reply;
    }

    /** The rest of the driver's answer to a command, such as what is typed. */
    String answer(String command) throws Exception {
        return ask(command).substring(command.length() + 1);
    }

    /** Waits for the answer to become {@code wanted} (taps are still arriving). */
    void awaitAnswer(String command, String wanted) throws Exception {
        String[] got = new String[1];
        Await.until(() -> (got[0] = answer(command)).equals(wanted), WAIT);
        assertEquals(wanted, got[0], command);
    }

    /** Waits for the state to be as wanted; fails after {@link #WAIT_MS}. */
    State await(Predicate<State> wanted) throws Exception {
        State[] s = new State[1];
        Await.until(() -> wanted.test(s[0] = State.parse(ask("state"))), WAIT);
        assertTrue(wanted.test(s[0]), "state stayed " + s[0]);
        return s[0];
    }

    /** The state once the display has handled every tap and drag sent so far. */
    State settled() throws Exception {
        awaitInputHandled();
        return State.parse(ask("state"));
    }

    /** Waits until the Swing thread has handled every button release sent (taps, and drags' ends). */
    private void awaitInputHandled() throws Exception {
        long[] handled = new long[1];
        Await.await(() -> (handled[0] = Long.parseLong(answer("released"))) >= releasesSent, WAIT,
                () -> releasesSent + " taps and drags sent, " + handled[0] + " handled");
    }

    /** Waits until the window shows what is up now (the driver's {@code painted}). */
    private void awaitPainted() throws Exception {
        assertEquals("ok", answer("painted"), "the video stopped being painted");
    }

    /** Where the driver says WHAT is (see {@link ScreenProtocol}); fails if it is not there. */
    Rectangle bounds(String what) throws Exception {
        String[] f = ask("bounds " + what).split(" ");
        assertTrue(f.length == 6, what + " is not on screen: " + String.join(" ", f));
        return new Rectangle(Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                Integer.parseInt(f[5]));
    }

    /** Taps the middle of WHAT. */
    void tapOn(String what) throws Exception {
        tap(ScreenPixels.centre(bounds(what)));
    }

    void tap(Point p) throws Exception {
        xdotool("mousemove", "" + p.x, "" + p.y, "click", "1");
    }

    /** Taps the keys of the on-screen keyboard one after another. */
    void type(List<String> keys) throws Exception {
        for (String key : keys) {
            tapOn("key:" + key);
        }
    }

    /** Runs xdotool; returns once the display has handled the taps and drags it sent. */
    void xdotool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("xdotool"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DISPLAY", display);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "xdotool failed: " + out);
        for (int i = 0; i + 1 < args.length; i++) {
            if ((args[i].equals("click") || args[i].equals("mouseup")) && args[i + 1].equals("1")) {
                releasesSent++;
            }
        }
        awaitInputHandled();
    }

    /** Where a screenshot named {@code name} is left to look at: target/screenshots/, this checkout's own. */
    static Path shot(String name) {
        return Path.of("target", "screenshots", name).toAbsolutePath();
    }

    /** A screenshot of the whole screen once it shows what is up now, left in {@link #shot(String)}. */
    BufferedImage screenshot(String name) throws Exception {
        awaitPainted();
        Path file = shot(name);
        java.nio.file.Files.createDirectories(file.getParent());
        assertEquals(0, run("import", "-display", display, "-window", "root", file.toString()), "import failed");
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(WIDTH, image.getWidth());
        return image;
    }

    private void startXvfb() throws Exception {
        for (int n = 97; n < 120 && xvfb == null; n++) {
            if (Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                continue;
            }
            display = ":" + n;
            Process p = new ProcessBuilder("Xvfb", display, "-screen", "0", WIDTH + "x" + HEIGHT + "x24",
                    "-nolisten", "tcp").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String d = display;
            if (Await.until(() -> !p.isAlive() || run("xdpyinfo", "-display", d) == 0, WAIT,
                    Duration.ofMillis(100)) && p.isAlive()) {
                xvfb = p;
                return;
            }
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        throw new IllegalStateException("could not start Xvfb");
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
}
