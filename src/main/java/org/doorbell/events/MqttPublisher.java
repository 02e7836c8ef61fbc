package org.doorbell.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the doorbell's messages to the broker from a thread of its own ("mqtt"), so that nothing
 * else ever waits for the network: {@link #publish} puts the message in a bounded {@link Outbox}
 * and returns. The thread connects (the availability topic {@code online}, the Home Assistant
 * discovery configs, then the latest retained states again), sends the waiting messages in order
 * with QoS 1, and when the broker cannot be reached or goes away, reconnects with a backoff doubling
 * from {@code retryInitial} to {@code retryMax}. Meanwhile events wait for up to
 * {@link #KEEP_EVENTS} ({@link #CAPACITY} at most, oldest dropped first, counted).
 * A message whose publication failed is sent again after the reconnect: it may arrive twice,
 * which is QoS 1's rule. One log line per outage and cause; the password is never logged.
 */
public final class MqttPublisher implements EventPublisher {
    private static final Logger log = LoggerFactory.getLogger(MqttPublisher.class);
    /** Events not sent within this time are dropped (a visit lasts at least as long). */
    public static final Duration KEEP_EVENTS = Duration.ofMinutes(5);
    /** Events waiting at most. */
    public static final int CAPACITY = 1000;
    /** How long {@link #close()} lets the waiting messages go out before it disconnects. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    private final MqttSettings settings;
    private final MqttConnector connector;
    private final HomeAssistantDiscovery discovery;
    private final Topics topics;
    private final Clock clock;
    private final Duration retryInitial;
    private final Duration retryMax;
    private final Outbox outbox;
    private final AtomicLong sent = new AtomicLong();
    private final Object sleeper = new Object();
    private volatile boolean closing;
    private volatile boolean connected;
    private volatile MqttClient client;
    private Thread thread;
    /** Command topics and what handles their messages (on Paho's thread), subscribed at each connection. */
    private final java.util.Map<String, java.util.function.Consumer<byte[]>> commands =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** The cause last logged for the present outage; null while connected. */
    private String outage = "";
    private boolean everConnected;

    public MqttPublisher(MqttSettings settings, Clock clock, Duration retryInitial, Duration retryMax) {
        this.settings = settings;
        this.connector = new MqttConnector(settings);
        this.discovery = new HomeAssistantDiscovery(settings);
        this.topics = new Topics(settings.topicPrefix());
        this.clock = clock;
        this.retryInitial = retryInitial;
        this.retryMax = retryMax;
        this.outbox = new Outbox(CAPACITY, KEEP_EVENTS, clock);
    }

    /** Starts the publisher's thread with the usual backoff (1 s doubling to 60 s). */
    public static MqttPublisher start(MqttSettings settings, Clock clock) {
        MqttPublisher p = create(settings, clock);
        p.start();
        return p;
    }

    /** A publisher with the usual backoff (1 s doubling to 60 s), not started (to {@link #subscribe} first). */
    public static MqttPublisher create(MqttSettings settings, Clock clock) {
        return new MqttPublisher(settings, clock, Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        log.info("MQTT: publishing to {} as {}, topics {}/..., Home Assistant discovery {}", settings.broker(),
                settings.clientId(), settings.topicPrefix(), settings.discovery() ? "on" : "off (clearing its configs)");
        thread = new Thread(this::loop, "mqtt");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void publish(Message message) {
        outbox.offer(message);
    }

    /**
     * Subscribes to {@code topic} (QoS 1) at every connection, on this publisher's connection, so
     * with the configured broker and credentials only; {@code handler} gets each message's payload
     * on the MQTT client's thread and must return at once. Call before {@link #start()}.
     */
    public void subscribe(String topic, java.util.function.Consumer<byte[]> handler) {
        commands.put(topic, handler);
    }

    /** True while connected to the broker. */
    public boolean connected() {
        return connected;
    }

    /** Messages the broker has taken. */
    public long sent() {
        return sent.get();
    }

    /** Events dropped: too many waiting, or older than {@link #KEEP_EVENTS}. */
    public long dropped() {
        return outbox.dropped();
    }

    /** Messages waiting to be sent. */
    public int waiting() {
        return outbox.waiting();
    }

    @Override
    public String statsLine() {
        return "MQTT " + (connected ? "connected" : "not connected") + ", sent " + sent.get() + ", waiting "
                + outbox.waiting() + ", dropped " + outbox.dropped();
    }

    /** Lets the waiting messages go out for up to {@link #CLOSE_GRACE}, says {@code offline} and disconnects. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        closing = true;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        if (t == null) {
            return;
        }
        try {
            t.join(CLOSE_GRACE.toMillis() + 2000);
            if (t.isAlive()) {
                t.interrupt();
                t.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        Duration wait = retryInitial;
        long closeBy = 0;
        try {
            while (true) {
                if (closing) {
                    if (closeBy == 0) {
                        closeBy = System.nanoTime() + CLOSE_GRACE.toNanos();
                    }
                    if (!connected || outbox.waiting() == 0 || System.nanoTime() > closeBy) {
                        break;
                    }
                }
                if (!connected) {
                    if (connect()) {
                        wait = retryInitial;
                    } else {
                        sleep(wait);
                        Duration doubled = wait.multipliedBy(2);
                        wait = doubled.compareTo(retryMax) > 0 ? retryMax : doubled;
                    }
                    continue;
                }
                Message m = outbox.take(200);
                if (m == null) {
                    continue;
                }
                try {
                    client.publish(m.topic(), m.payload(), 1, m.retained());
                    outbox.sent(m);
                    sent.incrementAndGet();
                } catch (Exception e) {
                    lost(e);  // it stays first in the outbox
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            disconnect();
        }
    }

    /** Connects and sends what a fresh connection needs; false (logged) if that failed. */
    private boolean connect() {
        MqttClient old = client;
        client = null;
        close(old);
        MqttClient c = null;
        try {
            c = connector.client();
            c.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    lost(cause);
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    java.util.function.Consumer<byte[]> handler = commands.get(topic);
                    if (handler != null && !message.isRetained()) {  // a retained command is an old one
                        try {
                            handler.accept(message.getPayload());
                        } catch (RuntimeException e) {
                            log.warn("MQTT: the command on {} failed: {}", topic, e.toString());
                        }
                    }
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            c.connect(connector.options());
            c.publish(topics.availability(), "online".getBytes(StandardCharsets.UTF_8), 1, true);
            for (Message m : discovery.messages(clock.instant())) {
                c.publish(m.topic(), m.payload(), 1, true);
            }
            for (String topic : commands.keySet()) {
                try {
                    c.subscribe(topic, 1);
                } catch (org.eclipse.paho.client.mqttv3.MqttException refused) {
                    // a broker's ACL may forbid it: the events go on, the commands do not come
                    if (!everConnected) {
                        log.warn("MQTT: the broker did not let us subscribe to {}: {}; that command will not work",
                                topic, MqttConnector.reason(refused));
                    }
                    if (!c.isConnected()) {
                        throw refused;
                    }
                }
            }
            if (everConnected) {
                outbox.resendRetained();
            }
            client = c;
            connected = true;
            if (!everConnected) {
                log.info("MQTT: connected to {}", settings.broker());
            } else {
                log.info("MQTT: connected to {} again; {} messages to send", settings.broker(), outbox.waiting());
            }
            everConnected = true;
            outage = null;
            return true;
        } catch (Exception e) {
            String why = MqttConnector.reason(e);
            if (!why.equals(outage)) {
                log.warn("MQTT: cannot connect to {}: {}; recognition goes on, events wait up to {} min, retrying",
                        settings.broker(), why, KEEP_EVENTS.toMinutes());
                outage = why;
            } else {
                log.debug("MQTT: still cannot connect to {}: {}", settings.broker(), why);
            }
            close(c);
            return false;
        }
    }

    /** The connection went away (Paho's callback thread, or a failed publication on ours). */
    private synchronized void lost(Throwable cause) {
        if (!connected) {
            return;
        }
        connected = false;
        String why = cause == null ? "closed" : MqttConnector.reason(cause);
        outage = why;
        if (!closing) {
            log.warn("MQTT: lost the connection to {}: {}; reconnecting (events wait up to {} min)", settings.broker(),
                    why, KEEP_EVENTS.toMinutes());
        }
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    private void disconnect() {
        MqttClient c = client;
        if (c == null) {
            log.info("MQTT: stopped; {}", statsLine());
            return;
        }
        if (connected) {
            try {
                // a clean disconnect sends no will: say it ourselves
                c.publish(topics.availability(), "offline".getBytes(StandardCharsets.UTF_8), 1, true);
                c.disconnect(1000);
            } catch (Exception e) {
                log.debug("MQTT: disconnecting: {}", MqttConnector.reason(e));
            }
        }
        connected = false;
        close(c);
        log.info("MQTT: disconnected; {}", statsLine());
    }

    private static void close(MqttClient c) {
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 1000);
            }
            c.close(true);
        } catch (Exception e) {
            // nothing more to release
        }
    }

    private void sleep(Duration d) throws InterruptedException {
        synchronized (sleeper) {
            if (!closing) {
                sleeper.wait(Math.max(1, d.toMillis()));
            }
        }
    }
}
