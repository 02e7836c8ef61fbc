package org.doorbell.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.doorbell.appliance.ApplianceEvents;
import org.doorbell.camera.CameraState;
import org.doorbell.identity.TrackOutcome;
import org.doorbell.recognition.Recognition;
import org.doorbell.recognition.RecognizedFace;
import org.doorbell.visitors.VisitListener;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorRegistry;
import org.doorbell.visitors.VisitorSettings;
import org.opencv.core.Mat;

/**
 * Turns what the appliance sees into the doorbell's messages: {@code visitor/arrived} and the
 * visitor's best photo on {@code visitor/snapshot} when a visit starts; {@code visitor/left} once
 * the visitor has been unseen for longer than {@code visitors.newVisitAfterSeconds} (the rule that
 * makes their next sighting a new visit), noticed by the appliance's tick; and the retained
 * {@code state} and {@code last_visitor} whenever who is at the door (seen within
 * {@code visitors.recentSeconds}), the number of visitors today, the last visitor or the camera
 * changes. Visits still open when the appliance stops end then, so that nobody stays at the door in
 * Home Assistant.
 * <p>
 * Home Assistant's {@code event} ({@code new_visitor}, {@code known_visitor}, {@code visitor_left})
 * of an arrival waits for the recognition of the frame that started the visit
 * ({@link #decided}): that frame, copied, becomes the doorstep picture on a thread of its own
 * ({@link DoorstepPictures}), published before the event, so that a notification on the event
 * shows it. An arrival whose frame does not come within {@link #PICTURE_WAIT} goes out without one.
 * <p>
 * Every method only updates a few fields and hands messages to the {@link EventPublisher}, which
 * never blocks: safe on the recogniser's thread under the registry's lock. The registry, when
 * given, is only read on the tick, outside this object's lock, to follow the owner's corrections
 * (a name, a forgotten visitor). Times in the run's clock (sightings, ticks) decide; the wall
 * clock gives the times published and the day "today" is counted in (its zone).
 */
public final class DoorEvents implements VisitListener, ApplianceEvents {
    /** How long (run's time) an arrival's event waits for its frame's picture. */
    static final Duration PICTURE_WAIT = Duration.ofSeconds(1);

    private final EventPublisher out;
    private final Topics topics;
    private final VisitorSettings settings;
    private final Clock wall;
    /** The running appliance's visitors, read on the tick to follow corrections; null for none. */
    private final VisitorRegistry registry;
    /** Makes the doorstep pictures; null: none. */
    private final DoorstepPictures pictures;
    /** The per-person binary sensors' configs; null: none (no registry). */
    private final PersonSensors persons;
    /** Visits under way by visitor id, in the order they started. */
    private final Map<Long, Open> open = new LinkedHashMap<>();
    private final Set<Long> today = new HashSet<>();
    /** The distance of each visitor's latest decision, by visitor id (the last few only). */
    private final Map<Long, Double> distances = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Double> eldest) {
            return size() > 64;
        }
    };
    /** Arrivals whose event waits for the frame's recognition, in order. */
    private final List<Arrival> waiting = new ArrayList<>();
    private LocalDate day;
    private List<Long> atDoor = List.of();
    private Visitor last;
    private boolean lastNew;
    private Instant lastTime;
    private double lastDistance = Double.NaN;
    private String camera = "starting";
    /** The visitor of the latest new_visitor or known_visitor event (at start, the last stored); -1 for none. */
    private long lastEventVisitor = -1;
    private long registryVersion = Long.MIN_VALUE;
    private boolean lastPublished;
    /** The run's time at the latest tick; null before the first. */
    private Instant lastTick;

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

    /** An arrival whose event waits for its picture since {@code queued} (run's time). */
    private record Arrival(Visitor visitor, boolean isNew, Instant time, Instant queued) {
    }

    /**
     * Without corrections followed or doorstep pictures.
     *
     * @param known the visitors known at start (those seen today count as today's visitors)
     */
    public DoorEvents(EventPublisher out, Topics topics, VisitorSettings settings, Clock wall, List<Visitor> known) {
        this(out, topics, settings, wall, known, null, null, null);
    }

    /**
     * @param known    the visitors known at start (those seen today count as today's visitors)
     * @param registry the running appliance's visitors, to follow the owner's corrections; null for none
     * @param pictures makes the doorstep pictures; null for none
     * @param mqtt     for the per-person sensors ({@code mqtt.perPerson}, with a registry); null for none
     */
    public DoorEvents(EventPublisher out, Topics topics, VisitorSettings settings, Clock wall, List<Visitor> known,
                      VisitorRegistry registry, DoorstepPictures pictures, MqttSettings mqtt) {
        this.persons = registry != null && mqtt != null ? new PersonSensors(out, mqtt, registry) : null;
        this.out = out;
        this.topics = topics;
        this.settings = settings;
        this.wall = wall;
        this.registry = registry;
        this.pictures = pictures;
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
        // after a restart, the last visitor stored is the one Home Assistant's commands are for
        lastEventVisitor = last == null ? -1 : last.id();
    }

    /** Publishes the state as it is at start. */
    public synchronized void start() {
        publishState();
        publishLast();
    }

    /** The visitor of the latest {@code new_visitor} or {@code known_visitor} event; empty before any. */
    public synchronized Optional<Long> lastEventVisitor() {
        return lastEventVisitor < 0 ? Optional.empty() : Optional.of(lastEventVisitor);
    }

    @Override
    public synchronized void visitStarted(Visitor v, boolean newVisitor, Instant at) {
        Instant time = v.lastSeen();
        open.put(v.id(), new Open(v, time, at));
        countToday(v.id());
        last = v;
        lastNew = newVisitor;
        lastTime = time;
        lastDistance = Double.NaN;
        lastEventVisitor = v.id();
        out.publish(new Message(topics.arrived(), EventPayloads.arrived(v, newVisitor, time), false));
        out.publish(new Message(topics.snapshot(), v.picture(), true));
        // a visit's start is stamped with its face's first sighting, which may be seconds ago: the wait counts from now
        waiting.add(new Arrival(v, newVisitor, time, lastTick != null && lastTick.isAfter(at) ? lastTick : at));
        atDoor = atDoor(at);
        publishState();
        publishLast();
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
    public synchronized void outcome(TrackOutcome outcome) {
        distances.put(outcome.visitorId(), outcome.distance());
        if (last != null && last.id() == outcome.visitorId() && Double.isNaN(lastDistance)
                && !Double.isNaN(outcome.distance())) {
            lastDistance = outcome.distance();
            publishState();
            publishLast();
        }
    }

    /**
     * The frame whose recognition started visits: it becomes the doorstep picture, with every face
     * boxed and named, and the arrivals' events follow it. Copies the frame only when an arrival
     * waits for it; the rest is done on the pictures' thread.
     */
    @Override
    public void decided(Recognition recognition, Mat frame) {
        List<Arrival> ready;
        List<DoorstepPicture.Face> faces = new ArrayList<>();
        Mat copy = null;
        synchronized (this) {
            if (waiting.isEmpty()) {
                return;
            }
            ready = new ArrayList<>(waiting);
            waiting.clear();
            Set<Long> arriving = new HashSet<>();
            ready.forEach(a -> arriving.add(a.visitor().id()));
            boolean shown = false;
            for (RecognizedFace f : recognition.faces()) {
                boolean mine = f.visitorId() != 0 && arriving.contains(f.visitorId());
                shown |= mine;
                faces.add(new DoorstepPicture.Face(f.box(), faceLabel(f), mine));
            }
            if (shown && pictures != null && frame != null && !frame.empty()) {
                copy = frame.clone();
            }
        }
        if (copy == null) {
            emit(ready, null);
        } else {
            pictures.submit(copy, faces, jpeg -> emit(ready, jpeg));
        }
    }

    @Override
    public void tick(Instant now) {
        followCorrections();
        if (persons != null) {
            persons.refresh();
        }
        List<Arrival> late = new ArrayList<>();
        synchronized (this) {
            lastTick = now;
            for (Iterator<Arrival> it = waiting.iterator(); it.hasNext(); ) {
                Arrival a = it.next();
                if (Duration.between(a.queued(), now).compareTo(PICTURE_WAIT) > 0) {
                    late.add(a);
                    it.remove();
                }
            }
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
        if (!late.isEmpty()) {
            emit(late, null);
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
    public void stopping(Instant now) {
        if (pictures != null) {
            pictures.close();  // the pictures under way, and their events, go out first
        }
        List<Arrival> rest;
        synchronized (this) {
            rest = new ArrayList<>(waiting);
            waiting.clear();
        }
        emit(rest, null);
        synchronized (this) {
            for (Open o : open.values()) {
                left(o);
            }
            open.clear();
            atDoor = List.of();
            camera = "stopped";
            publishState();
        }
    }

    @Override
    public String statsLine() {
        return out.statsLine();
    }

    /** The doorstep picture (if any), then the arrivals' events, each with its latest distance. */
    private synchronized void emit(List<Arrival> arrivals, byte[] jpeg) {
        if (arrivals.isEmpty()) {
            return;
        }
        if (jpeg != null) {
            out.publish(new Message(topics.doorstep(), jpeg, true));
        }
        for (Arrival a : arrivals) {
            Open o = open.get(a.visitor().id());
            Visitor v = o != null ? o.visitor : a.visitor();
            out.publish(new Message(topics.event(), EventPayloads.event(a.isNew() ? EventPayloads.NEW_VISITOR
                    : EventPayloads.KNOWN_VISITOR, v, distance(v.id()), jpeg != null ? topics.doorstep() : null, null,
                    a.time()), false));
        }
    }

    private void left(Open o) {
        Instant now = now();
        out.publish(new Message(topics.left(), EventPayloads.left(o.visitor, o.arrived, now), false));
        out.publish(new Message(topics.event(), EventPayloads.event(EventPayloads.VISITOR_LEFT, o.visitor,
                distance(o.visitor.id()), null, o.arrived, now), false));
    }

    private double distance(long id) {
        Double d = distances.get(id);
        return d == null ? Double.NaN : d;
    }

    /** What the picture says under a face: the visitor's name or number, else the screen's label. */
    private String faceLabel(RecognizedFace f) {
        if (f.visitorId() != 0) {
            Open o = open.get(f.visitorId());
            return o != null ? EventPayloads.label(o.visitor) : "Visitor #" + f.visitorId();
        }
        return f.label() == null ? "" : f.label();
    }

    /**
     * Follows the owner's corrections (the screen's, the command line's, Home Assistant's): a new
     * name reaches the last visitor and the visits under way; a forgotten or merged-away visitor
     * leaves them, the last visitor becoming the most recent one left. Reads the registry outside
     * this object's lock (the registry calls in under its own).
     */
    private void followCorrections() {
        if (registry == null) {
            return;
        }
        long version = registry.version();
        List<Long> ids = new ArrayList<>();
        long lastId;
        synchronized (this) {
            if (version == registryVersion) {
                return;
            }
            registryVersion = version;
            lastId = last == null ? -1 : last.id();
            ids.add(lastId);
            ids.addAll(open.keySet());
        }
        Map<Long, Optional<Visitor>> now = new HashMap<>();
        for (long id : ids) {
            now.put(id, id < 0 ? Optional.empty() : registry.find(id));
        }
        Visitor fallback = null;
        if (lastId >= 0 && now.get(lastId).isEmpty()) {
            fallback = registry.all().stream().filter(v -> v.visits() > 0).min(VisitorRegistry.MOST_RECENT_FIRST)
                    .orElse(null);
        }
        synchronized (this) {
            boolean changed = false;
            for (Iterator<Map.Entry<Long, Open>> it = open.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Long, Open> e = it.next();
                Optional<Visitor> v = now.get(e.getKey());
                if (v == null) {
                    continue;  // a visit that started since
                }
                if (v.isEmpty()) {
                    it.remove();
                    changed = true;
                } else {
                    changed |= !Objects.equals(e.getValue().visitor.name(), v.get().name());
                    e.getValue().visitor = v.get();
                }
            }
            if (last != null && now.containsKey(last.id())) {
                Optional<Visitor> v = now.get(last.id());
                if (v.isPresent()) {
                    changed |= !Objects.equals(last.name(), v.get().name());
                    last = v.get();
                } else {
                    last = fallback;
                    lastNew = false;
                    lastTime = fallback == null ? null : fallback.firstSeenThisInteraction();
                    lastDistance = fallback == null ? Double.NaN : distance(fallback.id());
                    changed = true;
                }
            }
            if (changed) {
                atDoor = atDoor.stream().filter(open::containsKey).toList();
                publishState();
                publishLast();
            }
        }
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
        out.publish(new Message(topics.state(), EventPayloads.state(at, today.size(), last, lastNew, lastTime,
                lastDistance, camera, now()), true));
    }

    /**
     * The retained last visitor. With none, nothing at all (Home Assistant shows "unknown" until
     * there is one), or, once there was one in this run (everyone forgotten since), an empty
     * retained payload, which removes the retained message (and blanks the sensor).
     */
    private void publishLast() {
        if (last != null) {
            out.publish(new Message(topics.lastVisitor(), EventPayloads.lastVisitor(last, lastNew, lastTime,
                    lastDistance), true));
            lastPublished = true;
        } else if (lastPublished) {
            out.publish(new Message(topics.lastVisitor(), new byte[0], true));
        }
    }
}
