package org.doorbell.events;

/** The topics the doorbell publishes on, under one prefix (default {@code doorbell}). */
public record Topics(String prefix) {
    /** A visit started: JSON, QoS 1, not retained. */
    public String arrived() {
        return prefix + "/visitor/arrived";
    }

    /** A visit ended: JSON, QoS 1, not retained. */
    public String left() {
        return prefix + "/visitor/left";
    }

    /** The latest arriving visitor's best face photo: JPEG bytes, retained. */
    public String snapshot() {
        return prefix + "/visitor/snapshot";
    }

    /** {@code online} or {@code offline} (the last will), retained. */
    public String availability() {
        return prefix + "/availability";
    }

    /** Who is at the door, visitors today, the camera: JSON, retained. */
    public String state() {
        return prefix + "/state";
    }

    /** {@code doorbell events test}'s message. */
    public String test() {
        return prefix + "/test";
    }
}
