package org.doorbell.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doorbell run} names the real reason it has no screen, each with its own fix. */
class NoDisplayMessageTest {
    @Test
    void noDisplayVariable(@TempDir Path javaHome) throws Exception {
        withXawt(javaHome);
        String m = RunCommand.whyHeadless(true, null, null, javaHome, null);
        assertTrue(m.contains("DISPLAY is not set") && m.contains("--headless"), m);
    }

    @Test
    void javaWithoutTheAwtX11Library(@TempDir Path javaHome) {
        String m = RunCommand.whyHeadless(true, null, ":7", javaHome, null);
        assertTrue(m.contains("no AWT X11 library") && m.contains("openjdk-17-jdk") && !m.contains("DISPLAY is not set"), m);
    }

    @Test
    void headlessProperty(@TempDir Path javaHome) throws Exception {
        withXawt(javaHome);
        String m = RunCommand.whyHeadless(true, "true", ":0", javaHome, null);
        assertTrue(m.contains("-Djava.awt.headless=true"), m);
    }

    @Test
    void unreachableXServer(@TempDir Path javaHome) throws Exception {
        withXawt(javaHome);
        String m = RunCommand.whyHeadless(false, null, ":9", javaHome, "Can't connect to X11 window server using ':9'");
        assertTrue(m.contains("cannot connect to the X server at DISPLAY=:9") && m.contains("xhost"), m);
    }

    private static void withXawt(Path javaHome) throws Exception {
        Files.createDirectories(javaHome.resolve("lib"));
        Files.createFile(javaHome.resolve("lib/libawt_xawt.so"));
    }
}
