package org.doorbell.events;

/**
 * Where the doorbell's messages go. {@link #publish} never blocks: it hands the message over and
 * returns. {@link #NONE} drops everything (MQTT not enabled).
 */
public interface EventPublisher extends AutoCloseable {
    EventPublisher NONE = new EventPublisher() {
        @Override
        public void publish(Message message) {
        }

        @Override
        public void close() {
        }
    };

    /** Hands the message over for delivery; returns at once. */
    void publish(Message message);

    /** A short summary for the stats line; "" for none. */
    default String statsLine() {
        return "";
    }

    /** Delivers what it can within a moment and disconnects. */
    @Override
    void close();
}
