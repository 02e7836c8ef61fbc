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

    /** {@code {"visitor", "name", "new", "visits", "first_seen", "time"}}: a visit started at {@code time}. */
    static byte[] arrived(Visitor v, boolean isNew, Instant time) {
        ObjectNode o = visitor(v);
        o.put("new", isNew);
        o.put("visits", v.visits());
        o.put("first_seen", v.firstSeen().toString());
        o.put("time", time.toString());
        return bytes(o);
    }

    /** {@code {"visitor", "name", "visits", "arrived", "last_seen", "time"}}: a visit ended, noticed at {@code time}. */
    static byte[] left(Visitor v, Instant arrived, Instant time) {
        ObjectNode o = visitor(v);
        o.put("visits", v.visits());
        o.put("arrived", arrived.toString());
        o.put("last_seen", v.lastSeen().toString());
        o.put("time", time.toString());
        return bytes(o);
    }

    /**
     * {@code {"someone_at_door", "at_door": [{"visitor", "name", "label"}], "visitors_today",
     * "last_visitor": {"visitor", "name", "label", "new", "visits", "first_seen", "time"} or null,
     * "camera", "time"}}.
     */
    static byte[] state(List<Visitor> atDoor, int visitorsToday, Visitor last, boolean lastNew, Instant lastTime,
                        String camera, Instant time) {
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
            ObjectNode l = visitor(last);
            l.put("label", label(last));
            l.put("new", lastNew);
            l.put("visits", last.visits());
            l.put("first_seen", last.firstSeen().toString());
            l.put("time", lastTime.toString());
            o.set("last_visitor", l);
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
