package org.doorbell.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.doorbell.visitors.Visitor;

/** The JSON of the doorbell's messages; times ISO-8601 UTC, names null when unnamed. */
final class EventPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventPayloads() {
    }

    /** What the screen calls the visitor: the owner's name, or "Visitor #N". */
    static String label(Visitor v) {
        return v.title();
    }

    /** Home Assistant's event types: a new visitor's first visit, a known visitor's new visit, a visit's end. */
    static final String NEW_VISITOR = "new_visitor";
    static final String KNOWN_VISITOR = "known_visitor";
    static final String VISITOR_LEFT = "visitor_left";
    static final List<String> EVENT_TYPES = List.of(NEW_VISITOR, KNOWN_VISITOR, VISITOR_LEFT);

    /**
     * {@code {"event_type", "visitor", "name", "new", "visits", "first_seen", "time"}}: a visit
     * started at {@code time}.
     */
    static byte[] arrived(Visitor v, boolean isNew, Instant time) {
        ObjectNode o = JSON.createObjectNode();
        o.put("event_type", isNew ? NEW_VISITOR : KNOWN_VISITOR);
        o.setAll(visitor(v));
        o.put("new", isNew);
        o.put("visits", v.visits());
        o.put("first_seen", v.firstSeen().toString());
        o.put("time", time.toString());
        return bytes(o);
    }

    /**
     * {@code {"event_type", "visitor", "name", "visits", "arrived", "last_seen", "time"}}: a visit
     * ended, noticed at {@code time}.
     */
    static byte[] left(Visitor v, Instant arrived, Instant time) {
        ObjectNode o = JSON.createObjectNode();
        o.put("event_type", VISITOR_LEFT);
        o.setAll(visitor(v));
        o.put("visits", v.visits());
        o.put("arrived", arrived.toString());
        o.put("last_seen", v.lastSeen().toString());
        o.put("time", time.toString());
        return bytes(o);
    }

    /**
     * Home Assistant's event entity: {@code {"event_type", "visitor", "name", "label", "visits",
     * "first_seen", "distance", "image_topic", "time"}}, and for {@code visitor_left} also
     * {@code "arrived"} and {@code "last_seen"}. {@code distance} is the face distance to the
     * visitor's gallery that decided it (for a new visitor, to the nearest other visitor), null when
     * not measured; {@code image_topic} is where the doorstep picture of an arrival is, null for a
     * departure or an arrival without one.
     */
    static byte[] event(String type, Visitor v, double distance, String imageTopic, Instant arrived, Instant time) {
        ObjectNode o = JSON.createObjectNode();
        o.put("event_type", type);
        o.setAll(visitor(v));
        o.put("label", label(v));
        o.put("visits", v.visits());
        o.put("first_seen", v.firstSeen().toString());
        putDistance(o, distance);
        if (imageTopic == null) {
            o.putNull("image_topic");
        } else {
            o.put("image_topic", imageTopic);
        }
        if (arrived != null) {
            o.put("arrived", arrived.toString());
            o.put("last_seen", v.lastSeen().toString());
        }
        o.put("time", time.toString());
        return bytes(o);
    }

    /**
     * The retained last visitor: {@code {"visitor", "name", "label", "new", "visits", "first_seen",
     * "time", "distance"}}.
     */
    static byte[] lastVisitor(Visitor v, boolean isNew, Instant time, double distance) {
        return bytes(last(v, isNew, time, distance));
    }

    private static ObjectNode last(Visitor v, boolean isNew, Instant time, double distance) {
        ObjectNode l = visitor(v);
        l.put("label", label(v));
        l.put("new", isNew);
        l.put("visits", v.visits());
        l.put("first_seen", v.firstSeen().toString());
        l.put("time", time.toString());
        putDistance(l, distance);
        return l;
    }

    /** Rounded to 3 decimals; null when NaN (not measured). */
    private static void putDistance(ObjectNode o, double distance) {
        if (Double.isNaN(distance) || Double.isInfinite(distance)) {
            o.putNull("distance");
        } else {
            o.put("distance", Math.round(distance * 1000) / 1000.0);
        }
    }

    /**
     * {@code {"someone_at_door", "at_door": [{"visitor", "name", "label"}], "visitors_today",
     * "last_visitor": {"visitor", "name", "label", "new", "visits", "first_seen", "time", "distance"} or null,
     * "camera", "time"}}.
     */
    static byte[] state(List<Visitor> atDoor, int visitorsToday, Visitor last, boolean lastNew, Instant lastTime,
                        double lastDistance, String camera, Instant time) {
        ObjectNode o = JSON.createObjectNode();
        o.put("someone_at_door", !atDoor.isEmpty());
        ArrayNode at = o.putArray("at_door");
        for (Visitor v : atDoor) {
            at.add(visitor(v).put("label", label(v)));
        }
        o.put("visitors_today", visitorsToday);
        if (last == null) {
            o.putNull("last_visitor");
        } else {
            o.set("last_visitor", last(last, lastNew, lastTime, lastDistance));
        }
        o.put("camera", camera);
        o.put("time", time.toString());
        return bytes(o);
    }

    /** {@code {"test": true, "client", "time"}}: {@code doorbell events test}. */
    static byte[] test(String clientId, Instant time) {
        ObjectNode o = JSON.createObjectNode();
        o.put("test", true);
        o.put("client", clientId);
        o.put("time", time.toString());
        return bytes(o);
    }

    private static ObjectNode visitor(Visitor v) {
        ObjectNode o = JSON.createObjectNode();
        o.put("visitor", v.id());
        if (v.name() == null || v.name().isBlank()) {
            o.putNull("name");
        } else {
            o.put("name", v.name());
        }
        return o;
    }

    static byte[] bytes(ObjectNode o) {
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }
}
