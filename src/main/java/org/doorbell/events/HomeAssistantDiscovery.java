package org.doorbell.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.doorbell.BuildVersion;
import org.doorbell.visitors.Corrections;

/**
 * Home Assistant's MQTT discovery: one retained config per entity under {@code homeassistant/},
 * all of one device named "Doorbell" (its id from the client id), each with the device, the
 * {@code origin} (this software and the build's version) and the availability topic:
 * <ul>
 * <li>{@code event/NODE/visitor}: "Visitor", the events {@code new_visitor}, {@code known_visitor}
 * and {@code visitor_left} with the visitor's fields as attributes;
 * <li>{@code image/NODE/doorstep}: "At the door", the doorstep picture of the latest arrival;
 * <li>{@code image/NODE/snapshot}: "Visitor face", the latest arriving visitor's best face photo;
 * <li>{@code binary_sensor/NODE/someone_at_door}: "Someone at the door";
 * <li>{@code sensor/NODE/last_visitor}: "Last visitor", the name or "Visitor #N" (unknown before
 * the first), its fields, distance included, as attributes;
 * <li>{@code sensor/NODE/visitors_today}: "Visitors today";
 * <li>{@code sensor/NODE/camera}: "Camera", starting, ok, retrying or stopped (diagnostic);
 * <li>{@code text/NODE/name_last_visitor}: "Name the last visitor", and
 * {@code button/NODE/forget_last_visitor}: "Forget the last visitor", the owner's corrections
 * ({@link HomeAssistantCommands}).
 * </ul>
 * With {@code mqtt.perPerson}, also {@code binary_sensor/NODE/person_ID}: "NAME at the door" for
 * each named visitor ({@link PersonSensors}).
 * With discovery off, the same topics get empty retained payloads, which is how Home Assistant is
 * told to remove the entities; so does the camera entity of earlier versions, replaced by the images.
 * The keys are those of Home Assistant's MQTT platform documents (see the README).
 */
public final class HomeAssistantDiscovery {
    public static final String PREFIX = "homeassistant";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One entity: its platform (component), its object id, and its config. */
    record Entity(String component, String objectId, ObjectNode config) {
    }

    private final MqttSettings settings;
    private final Topics topics;
    private final String node;
    private final String version;

    public HomeAssistantDiscovery(MqttSettings settings) {
        this(settings, BuildVersion.get());
    }

    HomeAssistantDiscovery(MqttSettings settings, String version) {
        this.settings = settings;
        this.topics = new Topics(settings.topicPrefix());
        this.node = nodeId(settings.clientId());
        this.version = version;
    }

    /** The client id with only the characters discovery topics allow. */
    static String nodeId(String clientId) {
        String n = clientId.replaceAll("[^A-Za-z0-9_-]", "_");
        return n.isEmpty() ? "doorbell" : n;
    }

    /** The config topic of an entity. */
    public String configTopic(String component, String objectId) {
        return PREFIX + "/" + component + "/" + node + "/" + objectId + "/config";
    }

    public String binarySensorTopic() {
        return configTopic("binary_sensor", "someone_at_door");
    }

    public String sensorTopic() {
        return configTopic("sensor", "last_visitor");
    }

    /** The camera entity of earlier versions, now removed. */
    public String cameraTopic() {
        return configTopic("camera", "snapshot");
    }

    /** What to publish, retained, on every connection: the configs, or empty payloads that remove them. */
    public List<Message> messages(Instant now) {
        byte[] none = new byte[0];
        List<Message> out = new ArrayList<>();
        for (Entity e : entities()) {
            out.add(new Message(configTopic(e.component(), e.objectId()),
                    settings.discovery() ? EventPayloads.bytes(e.config()) : none, true));
        }
        out.add(new Message(cameraTopic(), none, true));
        return out;
    }

    /** Every entity's config, as published with discovery on. */
    List<Entity> entities() {
        List<Entity> list = new ArrayList<>();

        ObjectNode event = entity("Visitor", "visitor");
        event.put("state_topic", topics.event());
        ArrayNode types = event.putArray("event_types");
        EventPayloads.EVENT_TYPES.forEach(types::add);
        event.put("device_class", "doorbell");
        event.put("icon", "mdi:doorbell-video");
        event.put("qos", 1);
        list.add(new Entity("event", "visitor", event));

        ObjectNode doorstep = entity("At the door", "doorstep");
        doorstep.put("image_topic", topics.doorstep());
        doorstep.put("content_type", "image/jpeg");
        list.add(new Entity("image", "doorstep", doorstep));

        ObjectNode face = entity("Visitor face", "snapshot");
        face.put("image_topic", topics.snapshot());
        face.put("content_type", "image/jpeg");
        list.add(new Entity("image", "snapshot", face));

        ObjectNode binary = entity("Someone at the door", "someone_at_door");
        binary.put("state_topic", topics.state());
        binary.put("value_template", "{{ 'ON' if value_json.someone_at_door else 'OFF' }}");
        binary.put("device_class", "occupancy");
        binary.put("icon", "mdi:doorbell-video");
        list.add(new Entity("binary_sensor", "someone_at_door", binary));

        ObjectNode lastVisitor = entity("Last visitor", "last_visitor");
        lastVisitor.put("state_topic", topics.lastVisitor());
        // no retained message before the first visitor: unknown; an empty one (everyone forgotten): blank
        lastVisitor.put("value_template", "{{ value_json.label if value_json is defined else '' }}");
        lastVisitor.put("json_attributes_topic", topics.lastVisitor());
        lastVisitor.put("icon", "mdi:account");
        list.add(new Entity("sensor", "last_visitor", lastVisitor));

        ObjectNode today = entity("Visitors today", "visitors_today");
        today.put("state_topic", topics.state());
        today.put("value_template", "{{ value_json.visitors_today }}");
        today.put("state_class", "total_increasing");
        today.put("unit_of_measurement", "visitors");
        today.put("icon", "mdi:account-group");
        list.add(new Entity("sensor", "visitors_today", today));

        ObjectNode camera = entity("Camera", "camera");
        camera.put("state_topic", topics.state());
        camera.put("value_template", "{{ value_json.camera }}");
        camera.put("device_class", "enum");
        camera.putArray("options").add("starting").add("ok").add("retrying").add("stopped");
        camera.put("entity_category", "diagnostic");
        camera.put("icon", "mdi:cctv");
        list.add(new Entity("sensor", "camera", camera));

        ObjectNode name = entity("Name the last visitor", "name_last_visitor");
        name.put("command_topic", topics.nameCommand());
        name.put("state_topic", topics.lastVisitor());
        name.put("value_template", "{{ (value_json.name or '') if value_json is defined else '' }}");
        name.put("min", 0);
        name.put("max", Corrections.MAX_NAME);
        name.put("mode", "text");
        name.put("qos", 1);
        name.put("icon", "mdi:account-edit");
        list.add(new Entity("text", "name_last_visitor", name));

        ObjectNode forget = entity("Forget the last visitor", "forget_last_visitor");
        forget.put("command_topic", topics.forgetCommand());
        forget.put("payload_press", HomeAssistantCommands.PRESS);
        forget.put("qos", 1);
        forget.put("icon", "mdi:account-remove");
        list.add(new Entity("button", "forget_last_visitor", forget));
        return list;
    }

    /** The config topic of a named visitor's "NAME at the door" ({@code mqtt.perPerson}). */
    public String personTopic(long visitorId) {
        return configTopic("binary_sensor", "person_" + visitorId);
    }

    /** "NAME at the door": on while that visitor is among the state's {@code at_door}. */
    public byte[] personConfig(long visitorId, String name) {
        ObjectNode o = entity(name + " at the door", "person_" + visitorId);
        o.put("state_topic", topics.state());
        o.put("value_template", "{{ 'ON' if value_json.at_door | selectattr('visitor', 'equalto', " + visitorId
                + ") | list | count > 0 else 'OFF' }}");
        o.put("device_class", "occupancy");
        o.put("icon", "mdi:account-check");
        return EventPayloads.bytes(o);
    }

    private ObjectNode entity(String name, String key) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", name);
        o.put("unique_id", node + "_" + key);
        o.put("availability_topic", topics.availability());
        ObjectNode device = o.putObject("device");
        device.putArray("identifiers").add(node);
        device.put("name", "Doorbell");
        device.put("manufacturer", "Doorbell project");
        device.put("model", "Face-recognition doorbell");
        device.put("sw_version", version);
        ObjectNode origin = o.putObject("origin");
        origin.put("name", "Doorbell");
        origin.put("sw_version", version);
        return o;
    }
}
