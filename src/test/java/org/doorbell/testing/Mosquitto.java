package org.doorbell.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A mosquitto broker of the test's own: its own process, with a config written here, on a free
 * loopback port; never the system's service. Absent mosquitto skips the test, except under CI
 * (CI=true), where it fails.
 */
public final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final List<String> config;
    private Process process;

    private Mosquitto(Path dir, List<String> extra) throws IOException {
        this.dir = dir;
        this.port = freePort();
        this.config = new ArrayList<>();
        // run as root, mosquitto would switch to the user "mosquitto", who cannot read the test's files
        config.add("user " + System.getProperty("user.name"));
        config.add("listener " + port + " 127.0.0.1");
        config.addAll(extra);
        if (extra.stream().noneMatch(l -> l.startsWith("allow_anonymous") || l.startsWith("password_file"))) {
            config.add("allow_anonymous true");
        }
        if (extra.stream().noneMatch(l -> l.startsWith("persistence "))) {
            config.add("persistence false");
        }
        config.add("log_dest file " + dir.resolve("mosquitto.log"));
        config.add("log_type error");
        config.add("log_type warning");
        config.add("log_type notice");
        config.add("log_type information");
    }

    /** The mosquitto binary, or the test is skipped (failed under CI). */
    public static Path binary() {
        for (String candidate : List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("mosquitto is not installed; scripts/setup installs it with DOORBELL_SETUP_TESTS=1");
        }
        Assumptions.abort("mosquitto is not installed (apt-get install mosquitto)");
        return null;
    }

    /** Starts a broker in {@code dir} with the extra config lines (listener options, password_file, persistence). */
    public static Mosquitto start(Path dir, String... extra) throws Exception {
        binary();
        Mosquitto m = new Mosquitto(dir, List.of(extra));
        m.start();
        return m;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts (again, on the same port) and waits until it accepts connections. */
    public void start() throws Exception {
        Path conf = Files.write(dir.resolve("mosquitto.conf"), config);
        process = new ProcessBuilder(binary().toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), () -> "mosquitto exited: " + log());
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("mosquitto did not listen on " + port + ": " + log());
    }

    /** Stops it as a service stop does (SIGTERM: a persistent broker saves its state). */
    public void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "mosquitto stopped");
        }
    }

    /** What the broker logged and printed. */
    public String log() {
        StringBuilder sb = new StringBuilder();
        for (String f : List.of("mosquitto.log", "mosquitto.out")) {
            try {
                sb.append(Files.readString(dir.resolve(f)));
            } catch (IOException e) {
                // not written yet
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** A password file for {@code user} and {@code password}, made by mosquitto_passwd. */
    public static Path passwordFile(Path dir, String user, String password) throws Exception {
        Path f = dir.resolve("passwd");
        Process p = new ProcessBuilder("mosquitto_passwd", "-b", "-c", f.toString(), user, password)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return f;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
