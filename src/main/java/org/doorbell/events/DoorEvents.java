package org.doorbell.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.doorbell.app.ApplianceEvents;
import org.doorbell.camera.CameraState;
import org.doorbell.visitors.VisitListener;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorRegistry;
import org.doorbell.visitors.VisitorSettings;

/**
 * Turns what the appliance sees into the doorbell's messages: {@code visitor/arrived} and the
 * visitor's best photo on {@code visitor/snapshot} when a visit starts; {@code visitor/left} once
 * the visitor has been unseen for longer than {@code visitors.newVisitAfterSeconds} (the rule that
 * makes their next sighting a new visit), noticed by the appliance's tick; and the retained
 * {@code state} whenever who is at the door (seen within {@code visitors.recentSeconds}), the
 * number of visitors today, the last visitor or the camera changes. Visits still open when the
 * appliance stops end then, so that nobody stays at the door in Home Assistant.
 * <p>
 * Every method only updates a few fields and hands messages to the {@link EventPublisher}, which
 * never blocks: safe on the recogniser's thread under the registry's lock. Never calls the registry.
 * Times in the run's clock (sightings, ticks) decide; the wall clock gives the times published and
 * the day "today" is counted in (its zone).
 */
public final class DoorEvents implements VisitListener, ApplianceEvents {
    private final EventPublisher out;
    private final Topics topics;
    private final VisitorSettings settings;
    private final Clock wall;
    /** Visits under way by visitor id, in the order they started. */
    private final Map<Long, Open> open = new LinkedHashMap<>();
    private final Set<Long> today = new HashSet<>();
    private LocalDate day;
    private List<Long> atDoor = List.of();
    private Visitor last;
    private boolean lastNew;
    private Instant lastTime;
    private String camera = "starting";

    private static final class Open {
        Visitor visitor;
        final Instant arrived;  // wall clock, as published
        Instant lastSeen;       // run's time

        Open(Visitor visitor, Instant arrived, Instant lastSeen) {
            this.visitor = visitor;
            this.arrived = arrived;
            this.lastSeen = lastSeen;
        }
    }

    /**
     * @param known the visitors known at start (those seen today count as today's visitors)
     */
    public DoorEvents(EventPublisher out, Topics topics, VisitorSettings settings, Clock wall, List<Visitor> known) {
        this.out = out;
        this.topics = topics;
        this.settings = settings;
        this.wall = wall;
        this.day = LocalDate.now(wall);
        for (Visitor v : known) {
            if (LocalDate.ofInstant(v.lastSeen(), wall.getZone()).equals(day)) {
                today.add(v.id());
            }
            if (v.visits() > 0 && (last == null || VisitorRegistry.MOST_RECENT_FIRST.compare(v, last) < 0)) {
                last = v;
                lastTime = v.firstSeenThisInteraction();
            }
        }
    }

    /** Publishes the state as it is at start. */
    public synchronized void start() {
        publishState();
    }

    @Override
    public synchronized void visitStarted(Visitor v, boolean newVisitor, Instant at) {
        Instant time = v.lastSeen();
        open.put(v.id(), new Open(v, time, at));
        countToday(v.id());
        last = v;
        lastNew = newVisitor;
        lastTime = time;
        out.publish(new Message(topics.arrived(), EventPayloads.arrived(v, newVisitor, time), false));
        out.publish(new Message(topics.snapshot(), v.picture(), true));
        atDoor = atDoor(at);
        publishState();
    }

    @Override
    public synchronized void seen(Visitor v, Instant at) {
        Open o = open.get(v.id());
        if (o == null) {
            // a visit that started before this run (or before events were on): it ends as any other
            open.put(v.id(), new Open(v, v.firstSeenThisInteraction(), at));
        } else {
            o.visitor = v;
            if (at.isAfter(o.lastSeen)) {
                o.lastSeen = at;
            }
        }
        if (countToday(v.id()) | !atDoor.contains(v.id())) {
            atDoor = atDoor(at);
            publishState();
        }
    }

    @Override
    public synchronized void tick(Instant now) {
        boolean changed = false;
        for (Iterator<Open> it = open.values().iterator(); it.hasNext(); ) {
            Open o = it.next();
            if (Duration.between(o.lastSeen, now).compareTo(settings.newVisitAfter()) > 0) {
                it.remove();
                left(o);
                changed = true;
            }
        }
        List<Long> nowAtDoor = atDoor(now);
        LocalDate d = LocalDate.now(wall);
        if (!d.equals(day)) {
            day = d;
            today.clear();
            changed = true;
        }
        if (changed || !nowAtDoor.equals(atDoor)) {
            atDoor = nowAtDoor;
            publishState();
        }
    }

    @Override
    public synchronized void cameraState(CameraState state) {
        String c = switch (state) {
            case STARTING -> "starting";
            case RUNNING -> "ok";
            case RETRYING -> "retrying";
            case ENDED -> "stopped";
        };
        if (!c.equals(camera)) {
            camera = c;
            publishState();
        }
    }

    @Override
    public synchronized void stopping(Instant now) {
        for (Open o : open.values()) {
            left(o);
        }
        open.clear();
        atDoor = List.of();
        camera = "stopped";
        publishState();
    }

    @Override
    public String statsLine() {
        return out.statsLine();
    }

    private void left(Open o) {
        out.publish(new Message(topics.left(), EventPayloads.left(o.visitor, o.arrived, now()), false));
    }

    /** Adds the visitor to today's; true if that changed the count. */
    private boolean countToday(long id) {
        LocalDate d = LocalDate.now(wall);
        if (!d.equals(day)) {
            day = d;
            today.clear();
        }
        return today.add(id);
    }

    /** The visitors of open visits seen within the recent window, by id. */
    private List<Long> atDoor(Instant now) {
        List<Long> ids = new ArrayList<>();
        for (Map.Entry<Long, Open> e : open.entrySet()) {
            if (Duration.between(e.getValue().lastSeen, now).compareTo(settings.recentWindow()) <= 0) {
                ids.add(e.getKey());
            }
        }
        ids.sort(Long::compare);
        return ids;
    }

    /** The wall clock's time, to the millisecond as stored times are. */
    private Instant now() {
        return wall.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private void publishState() {
        List<Visitor> at = new ArrayList<>();
        for (long id : atDoor) {
            Open o = open.get(id);
            if (o != null) {
                at.add(o.visitor);
            }
        }
        out.publish(new Message(topics.state(), EventPayloads.state(at, today.size(), last, lastNew, lastTime, camera,
                now()), true));
    }
}
