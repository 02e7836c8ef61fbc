package org.doorbell.events;

import static org.doorbell.testing.TestVisitors.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.doorbell.BuildVersion;
import org.doorbell.appliance.OwnerActions;
import org.doorbell.face.FaceBox;
import org.doorbell.identity.TrackOutcome;
import org.doorbell.image.OpenCv;
import org.doorbell.recognition.Recognition;
import org.doorbell.recognition.RecognizedFace;
import org.doorbell.testing.Await;
import org.doorbell.testing.Mosquitto;
import org.doorbell.testing.MutableClock;
import org.doorbell.testing.Subscriber.Received;
import org.doorbell.testing.Subscriber;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorEditor;
import org.doorbell.visitors.VisitorRegistry;
import org.doorbell.visitors.VisitorSettings;
import org.doorbell.visitors.VisitorStore;
import org.doorbell.visitors.store.VisitorStores;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.slf4j.LoggerFactory;

/**
 * Home Assistant as it sees the doorbell, through a real mosquitto broker of the test's own: every
 * discovery config (keys checked against Home Assistant's documents), the event entity's three
 * event types with their attributes, the doorstep image, and the commands from Home Assistant
 * (naming and forgetting the last visitor, malformed commands, a command racing a correction on
 * the screen) on a real SQLite store through the {@link VisitorEditor}.
 */
class HomeAssistantTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final VisitorSettings VISITS = new VisitorSettings(0.65, Duration.ofMinutes(5), Duration.ofSeconds(10));

    /*
     * The keys of each platform's MQTT configuration, from home-assistant.io's
     * source/_integrations/PLATFORM.mqtt.markdown (event 0271d54, image 045f4e6, text 03ecc9c,
     * button 03048e0; sensor, binary_sensor and mqtt.markdown's origin block as of Home Assistant
     * 2024-2025, not pinned to a commit), and the keys every platform shares (availability, device,
     * origin, entity options).
     */
    private static final Set<String> COMMON = Set.of("name", "unique_id", "availability", "availability_mode",
            "availability_template", "availability_topic", "payload_available", "payload_not_available", "device",
            "origin", "enabled_by_default", "encoding", "entity_category", "icon", "json_attributes_template",
            "json_attributes_topic", "object_id", "default_entity_id", "qos", "entity_picture");
    private static final Map<String, Set<String>> PLATFORM = Map.of(
            "event", Set.of("state_topic", "event_types", "device_class", "value_template"),
            "image", Set.of("image_topic", "content_type", "image_encoding", "url_topic", "url_template"),
            "text", Set.of("command_topic", "command_template", "state_topic", "value_template", "min", "max", "mode",
                    "pattern", "retain"),
            "button", Set.of("command_topic", "command_template", "payload_press", "device_class", "retain"),
            "sensor", Set.of("state_topic", "value_template", "device_class", "state_class", "unit_of_measurement",
                    "options", "expire_after", "force_update", "last_reset_value_template",
                    "suggested_display_precision"),
            "binary_sensor", Set.of("state_topic", "value_template", "device_class", "payload_on", "payload_off",
                    "expire_after", "force_update", "off_delay"));
    private static final Map<String, Set<String>> REQUIRED = Map.of(
            "event", Set.of("state_topic", "event_types"), "image", Set.of("image_topic"),
            "text", Set.of("command_topic"), "button", Set.of("command_topic"), "sensor", Set.of("state_topic"),
            "binary_sensor", Set.of("state_topic"));
    private static final Set<String> DEVICE = Set.of("configuration_url", "connections", "hw_version", "identifiers",
            "manufacturer", "model", "model_id", "name", "serial_number", "suggested_area", "sw_version", "via_device");
    private static final Set<String> ORIGIN = Set.of("name", "sw_version", "support_url");

    @TempDir
    Path tmp;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
    private final Clock wall = Clock.fixed(Instant.parse("2026-05-04T10:00:00Z"), ZoneOffset.UTC);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger commandLog = (Logger) LoggerFactory.getLogger(HomeAssistantCommands.class);
    private final Random random = new Random(11);
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void captureLog() {
        log.start();
        commandLog.addAppender(log);
        commandLog.setLevel(Level.INFO);
    }

    @AfterEach
    void release() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception brokerGone) {
                // the broker stops with the test's try block, before this
            }
        }
        commandLog.detachAppender(log);
        commandLog.setLevel(null);
    }

    private <T extends AutoCloseable> T closing(T c) {
        open.add(c);
        return c;
    }

    private static MqttSettings settings(String broker, boolean discovery) {
        return new MqttSettings(true, broker, null, null, "doorbell", "doorbell-test", discovery, null);
    }

    private static JsonNode json(Received r) throws Exception {
        return JSON.readTree(r.payload());
    }

    /** What was logged so far (copied under the appender's lock: the commands' thread appends meanwhile). */
    private List<ILoggingEvent> logged() {
        synchronized (log) {
            return new ArrayList<>(log.list);
        }
    }

    private List<String> warnings() {
        return logged().stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static void waitFor(BooleanSupplier done, String what) throws Exception {
        Await.await(done::getAsBoolean, Duration.ofSeconds(5), what);
    }

    /** The appliance's side: a store, the running registry and its editor, the events, the commands. */
    private final class Doorbell {
        final VisitorStore store;
        final VisitorRegistry registry;
        final VisitorEditor editor;
        final MqttPublisher publisher;
        final DoorEvents door;

        Doorbell(Mosquitto broker) throws Exception {
            this(broker, settings(broker.url(), true));
        }

        Doorbell(Mosquitto broker, MqttSettings mqtt) throws Exception {
            store = VisitorStores.open(tmp.resolve("known_faces.db"), MODEL);
            open.add(store::close);
            registry = new VisitorRegistry(VISITS, clock, wall, store.load());
            registry.useIds(() -> {
                try {
                    return store.newId();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            editor = new VisitorEditor(store, wall, VISITS.newVisitAfter(), registry);
            publisher = new MqttPublisher(mqtt, Clock.systemUTC(), Duration.ofMillis(50), Duration.ofMillis(400));
            DoorstepPictures pictures = new DoorstepPictures(MqttSettings.MAX_IMAGE_WIDTH);
            door = new DoorEvents(publisher, new Topics("doorbell"), VISITS, wall, registry.all(), registry, pictures,
                    mqtt);
            HomeAssistantCommands commands = closing(new HomeAssistantCommands(editor, door::lastEventVisitor,
                    new Topics("doorbell")));
            commands.subscribe(publisher);
            registry.addVisitListener(door);
            door.start();
            publisher.start();
            open.add(publisher);
            waitFor(publisher::connected, "the doorbell's connection");
        }

        /** A new visitor registered by the recogniser, saved as the pipeline saves it. */
        Visitor arrives() throws Exception {
            Visitor v = registry.register(TestVisitors.randomFace(random), jpeg()).visitor();
            store.save(registry.drainChanges().visitors());
            return v;
        }

        Optional<Visitor> stored(long id) throws Exception {
            return store.load().stream().filter(v -> v.id() == id).findFirst();
        }
    }

    private static byte[] jpeg() {
        return new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
    }

    /** Home Assistant's side of a command: a client of its own publishing on the command topic. */
    private MqttClient homeAssistant(Mosquitto broker) throws Exception {
        MqttClient c = new MqttClient(broker.url(), "home-assistant", new MemoryPersistence());
        org.eclipse.paho.client.mqttv3.MqttConnectOptions o = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
        o.setMaxInflight(100);
        c.connect(o);
        open.add(() -> {
            c.disconnectForcibly(0, 100);
            c.close(true);
        });
        return c;
    }

    private static void send(MqttClient ha, String topic, byte[] payload) throws Exception {
        ha.publish(topic, payload, 1, false);
    }

    private static void send(MqttClient ha, String topic, String payload) throws Exception {
        send(ha, topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyDiscoveryConfigUsesOnlyTheKeysHomeAssistantDocuments() {
        assertTrue(BuildVersion.get().matches("\\d+\\.\\d+\\.\\d+.*"), "the build's version: " + BuildVersion.get());
        List<HomeAssistantDiscovery.Entity> entities =
                new HomeAssistantDiscovery(settings("tcp://localhost:1883", true), "1.2.3").entities();
        Set<String> ids = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        for (HomeAssistantDiscovery.Entity e : entities) {
            JsonNode c = e.config();
            kinds.add(e.component());
            assertTrue(ids.add(c.get("unique_id").asText()), "unique ids: " + c);
            Set<String> allowed = new HashSet<>(COMMON);
            allowed.addAll(PLATFORM.get(e.component()));
            for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                assertTrue(allowed.contains(key), e.component() + " has no key " + key + ": " + c);
            }
            for (String key : REQUIRED.get(e.component())) {
                assertTrue(c.hasNonNull(key), e.component() + " needs " + key + ": " + c);
            }
            c.get("device").fieldNames().forEachRemaining(k -> assertTrue(DEVICE.contains(k), "device." + k));
            c.get("origin").fieldNames().forEachRemaining(k -> assertTrue(ORIGIN.contains(k), "origin." + k));
            assertEquals("Doorbell", c.get("origin").get("name").asText());
            assertEquals("1.2.3", c.get("origin").get("sw_version").asText());
            assertEquals("1.2.3", c.get("device").get("sw_version").asText());
            assertEquals("doorbell/availability", c.get("availability_topic").asText());
        }
        assertEquals(Set.of("event", "image", "binary_sensor", "sensor", "text", "button"), kinds);
        JsonNode event = entities.get(0).config();
        assertEquals(List.of("new_visitor", "known_visitor", "visitor_left"),
                JSON.convertValue(event.get("event_types"), List.class));
    }

    @Test
    void everyEntityIsPublishedAndDiscoveryOffRemovesThemAll() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp)) {
            List<Received> configs;
            try (Subscriber ha = new Subscriber(broker.url(), "homeassistant/#")) {
                MqttPublisher on = closing(new MqttPublisher(settings(broker.url(), true), Clock.systemUTC(),
                        Duration.ofMillis(50), Duration.ofMillis(400)));
                on.start();
                configs = ha.await(l -> l.stream().filter(r -> r.payload().length > 0).count() >= 9, 5000);
                on.close();
            }
            Set<String> topics = new HashSet<>();
            for (Received r : configs) {
                if (r.payload().length > 0) {
                    topics.add(r.topic());
                    JsonNode c = json(r);
                    assertEquals(BuildVersion.get(), c.get("origin").get("sw_version").asText(), c.toString());
                    assertEquals(BuildVersion.get(), c.get("device").get("sw_version").asText(), c.toString());
                }
            }
            String n = "/doorbell-test/";
            assertEquals(Set.of("homeassistant/event" + n + "visitor/config", "homeassistant/image" + n + "doorstep/config",
                    "homeassistant/image" + n + "snapshot/config", "homeassistant/binary_sensor" + n + "someone_at_door/config",
                    "homeassistant/sensor" + n + "last_visitor/config", "homeassistant/sensor" + n + "visitors_today/config",
                    "homeassistant/sensor" + n + "camera/config", "homeassistant/text" + n + "name_last_visitor/config",
                    "homeassistant/button" + n + "forget_last_visitor/config"), topics);

            MqttPublisher off = new MqttPublisher(settings(broker.url(), false), Clock.systemUTC(), Duration.ofMillis(50),
                    Duration.ofMillis(400));
            off.start();
            waitFor(off::connected, "the second connection");
            off.close();
            try (Subscriber later = new Subscriber(broker.url(), "#")) {
                later.await(l -> l.stream().anyMatch(r -> r.topic().equals("doorbell/availability")), 5000);
                List<Received> got = later.all();
                assertTrue(got.stream().noneMatch(r -> r.topic().startsWith("homeassistant/")), Subscriber.describe(got));
            }
        }
    }

    @Test
    void eachEventTypeCarriesItsAttributesAndTheArrivalItsDoorstepPicture() throws Exception {
        OpenCv.load();
        try (Mosquitto broker = Mosquitto.start(tmp);
             Subscriber ha = new Subscriber(broker.url(), "doorbell/#")) {
            Doorbell d = new Doorbell(broker);
            // before anyone came: no last visitor at all (Home Assistant shows unknown)
            ha.await(l -> l.stream().anyMatch(r -> r.topic().equals("doorbell/state")), 5000);
            assertTrue(ha.on("doorbell/last_visitor").isEmpty(), Subscriber.describe(ha.all()));

            // a new visitor, decided on a 1920x1080 frame with a second, unsure face; the visit is stamped with the
            // face's first sighting, 2 s before the tick: the event still waits for the picture
            Instant tick = clock.instant().plusSeconds(2);
            d.door.tick(tick);
            Visitor alice = d.arrives();
            d.door.tick(tick);
            d.door.outcome(new TrackOutcome(1, alice.id(), true, 0.7123));
            Mat frame = new Mat(1080, 1920, CvType.CV_8UC3, new Scalar(90, 90, 90));
            try {
                d.door.decided(new Recognition(5, clock.instant(), List.of(
                        new RecognizedFace(new FaceBox(300, 1100, 600, 800), RecognizedFace.Kind.NEW_VISITOR, "New visitor!",
                                alice.id(), 1),
                        new RecognizedFace(new FaceBox(320, 500, 520, 300), RecognizedFace.Kind.UNSURE, "Not sure yet", 0, 2))),
                        frame);
            } finally {
                frame.release();  // the events copied what they needed
            }
            JsonNode arrived = json(ha.await("doorbell/visitor/arrived", 1, 5000).get(0));
            assertEquals("new_visitor", arrived.get("event_type").asText(), arrived.toString());
            List<Received> all = ha.await("doorbell/event", 1, 5000);
            JsonNode event = json(ha.on("doorbell/event").get(0));
            assertEquals("new_visitor", event.get("event_type").asText(), event.toString());
            assertEquals(alice.id(), event.get("visitor").asLong());
            assertTrue(event.get("name").isNull(), event.toString());
            assertEquals("Visitor #" + alice.id(), event.get("label").asText());
            assertEquals(1, event.get("visits").asInt());
            assertEquals("2026-05-04T10:00:00Z", event.get("first_seen").asText());
            assertEquals(0.712, event.get("distance").asDouble(), 1e-9, event.toString());
            assertEquals("doorbell/doorstep", event.get("image_topic").asText());
            // the picture came first, so that a notification on the event shows it
            List<String> order = ha.all().stream().map(Received::topic).toList();
            assertTrue(order.indexOf("doorbell/doorstep") >= 0 && order.indexOf("doorbell/doorstep")
                    < order.indexOf("doorbell/event"), order.toString());
            Received picture = ha.on("doorbell/doorstep").get(0);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(picture.payload()));
            assertNotNull(image, "a JPEG");
            assertEquals((byte) 0xFF, picture.payload()[0]);
            assertEquals((byte) 0xD8, picture.payload()[1]);
            assertEquals(1280, image.getWidth());
            assertEquals(720, image.getHeight());
            // the arriving visitor's box is drawn (in the accent colour), the background is not
            int boxEdge = image.getRGB((int) Math.round(800 / 1.5) + 1, (int) Math.round(450 / 1.5));
            assertTrue(((boxEdge >> 16) & 0xFF) > 200 && (boxEdge & 0xFF) < 80, Integer.toHexString(boxEdge));
            int background = image.getRGB(50, 50);
            assertTrue(Math.abs(((background >> 16) & 0xFF) - 90) < 12, Integer.toHexString(background));
            // the last visitor, with the distance, retained
            JsonNode last = json(ha.await("doorbell/last_visitor", 1, 5000).get(ha.on("doorbell/last_visitor").size() - 1));
            assertEquals("Visitor #" + alice.id(), last.get("label").asText(), last.toString());
            assertEquals(0.712, last.get("distance").asDouble(), 1e-9, last.toString());

            // she leaves: visitor_left, with when she arrived and was last seen
            clock.advance(Duration.ofMinutes(6));
            d.door.tick(clock.instant());
            JsonNode leftEvent = json(ha.await("doorbell/event", 2, 5000).get(1));
            assertEquals("visitor_left", leftEvent.get("event_type").asText(), leftEvent.toString());
            assertEquals("2026-05-04T10:00:00Z", leftEvent.get("arrived").asText());
            assertEquals("2026-05-04T10:00:00Z", leftEvent.get("last_seen").asText());
            assertTrue(leftEvent.get("image_topic").isNull());
            assertEquals("visitor_left", json(ha.await("doorbell/visitor/left", 1, 5000).get(0)).get("event_type").asText());

            // she comes back: known_visitor; without its frame the event still goes out, within a second, without a picture
            d.registry.seen(alice.id());
            d.door.outcome(new TrackOutcome(2, alice.id(), false, 0.31));
            clock.advance(Duration.ofMillis(1100));
            d.door.tick(clock.instant());
            JsonNode known = json(ha.await("doorbell/event", 3, 5000).get(2));
            assertEquals("known_visitor", known.get("event_type").asText(), known.toString());
            assertEquals(2, known.get("visits").asInt());
            assertEquals(0.31, known.get("distance").asDouble(), 1e-9);
            assertTrue(known.get("image_topic").isNull(), known.toString());
            assertEquals(1, ha.on("doorbell/doorstep").size(), "no new picture");
            assertEquals("known_visitor", json(ha.await("doorbell/visitor/arrived", 2, 5000).get(1)).get("event_type")
                    .asText());
            assertTrue(warnings().isEmpty(), warnings().toString());
        }
    }

    @Test
    void theNameAndForgetCommandsCorrectTheLastVisitorAndMalformedOnesChangeNothing() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp);
             Subscriber sub = new Subscriber(broker.url(), "doorbell/#")) {
            Doorbell d = new Doorbell(broker);
            MqttClient ha = homeAssistant(broker);
            Visitor first = d.arrives();
            clock.advance(Duration.ofSeconds(1));
            Visitor second = d.arrives();
            d.door.decided(new Recognition(1, clock.instant(), List.of()), null);
            sub.await("doorbell/event", 2, 5000);

            // "Name the last visitor": the second visitor, in the store and the running registry at once
            send(ha, "doorbell/command/name", "  Zoë   Smith ");
            waitFor(() -> d.registry.find(second.id()).map(v -> "Zoë Smith".equals(v.name())).orElse(false), "the name");
            assertEquals("Zoë Smith", d.stored(second.id()).orElseThrow().name());
            assertEquals(null, d.stored(first.id()).orElseThrow().name(), "only the last visitor");
            // Home Assistant's sensor and text entity follow at the next tick
            d.door.tick(clock.instant());
            sub.await(l -> l.stream().anyMatch(r -> r.topic().equals("doorbell/last_visitor")
                    && r.text().contains("\"name\":\"Zoë Smith\"")), 5000);
            // the next events carry the name
            clock.advance(Duration.ofMinutes(6));
            d.door.tick(clock.instant());
            List<Received> events = sub.await("doorbell/event", 4, 5000);
            assertTrue(events.stream().anyMatch(r -> r.text().contains("visitor_left")
                    && r.text().contains("\"name\":\"Zoë Smith\"") && r.text().contains("\"label\":\"Zoë Smith\"")),
                    Subscriber.describe(events));

            // malformed: not UTF-8, too long, a button payload other than PRESS: one WARN line each, nothing changes
            int warned = warnings().size();
            send(ha, "doorbell/command/name", new byte[] {(byte) 0xC3, (byte) 0x28});
            send(ha, "doorbell/command/name", "x".repeat(41));
            send(ha, "doorbell/command/forget", "press");
            waitFor(() -> warnings().size() >= warned + 3, "three warnings");
            // and nothing more: an absence, which nothing signals (the commands are handled on two threads,
            // in no set order), so a fourth warning gets a bounded while to show up
            Thread.sleep(100);
            List<String> w = warnings().subList(warned, warnings().size());
            assertEquals(3, w.size(), w.toString());
            // (in any order: the name is checked on the commands' thread, the rest as they arrive)
            for (String why : List.of("doorbell/command/name: not UTF-8 text", "doorbell/command/name: a name is at most 40",
                    "doorbell/command/forget: expected PRESS")) {
                assertEquals(1, w.stream().filter(l -> l.contains(why)).count(), why + " in " + w);
            }
            assertEquals("Zoë Smith", d.stored(second.id()).orElseThrow().name());
            assertEquals(2, d.store.load().size());

            // "Forget the last visitor": gone from the store and the registry
            send(ha, "doorbell/command/forget", "PRESS");
            waitFor(() -> d.registry.find(second.id()).isEmpty(), "the forget");
            assertTrue(d.stored(second.id()).isEmpty());
            assertTrue(d.stored(first.id()).isPresent(), "only the last visitor");
            // the last visitor is the one before, and nothing retained names the forgotten one
            d.door.tick(clock.instant());
            sub.await(l -> l.stream().anyMatch(r -> r.topic().equals("doorbell/last_visitor")
                    && r.text().contains("\"visitor\":" + first.id() + ",")), 5000);
            try (Subscriber later = new Subscriber(broker.url(), "doorbell/#")) {
                List<Received> retained = later.await(l -> l.stream().anyMatch(r -> r.topic().equals("doorbell/last_visitor"))
                        && l.stream().anyMatch(r -> r.topic().equals("doorbell/state")), 5000);
                assertTrue(retained.stream().filter(r -> !r.topic().endsWith("/snapshot") && !r.topic().endsWith("/doorstep"))
                        .noneMatch(r -> r.text().contains("Zoë")), Subscriber.describe(retained));
            }
            // a second press: that visitor is gone, one WARN, nothing else changes
            send(ha, "doorbell/command/forget", "PRESS");
            waitFor(() -> warnings().size() >= warned + 4, "the warning");
            assertTrue(warnings().get(warned + 3).contains("There is no visitor #" + second.id()), warnings().toString());
            assertEquals(1, d.store.load().size());
        }
    }

    @Test
    void perPersonANamedVisitorHasASensorOfTheirOwnUntilForgotten() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp);
             Subscriber ha = new Subscriber(broker.url(), "homeassistant/binary_sensor/#")) {
            Doorbell d = new Doorbell(broker, new MqttSettings(true, broker.url(), null, null, "doorbell", "doorbell-test",
                    true, null, MqttSettings.MAX_IMAGE_WIDTH, true));
            Visitor v = d.arrives();
            String topic = "homeassistant/binary_sensor/doorbell-test/person_" + v.id() + "/config";
            d.door.tick(clock.instant());
            assertTrue(d.editor.rename(v.id(), "Zoë").done());
            d.door.tick(clock.instant());
            JsonNode c = json(ha.await(topic, 1, 5000).get(0));
            assertEquals("Zoë at the door", c.get("name").asText(), c.toString());
            assertEquals("doorbell/state", c.get("state_topic").asText());
            assertTrue(c.get("value_template").asText().contains("'equalto', " + v.id() + ")"), c.toString());
            assertEquals("occupancy", c.get("device_class").asText());
            for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                assertTrue(COMMON.contains(key) || PLATFORM.get("binary_sensor").contains(key), key);
            }
            // forgotten: the config is removed (an empty retained payload)
            assertTrue(d.editor.forget(v.id()).done());
            d.door.tick(clock.instant());
            List<Received> got = ha.await(topic, 2, 5000);
            assertEquals(0, got.get(1).payload().length);
        }
    }

    @Test
    void aCommandRacingACorrectionOnTheScreenLeavesOneConsistentStore() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp)) {
            Doorbell d = new Doorbell(broker);
            MqttClient ha = homeAssistant(broker);
            Visitor v = d.arrives();
            OwnerActions screen = new OwnerActions(() -> d.editor);
            CountDownLatch go = new CountDownLatch(1);
            Thread touch = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < 20; i++) {
                        screen.rename(v.id(), i % 2 == 0 ? "Alice" : "Carol");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "screen");
            touch.start();
            go.countDown();
            for (int i = 0; i < 20; i++) {
                send(ha, "doorbell/command/name", "Bob " + i);
            }
            touch.join();
            waitFor(() -> logged().stream().filter(e -> e.getFormattedMessage().contains("is now Bob")).count() == 20,
                    "Home Assistant's 20 names");
            // every edit was one transaction: the store and the running registry agree, on one of the names given
            String name = d.stored(v.id()).orElseThrow().name();
            assertEquals(name, d.registry.find(v.id()).orElseThrow().name());
            assertTrue(Set.of("Alice", "Carol").contains(name) || name.startsWith("Bob "), name);
            assertEquals(1, d.store.load().size());
            assertTrue(warnings().isEmpty(), warnings().toString());

            // the forget races a rename on the screen: the visitor is gone from both, whatever the order
            Thread again = new Thread(() -> screen.rename(v.id(), "Dave"), "screen");
            send(ha, "doorbell/command/forget", "PRESS");
            again.start();
            again.join();
            waitFor(() -> d.registry.find(v.id()).isEmpty(), "the forget");
            assertTrue(d.stored(v.id()).isEmpty());
            assertFalse(d.store.load().stream().anyMatch(x -> "Dave".equals(x.name())));
            assertNotEquals(-1, v.id());
        }
    }
}
