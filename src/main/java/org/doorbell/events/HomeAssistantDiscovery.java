package org.doorbell.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Home Assistant's MQTT discovery: three retained configs under {@code homeassistant/}, grouped as
 * one device named "Doorbell" (its id from the client id):
 * <ul>
 * <li>{@code binary_sensor/NODE/someone_at_door}: "Someone at the door", on while a visitor has
 * been seen within {@code visitors.recentSeconds} (the state's {@code someone_at_door});
 * <li>{@code sensor/NODE/last_visitor}: "Last visitor", the name or "Visitor #N", with the last
 * visitor's fields as attributes;
 * <li>{@code camera/NODE/snapshot}: "Visitor", the latest arriving visitor's photo.
 * </ul>
 * All follow the availability topic. With discovery off, the same topics get empty retained
 * payloads, which is how Home Assistant is told to remove the entities.
 */
public final class HomeAssistantDiscovery {
    public static final String PREFIX = "homeassistant";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttSettings settings;
    private final Topics topics;
    private final String node;

    public HomeAssistantDiscovery(MqttSettings settings) {
        this.settings = settings;
        this.topics = new Topics(settings.topicPrefix());
        this.node = nodeId(settings.clientId());
    }

    /** The client id with only the characters discovery topics allow. */
    static String nodeId(String clientId) {
        String n = clientId.replaceAll("[^A-Za-z0-9_-]", "_");
        return n.isEmpty() ? "doorbell" : n;
    }

    public String binarySensorTopic() {
        return PREFIX + "/binary_sensor/" + node + "/someone_at_door/config";
    }

    public String sensorTopic() {
        return PREFIX + "/sensor/" + node + "/last_visitor/config";
    }

    public String cameraTopic() {
        return PREFIX + "/camera/" + node + "/snapshot/config";
    }

    /** What to publish, retained, on every connection: the configs, or empty payloads that remove them. */
    public List<Message> messages(Instant now) {
        if (!settings.discovery()) {
            byte[] none = new byte[0];
            return List.of(new Message(binarySensorTopic(), none, true), new Message(sensorTopic(), none, true),
                    new Message(cameraTopic(), none, true));
        }
        ObjectNode binary = entity("Someone at the door", "someone_at_door");
        binary.put("state_topic", topics.state());
        binary.put("value_template", "{{ 'ON' if value_json.someone_at_door else 'OFF' }}");
        binary.put("device_class", "occupancy");
        binary.put("icon", "mdi:doorbell-video");

        ObjectNode sensor = entity("Last visitor", "last_visitor");
        sensor.put("state_topic", topics.state());
        sensor.put("value_template", "{{ value_json.last_visitor.label if value_json.last_visitor else 'None' }}");
        sensor.put("json_attributes_topic", topics.state());
        sensor.put("json_attributes_template", "{{ (value_json.last_visitor or {}) | tojson }}");
        sensor.put("icon", "mdi:account");

        ObjectNode camera = entity("Visitor", "snapshot");
        camera.put("topic", topics.snapshot());

        return List.of(new Message(binarySensorTopic(), EventPayloads.bytes(binary), true),
                new Message(sensorTopic(), EventPayloads.bytes(sensor), true),
                new Message(cameraTopic(), EventPayloads.bytes(camera), true));
    }

    private ObjectNode entity(String name, String key) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", name);
        o.put("unique_id", node + "_" + key);
        o.put("availability_topic", topics.availability());
        o.put("payload_available", "online");
        o.put("payload_not_available", "offline");
        ObjectNode device = o.putObject("device");
        device.putArray("identifiers").add(node);
        device.put("name", "Doorbell");
        device.put("manufacturer", "Doorbell project");
        device.put("model", "Face-recognition doorbell");
        device.put("sw_version", "0.1.0");
        return o;
    }
}
