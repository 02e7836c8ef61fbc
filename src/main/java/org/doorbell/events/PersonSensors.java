package org.doorbell.events;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorRegistry;

/**
 * {@code mqtt.perPerson}: a Home Assistant binary sensor "NAME at the door" for each named visitor,
 * its config published (retained) when the visitor is named or renamed, and removed (an empty
 * retained payload) when the name is removed or the visitor forgotten. The named visitors are
 * looked at again only when the owner's corrections moved on (the registry's edit number). With the
 * option or discovery off, the configs of the visitors named now are removed once, at start.
 * Called on the appliance's tick only (one thread), outside the events' lock.
 */
final class PersonSensors {
    private final EventPublisher out;
    private final HomeAssistantDiscovery discovery;
    private final VisitorRegistry registry;
    private final boolean on;
    private long seenEdits = Long.MIN_VALUE;
    private Map<Long, String> published = new HashMap<>();

    PersonSensors(EventPublisher out, MqttSettings settings, VisitorRegistry registry) {
        this.out = out;
        this.discovery = new HomeAssistantDiscovery(settings);
        this.registry = registry;
        this.on = settings.discovery() && settings.perPerson();
    }

    void refresh() {
        long edits = registry.editSeq();
        if (edits == seenEdits) {
            return;
        }
        boolean first = seenEdits == Long.MIN_VALUE;
        seenEdits = edits;
        Map<Long, String> named = new TreeMap<>();
        for (Visitor v : registry.all()) {
            if (v.name() != null && !v.name().isBlank()) {
                named.put(v.id(), v.name());
            }
        }
        if (!on) {
            if (first) {
                named.keySet().forEach(id -> out.publish(new Message(discovery.personTopic(id), new byte[0], true)));
            }
            return;
        }
        for (Map.Entry<Long, String> e : named.entrySet()) {
            if (!Objects.equals(published.get(e.getKey()), e.getValue())) {
                out.publish(new Message(discovery.personTopic(e.getKey()),
                        discovery.personConfig(e.getKey(), e.getValue()), true));
            }
        }
        for (Long id : published.keySet()) {
            if (!named.containsKey(id)) {
                out.publish(new Message(discovery.personTopic(id), new byte[0], true));
            }
        }
        published = named;
    }
}
