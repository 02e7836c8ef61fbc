package org.doorbell.events;

import java.nio.file.Path;

/**
 * The {@code mqtt} section of the configuration: where visitor events go. Off by default.
 * {@link #toString()} never shows the password.
 *
 * @param enabled     connect to the broker and publish events
 * @param broker      {@code tcp://host:port} or {@code ssl://host:port}; null when not enabled
 * @param username    null for none
 * @param password    null for none (read from {@code passwordFile} if that was given)
 * @param topicPrefix the first level of every event topic, e.g. {@code doorbell}
 * @param clientId    the MQTT client id, also the Home Assistant device's id
 * @param discovery   publish Home Assistant discovery configs (false: clear them)
 * @param caFile      a PEM file of CA certificates to trust for {@code ssl://}; null: the JDK's own
 * @param imageWidth  the doorstep picture's width at most, in pixels ({@value #MIN_IMAGE_WIDTH} to
 *                    {@value #MAX_IMAGE_WIDTH})
 * @param perPerson   a Home Assistant binary sensor "NAME at the door" for each named visitor
 */
public record MqttSettings(boolean enabled, String broker, String username, String password, String topicPrefix,
                           String clientId, boolean discovery, Path caFile, int imageWidth, boolean perPerson) {
    public static final String DEFAULT_PREFIX = "doorbell";
    public static final int MAX_IMAGE_WIDTH = 1280;
    public static final int MIN_IMAGE_WIDTH = 160;

    /** With the doorstep picture at most {@value #MAX_IMAGE_WIDTH} pixels wide, and no per-person sensors. */
    public MqttSettings(boolean enabled, String broker, String username, String password, String topicPrefix,
                        String clientId, boolean discovery, Path caFile) {
        this(enabled, broker, username, password, topicPrefix, clientId, discovery, caFile, MAX_IMAGE_WIDTH, false);
    }

    /** No MQTT at all. */
    public static final MqttSettings DISABLED =
            new MqttSettings(false, null, null, null, DEFAULT_PREFIX, "doorbell", true, null);

    /**
     * {@code doorbell-HOSTNAME}, so that two doorbells on one broker do not push each other off;
     * the host name from /etc/hostname or $HOSTNAME (no name lookup), {@code doorbell} without one.
     */
    public static String defaultClientId() {
        String host = "";
        try {
            host = java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).strip();
        } catch (java.io.IOException | RuntimeException e) {
            String env = System.getenv("HOSTNAME");
            host = env == null ? "" : env;
        }
        String clean = host.split("\\.")[0].replaceAll("[^A-Za-z0-9_-]", "");
        String id = clean.isEmpty() ? "doorbell" : "doorbell-" + clean;
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    /** The same settings with another client id (the {@code events test} command's own). */
    public MqttSettings withClientId(String id) {
        return new MqttSettings(enabled, broker, username, password, topicPrefix, id, discovery, caFile, imageWidth,
                perPerson);
    }

    @Override
    public String toString() {
        return "MqttSettings[enabled=" + enabled + ", broker=" + broker + ", username=" + username + ", password="
                + (password == null ? "none" : "(hidden)") + ", topicPrefix=" + topicPrefix + ", clientId=" + clientId
                + ", discovery=" + discovery + ", caFile=" + caFile + ", imageWidth=" + imageWidth + ", perPerson="
                + perPerson + "]";
    }
}
