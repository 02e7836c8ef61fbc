package org.doorbell.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.Random;
import org.doorbell.testing.Await;
import org.doorbell.testing.Mosquitto;
import org.doorbell.testing.MutableClock;
import org.doorbell.testing.Subscriber;
import org.doorbell.testing.Subscriber.Received;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.Sighting;
import org.doorbell.visitors.VisitorRegistry;
import org.doorbell.visitors.VisitorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Visitor events through a real mosquitto broker of the test's own, checked by a subscribing
 * client: the registry's visits become arrived, snapshot, left and state messages; Home Assistant's
 * discovery configs; a broker that goes away and comes back; a broker that refuses the password or
 * is not there; TLS with a CA made here.
 */
class MqttEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final VisitorSettings VISITS = new VisitorSettings(0.65, Duration.ofMinutes(5), Duration.ofSeconds(10));
    private static final Duration FAST_RETRY = Duration.ofMillis(50);
    private static final Duration FAST_RETRY_MAX = Duration.ofMillis(400);

    @TempDir
    Path tmp;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger publisherLog = (Logger) LoggerFactory.getLogger(MqttPublisher.class);
    private final Random random = new Random(7);

    @BeforeEach
    void captureLog() {
        log.start();
        publisherLog.addAppender(log);
        // DEBUG for the connection attempts that fail again (one WARN line, then DEBUG), which tests count
        publisherLog.setLevel(Level.DEBUG);
    }

    @AfterEach
    void releaseLog() {
        publisherLog.detachAppender(log);
        publisherLog.setLevel(null);
    }

    private static MqttSettings settings(String broker) {
        return new MqttSettings(true, broker, null, null, "doorbell", "doorbell-test", true, null);
    }

    private MqttPublisher publisher(MqttSettings s) {
        MqttPublisher p = new MqttPublisher(s, Clock.systemUTC(), FAST_RETRY, FAST_RETRY_MAX);
        p.start();
        return p;
    }

    private VisitorRegistry registry() {
        return new VisitorRegistry(VISITS, clock, List.of());
    }

    private static DoorEvents door(EventPublisher p, VisitorRegistry registry, Clock wall) {
        DoorEvents d = new DoorEvents(p, new Topics("doorbell"), VISITS, wall, registry.all());
        registry.addVisitListener(d);
        d.start();
        return d;
    }

    private static JsonNode json(Received r) throws Exception {
        return JSON.readTree(r.payload());
    }

    /** What the publisher logged so far (a copy: it logs from its own threads, under the appender's lock). */
    private List<ILoggingEvent> logged() {
        synchronized (log) {
            return List.copyOf(log.list);
        }
    }

    private List<String> warnings() {
        return logged().stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The attempts to connect to {@code url} that failed so far (the first WARN line of an outage, then DEBUG). */
    private long failedAttempts(String url) {
        return logged().stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("MQTT: cannot connect to " + url) || m.startsWith("MQTT: still cannot connect to " + url))
                .count();
    }

    @Test
    void visitsBecomeEventsAndStateAndHomeAssistantSeesOneDevice() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp);
             Subscriber sub = new Subscriber(broker.url(), "#")) {
            MqttPublisher publisher = publisher(settings(broker.url()));
            VisitorRegistry registry = registry();
            Clock wall = Clock.fixed(clock.instant(), ZoneOffset.UTC);
            DoorEvents door = door(publisher, registry, wall);
            byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};

            // a new visitor: arrived, the photo, the state says someone is at the door
            Sighting alice = registry.register(TestVisitors.randomFace(random), jpeg);
            List<Received> arrived = sub.await("doorbell/visitor/arrived", 1, 5000);
            JsonNode a = json(arrived.get(0));
            assertEquals(alice.visitor().id(), a.get("visitor").asLong(), a.toString());
            assertTrue(a.get("name").isNull() && a.get("new").asBoolean() && a.get("visits").asInt() == 1, a.toString());
            assertEquals(clock.instant().toString(), a.get("first_seen").asText(), a.toString());
            assertEquals(clock.instant().toString(), a.get("time").asText(), a.toString());
            assertFalse(arrived.get(0).retained());
            assertArrayEquals(jpeg, sub.await("doorbell/visitor/snapshot", 1, 5000).get(0).payload());
            sub.await(all -> all.stream().anyMatch(r -> r.topic().equals("doorbell/state")
                    && r.text().contains("\"someone_at_door\":true")), 5000);

            // seen again within the visit: no new event; gone from the door after 10 s; left after 5 min
            clock.advance(Duration.ofSeconds(2));
            registry.seen(alice.visitor().id());
            clock.advance(Duration.ofSeconds(11));
            door.tick(clock.instant());
            List<Received> all = sub.await(l -> l.stream().anyMatch(r -> r.topic().equals("doorbell/state")
                    && r.text().contains("\"someone_at_door\":false") && r.text().contains("\"visitors_today\":1")), 5000);
            assertTrue(sub.on("doorbell/visitor/left").isEmpty(), Subscriber.describe(all));
            clock.advance(Duration.ofMinutes(5));
            door.tick(clock.instant());
            JsonNode left = json(sub.await("doorbell/visitor/left", 1, 5000).get(0));
            assertEquals(alice.visitor().id(), left.get("visitor").asLong(), left.toString());
            assertEquals("2026-05-04T10:00:00Z", left.get("arrived").asText(), left.toString());
            assertEquals("2026-05-04T10:00:02Z", left.get("last_seen").asText(), left.toString());

            // back after the visit ended: a known visitor's new visit
            clock.advance(Duration.ofMinutes(1));
            registry.seen(alice.visitor().id());
            JsonNode again = json(sub.await("doorbell/visitor/arrived", 2, 5000).get(1));
            assertFalse(again.get("new").asBoolean(), again.toString());
            assertEquals(2, again.get("visits").asInt(), again.toString());
            assertEquals(1, sub.on("doorbell/visitor/left").size());

            // what Home Assistant finds when it (re)starts: retained discovery, availability, state, photo
            try (Subscriber ha = new Subscriber(broker.url(), "#")) {
                // every retained message this test reads below (there are more: all of them arrive in time)
                Set<String> needed = Set.of("doorbell/availability", "doorbell/state", "doorbell/visitor/snapshot",
                        "homeassistant/binary_sensor/doorbell-test/someone_at_door/config",
                        "homeassistant/sensor/doorbell-test/last_visitor/config",
                        "homeassistant/image/doorbell-test/snapshot/config");
                List<Received> retained = ha.await(l -> l.stream().map(Received::topic).collect(
                        java.util.stream.Collectors.toSet()).containsAll(needed), 5000);
                assertTrue(retained.stream().allMatch(Received::retained), Subscriber.describe(retained));
                assertEquals("online", ha.on("doorbell/availability").get(0).text());
                JsonNode state = json(ha.on("doorbell/state").get(0));
                assertEquals(1, state.get("at_door").size(), state.toString());
                assertEquals("Visitor #" + alice.visitor().id(), state.get("last_visitor").get("label").asText());
                assertEquals("starting", state.get("camera").asText(), "no camera state yet");
                assertArrayEquals(jpeg, ha.on("doorbell/visitor/snapshot").get(0).payload());
                JsonNode binary = json(ha.on("homeassistant/binary_sensor/doorbell-test/someone_at_door/config").get(0));
                JsonNode sensor = json(ha.on("homeassistant/sensor/doorbell-test/last_visitor/config").get(0));
                JsonNode camera = json(ha.on("homeassistant/image/doorbell-test/snapshot/config").get(0));
                assertTrue(ha.on("homeassistant/camera/doorbell-test/snapshot/config").isEmpty(),
                        "the camera entity of earlier versions is removed");
                for (JsonNode c : List.of(binary, sensor, camera)) {
                    assertEquals("doorbell-test", c.get("device").get("identifiers").get(0).asText(), c.toString());
                    assertEquals("doorbell/availability", c.get("availability_topic").asText(), c.toString());
                }
                assertEquals("doorbell/state", binary.get("state_topic").asText());
                assertEquals("occupancy", binary.get("device_class").asText());
                assertEquals("doorbell/last_visitor", sensor.get("json_attributes_topic").asText());
                assertEquals("doorbell/visitor/snapshot", camera.get("image_topic").asText());
            }

            // a stop: the open visit ends, and the doorbell says it is offline
            door.stopping(clock.instant());
            publisher.close();
            assertEquals(2, sub.await("doorbell/visitor/left", 2, 5000).size());
            sub.await(l -> l.stream().anyMatch(r -> r.topic().equals("doorbell/availability") && r.text().equals("offline")),
                    5000);
            assertEquals(0, publisher.dropped());
            assertTrue(warnings().isEmpty(), warnings().toString());
        }
    }

    @Test
    void discoveryTurnedOffRemovesTheEntities() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp)) {
            MqttPublisher on = publisher(settings(broker.url()));
            try (Subscriber sub = new Subscriber(broker.url(), "homeassistant/#")) {
                sub.await(l -> l.size() >= 3, 5000);
            }
            on.close();
            MqttSettings off = new MqttSettings(true, broker.url(), null, null, "doorbell", "doorbell-test", false, null);
            MqttPublisher cleared = publisher(off);
            Await.until(() -> cleared.sent() > 0 || cleared.connected(), Duration.ofSeconds(5));
            cleared.close();
            // a client subscribing now finds no discovery config: empty retained payloads removed them
            try (Subscriber later = new Subscriber(broker.url(), "#")) {
                List<Received> got = later.await(l -> l.stream().anyMatch(r -> r.topic().equals("doorbell/availability")), 5000);
                // an absence: nothing signals that the broker has sent every retained message it will, and
                // MQTT orders messages only within a topic, so other topics' retained messages get a bounded
                // while to arrive after the availability (they come at subscription, in milliseconds)
                Thread.sleep(200);
                got = later.all();
                assertTrue(got.stream().noneMatch(r -> r.topic().startsWith("homeassistant/")), Subscriber.describe(got));
            }
        }
    }

    @Test
    void eventsWaitWhileTheBrokerIsAwayAndArriveOnceAfterItReturns() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        try (Mosquitto broker = Mosquitto.start(tmp, "persistence true", "persistence_location " + data + "/");
             Subscriber sub = new Subscriber(broker.url(), "persistent-subscriber", "doorbell/visitor/#", true, null)) {
            MqttPublisher publisher = publisher(settings(broker.url()));
            VisitorRegistry registry = registry();
            door(publisher, registry, clock);
            registry.register(TestVisitors.randomFace(random), new byte[] {1});
            sub.await("doorbell/visitor/arrived", 1, 5000);

            broker.stop();
            Await.until(() -> !publisher.connected(), Duration.ofSeconds(5));
            assertFalse(publisher.connected(), "the publisher noticed the broker's stop");
            // recognition goes on: three more visitors, none waits for the broker
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofSeconds(1));
                registry.register(TestVisitors.randomFace(random), new byte[] {(byte) (2 + i)});
            }
            assertTrue(System.nanoTime() - start < 100_000_000L, "registering took " + (System.nanoTime() - start) / 1e6 + " ms");
            Await.await(() -> failedAttempts(broker.url()) >= 3, Duration.ofSeconds(10), "a few failed reconnects");

            broker.start();
            Await.await(() -> {
                try {
                    sub.connect();
                    return true;
                } catch (Exception notYet) {
                    return false;
                }
            }, Duration.ofSeconds(5), Duration.ofMillis(100), "the subscriber to connect to the restarted broker");
            List<Received> arrived = sub.await("doorbell/visitor/arrived", 4, 10_000);
            // an absence: a duplicate would come right after the four, and nothing signals that none is
            // coming, so it gets a bounded while to show up
            Thread.sleep(300);
            arrived = sub.on("doorbell/visitor/arrived");
            // QoS 1 is at least once: a publish whose acknowledgement the outage cut off is sent again, right
            // after itself; nothing else may repeat, and nothing may be lost or come out of order
            List<Long> ids = new java.util.ArrayList<>();
            for (Received r : arrived) {
                long id = json(r).get("visitor").asLong();
                if (ids.isEmpty() || ids.get(ids.size() - 1) != id) {
                    ids.add(id);
                }
            }
            assertEquals(List.of(1L, 2L, 3L, 4L), ids, "each visitor's arrival, in order: " + Subscriber.describe(arrived));
            assertTrue(arrived.size() <= 5, "at most the one publish cut off by the outage twice: "
                    + Subscriber.describe(arrived));
            assertEquals(0, publisher.dropped());
            List<String> w = warnings();
            assertTrue(w.stream().anyMatch(l -> l.startsWith("MQTT: lost the connection to " + broker.url())), w.toString());
            assertTrue(w.size() <= 3, "one line for the loss, one per cause of the failed reconnects: " + w);
            assertTrue(logged().stream().anyMatch(e -> e.getFormattedMessage().startsWith("MQTT: connected to "
                    + broker.url() + " again")), logged().toString());
            publisher.close();
        }
    }

    @Test
    void aWrongPasswordIsOneClearLineAndNeverBlocks() throws Exception {
        Path passwd = Mosquitto.passwordFile(tmp, "doorbell", "right-password");
        try (Mosquitto broker = Mosquitto.start(tmp, "allow_anonymous false", "password_file " + passwd)) {
            MqttSettings wrong = new MqttSettings(true, broker.url(), "doorbell", "wrong-secret", "doorbell", "doorbell-test",
                    true, null);
            MqttPublisher publisher = publisher(wrong);
            long start = System.nanoTime();
            for (int i = 0; i < 2 * MqttPublisher.CAPACITY; i++) {
                publisher.publish(new Message("doorbell/visitor/arrived", new byte[] {1}, false));
            }
            long took = System.nanoTime() - start;
            assertTrue(took < 500_000_000L, "publishing took " + took / 1e6 + " ms");
            Await.await(() -> failedAttempts(broker.url()) >= 4, Duration.ofSeconds(10), "several attempts");
            assertFalse(publisher.connected());
            assertTrue(publisher.dropped() >= MqttPublisher.CAPACITY, publisher.statsLine());
            assertTrue(publisher.statsLine().contains("dropped " + publisher.dropped()), publisher.statsLine());
            // this broker's: a publisher of an earlier test may still be saying goodbye to its own
            List<String> w = warnings().stream().filter(m -> m.contains(broker.url())).toList();
            assertEquals(1, w.size(), warnings().toString());
            assertTrue(w.get(0).contains("cannot connect to " + broker.url() + ": the broker refused the user name or password"),
                    w.get(0));
            assertTrue(logged().stream().noneMatch(e -> e.getFormattedMessage().contains("wrong-secret")));
            publisher.close();

            // the right one
            MqttSettings right = new MqttSettings(true, broker.url(), "doorbell", "right-password", "doorbell",
                    "doorbell-test", true, null);
            TestEvent.Outcome accepted = TestEvent.send(right, Clock.systemUTC());
            assertTrue(accepted.delivered(), () -> accepted.line() + "\n" + broker.log());
            TestEvent.Outcome refused = TestEvent.send(wrong, Clock.systemUTC());
            assertFalse(refused.delivered());
            assertTrue(refused.line().contains("did not take the test event: the broker refused the user name or password"),
                    refused.line());
        }
    }

    @Test
    void anUnreachableBrokerIsOneClearLine() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        MqttPublisher publisher = publisher(settings("tcp://127.0.0.1:" + port));
        publisher.publish(new Message("doorbell/visitor/arrived", new byte[] {1}, false));
        Await.await(() -> failedAttempts("tcp://127.0.0.1:" + port) >= 3, Duration.ofSeconds(10), "a few attempts");
        List<String> w = warnings();
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).contains("cannot connect to tcp://127.0.0.1:" + port + ": cannot reach it"), w.get(0));
        assertEquals(1, publisher.waiting());
        long start = System.nanoTime();
        publisher.close();
        assertTrue(System.nanoTime() - start < 3_000_000_000L, "close does not wait for a broker that is not there");
    }

    @Test
    void tlsWithTheCaOfTheConfig() throws Exception {
        Path pki = Files.createDirectories(tmp.resolve("pki"));
        openssl(pki, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=Doorbell test CA");
        openssl(pki, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
        Files.writeString(pki.resolve("ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        openssl(pki, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "2", "-extfile", "ext");
        try (Mosquitto broker = Mosquitto.start(tmp, "cafile " + pki.resolve("ca.crt"),
                "certfile " + pki.resolve("server.crt"), "keyfile " + pki.resolve("server.key"))) {
            String url = "ssl://localhost:" + broker.port();
            MqttSettings tls = new MqttSettings(true, url, null, null, "doorbell", "doorbell-test", true,
                    pki.resolve("ca.crt"));
            try (Subscriber sub = new Subscriber(url, "tls-subscriber", "doorbell/#", false,
                    new MqttConnector(tls).options().getSocketFactory())) {
                MqttPublisher publisher = publisher(tls);
                VisitorRegistry registry = registry();
                door(publisher, registry, clock);
                registry.register(TestVisitors.randomFace(random), new byte[] {1});
                assertEquals(1, json(sub.await("doorbell/visitor/arrived", 1, 5000).get(0)).get("visitor").asInt());
                publisher.close();
            }
            // without the CA, the JDK's trust store refuses the self-signed chain: one clear line
            MqttPublisher untrusted = publisher(new MqttSettings(true, url, null, null, "doorbell", "doorbell-test", true,
                    null));
            Await.await(() -> failedAttempts(url) >= 3, Duration.ofSeconds(10), "a few attempts");
            untrusted.close();
            // this broker's: a publisher of an earlier test may still be saying goodbye to its own
            List<String> w = warnings().stream().filter(m -> m.contains(url)).toList();
            assertEquals(1, w.size(), warnings().toString());
            assertTrue(w.get(0).contains("cannot connect to " + url + ": TLS failed"), w.get(0));
        }
    }

    private static void openssl(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }
}
