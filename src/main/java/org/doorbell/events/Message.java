package org.doorbell.events;

/**
 * One MQTT publication: QoS 1 always. A retained message is the topic's latest state (a newer one
 * replaces it, also while it waits); an event (not retained) waits for a limited time if it cannot
 * be sent.
 */
public record Message(String topic, byte[] payload, boolean retained) {
}
