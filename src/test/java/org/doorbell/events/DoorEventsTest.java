package org.doorbell.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.doorbell.camera.CameraState;
import org.doorbell.testing.MutableClock;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorRegistry;
import org.doorbell.visitors.VisitorSettings;
import org.junit.jupiter.api.Test;

/** What the appliance's visits and camera become as messages, without a broker. */
class DoorEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final VisitorSettings VISITS = new VisitorSettings(0.65, Duration.ofMinutes(5), Duration.ofSeconds(10));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T23:58:00Z"));
    private final List<Message> sent = new ArrayList<>();
    private final EventPublisher capture = new EventPublisher() {
        @Override
        public void publish(Message message) {
            sent.add(message);
        }

        @Override
        public void close() {
        }
    };

    private List<Message> on(String topic) {
        return sent.stream().filter(m -> m.topic().equals(topic)).toList();
    }

    private JsonNode lastState() throws Exception {
        List<Message> states = on("doorbell/state");
        return JSON.readTree(states.get(states.size() - 1).payload());
    }

    @Test
    void cameraStatesAndTheDaysVisitorsAreInTheState() throws Exception {
        VisitorRegistry registry = new VisitorRegistry(VISITS, clock, List.of());
        DoorEvents door = new DoorEvents(capture, new Topics("doorbell"), VISITS, clock,
                registry.all());
        registry.addVisitListener(door);
        door.start();
        assertEquals("starting", lastState().get("camera").asText());
        door.cameraState(CameraState.RUNNING);
        assertEquals("ok", lastState().get("camera").asText());
        door.cameraState(CameraState.RETRYING);
        assertEquals("retrying", lastState().get("camera").asText());
        int states = on("doorbell/state").size();
        door.cameraState(CameraState.RETRYING);
        assertEquals(states, on("doorbell/state").size(), "no change, no message");

        registry.register(TestVisitors.randomFace(new Random(1)), new byte[] {1});
        registry.register(TestVisitors.randomFace(new Random(2)), new byte[] {2});
        assertEquals(2, lastState().get("visitors_today").asInt());
        assertEquals(2, lastState().get("at_door").size());
        assertTrue(lastState().get("someone_at_door").asBoolean());
        assertEquals(2, on("doorbell/visitor/arrived").size());

        // midnight (UTC here) passes: today's count starts again; the visits are still open
        clock.advance(Duration.ofMinutes(3));
        door.tick(clock.instant());
        assertEquals(0, lastState().get("visitors_today").asInt());
        assertEquals(0, lastState().get("at_door").size(), "unseen for 3 min: not at the door");
        assertEquals(0, on("doorbell/visitor/left").size(), "still in their visits");
        registry.seen(1);
        assertEquals(1, lastState().get("visitors_today").asInt());
        assertEquals(1, lastState().get("at_door").get(0).get("visitor").asInt());

        clock.advance(Duration.ofMinutes(4));
        door.tick(clock.instant());
        assertEquals(1, on("doorbell/visitor/left").size(), "#2 unseen for 7 min, #1 for 4");
        assertEquals(2, JSON.readTree(on("doorbell/visitor/left").get(0).payload()).get("visitor").asInt());
        door.stopping(clock.instant());
        assertEquals(2, on("doorbell/visitor/left").size());
        assertEquals("stopped", lastState().get("camera").asText());
    }

    @Test
    void aVisitThatBeganBeforeTheStartEndsWithoutAnArrival() throws Exception {
        Visitor known = TestVisitors.visitors(1, 3, 10).get(0);
        Instant seen = known.lastSeen();
        clock.set(seen.plus(Duration.ofMinutes(1)));
        VisitorRegistry registry = new VisitorRegistry(VISITS, clock, List.of(known));
        DoorEvents door = new DoorEvents(capture, new Topics("doorbell"), VISITS, clock,
                registry.all());
        registry.addVisitListener(door);
        door.start();
        assertEquals(known.id(), lastState().get("last_visitor").get("visitor").asLong(), "the last visitor from the store");
        registry.seen(known.id());
        assertEquals(0, on("doorbell/visitor/arrived").size(), "the same visit goes on");
        assertTrue(lastState().get("someone_at_door").asBoolean());
        clock.advance(Duration.ofMinutes(6));
        door.tick(clock.instant());
        assertEquals(1, on("doorbell/visitor/left").size());
    }
}
