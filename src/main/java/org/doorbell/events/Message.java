package org.doorbell.events;

import java.time.Instant;

/**
 * One MQTT publication: QoS 1 always. A retained message is the topic's latest state (a newer one
 * replaces it, also in the queue); an event is kept for a while if it cannot be sent.
 *
 * @param created when it was made (events older than the outbox's limit are dropped)
 */
public record Message(String topic, byte[] payload, boolean retained, Instant created) {
}
