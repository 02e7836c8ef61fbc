package org.doorbell.events;

import java.time.Clock;
import org.eclipse.paho.client.mqttv3.MqttClient;

/**
 * {@code doorbell events test}: connects with the configured settings under a client id of its
 * own (so as not to push a running appliance off the broker), publishes one test message on
 * {@code PREFIX/test} with QoS 1 and waits for the broker to take it.
 */
public final class TestEvent {
    /** Whether the broker took the message, and one line saying so or why not. */
    public record Outcome(boolean delivered, String line) {
    }

    private TestEvent() {
    }

    public static Outcome send(MqttSettings settings, Clock clock) {
        MqttSettings own = settings.withClientId(settings.clientId() + "-test");
        Topics topics = new Topics(settings.topicPrefix());
        MqttConnector connector = new MqttConnector(own);
        MqttClient c = null;
        try {
            c = connector.client();
            c.connect(connector.options());
            c.publish(topics.test(), EventPayloads.test(settings.clientId(), clock.instant()), 1, false);
            c.disconnect(1000);
            return new Outcome(true, "the broker at " + settings.broker() + " took the test event on " + topics.test());
        } catch (Exception e) {
            return new Outcome(false, "the broker at " + settings.broker() + " did not take the test event: "
                    + MqttConnector.reason(e));
        } finally {
            if (c != null) {
                try {
                    if (c.isConnected()) {
                        c.disconnectForcibly(0, 1000);
                    }
                    c.close(true);
                } catch (Exception ignored) {
                    // nothing more to release
                }
            }
        }
    }
}
