package org.doorbell.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A Paho client that subscribes to everything and keeps what arrives, for the tests to check. */
public final class Subscriber implements AutoCloseable {
    /** One message as it arrived. */
    public record Received(String topic, byte[] payload, boolean retained, boolean duplicate) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final MqttClient client;
    private final List<Received> received = new ArrayList<>();
    private final MqttConnectOptions options;
    private final String filter;

    /**
     * @param persistentSession false for a clean session; true to keep the session (and the
     *                          messages for it) at the broker while this client is away
     */
    public Subscriber(String url, String clientId, String filter, boolean persistentSession,
                      javax.net.SocketFactory socketFactory) throws Exception {
        this.filter = filter;
        client = new MqttClient(url, clientId, new MemoryPersistence());
        options = new MqttConnectOptions();
        options.setCleanSession(!persistentSession);
        options.setConnectionTimeout(5);
        if (socketFactory != null) {
            options.setSocketFactory(socketFactory);
        }
        // one callback for the client, not per subscription: messages the broker kept for a
        // persistent session arrive as soon as it connects, before any subscribe returns
        client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                synchronized (received) {
                    received.add(new Received(topic, message.getPayload(), message.isRetained(), message.isDuplicate()));
                    received.notifyAll();
                }
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        connect();
    }

    public Subscriber(String url, String filter) throws Exception {
        this(url, "test-subscriber-" + System.nanoTime(), filter, false, null);
    }

    /** Connects (again) and subscribes with QoS 1. */
    public void connect() throws Exception {
        client.connect(options);
        client.subscribe(filter, 1);
    }

    public void disconnect() throws Exception {
        if (client.isConnected()) {
            client.disconnect(1000);
        }
    }

    /** Everything received so far. */
    public List<Received> all() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    /** The messages on {@code topic} so far. */
    public List<Received> on(String topic) {
        return all().stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** Waits until some messages satisfy {@code done}; returns them all. */
    public List<Received> await(Predicate<List<Received>> done, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (received) {
            while (!done.test(received)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeoutMillis + " ms; received: " + describe(received));
                }
                received.wait(left);
            }
            return new ArrayList<>(received);
        }
    }

    /** Waits until {@code count} messages have arrived on {@code topic}. */
    public List<Received> await(String topic, int count, long timeoutMillis) throws InterruptedException {
        await(all -> all.stream().filter(r -> r.topic().equals(topic)).count() >= count, timeoutMillis);
        return on(topic);
    }

    public static String describe(List<Received> list) {
        StringBuilder sb = new StringBuilder();
        for (Received r : list) {
            sb.append("\n  ").append(r.topic()).append(r.retained() ? " (retained) " : " ")
                    .append(r.topic().endsWith("snapshot") ? r.payload().length + " bytes" : r.text());
        }
        return sb.toString();
    }

    @Override
    public void close() throws Exception {
        try {
            disconnect();
        } finally {
            client.close(true);
        }
    }
}
