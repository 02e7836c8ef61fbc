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

    /**
     * Home Assistant's event entity: one JSON message per {@code new_visitor}, {@code known_visitor}
     * or {@code visitor_left}, QoS 1, not retained.
     */
    public String event() {
        return prefix + "/event";
    }

    /** The doorstep at the moment a visitor was decided, faces boxed and named: JPEG bytes, retained. */
    public String doorstep() {
        return prefix + "/doorstep";
    }

    /** The last visitor to arrive: JSON, retained; none (no retained message) while there is none. */
    public String lastVisitor() {
        return prefix + "/last_visitor";
    }

    /** Home Assistant's "Name the last visitor": the name, UTF-8 text. */
    public String nameCommand() {
        return prefix + "/command/name";
    }

    /** Home Assistant's "Forget the last visitor": {@code PRESS}. */
    public String forgetCommand() {
        return prefix + "/command/forget";
    }

    /** {@code doorbell events test}'s message. */
    public String test() {
        return prefix + "/test";
    }
}
