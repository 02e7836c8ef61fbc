package org.doorbell.visitors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.doorbell.face.FaceEncoding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The known visitors, in memory: matches faces to visitors, registers new ones and counts visits.
 * Thread-safe: its state is kept under its lock, which holds no disk work: a new visitor's id is
 * taken from the store's counter before it ({@link VisitorIds}), so the camera's thread, which
 * waits on it for {@link #recent()} every frame, never waits for an fsync. {@link #all()} sorts,
 * and the reference rule ({@link #observe}, {@link ReferenceRule}) scans every visitor, on copies
 * taken under it. Its parts: the visitors by id ({@link VisitorList}), visit times
 * ({@link VisitTimes}), the recent ones ({@link RecentVisitors}), what is left to commit
 * ({@link PendingChanges}) and new ids ({@link VisitorIds}).
 *
 * <p><b>Visits.</b> A sighting of a known visitor starts a new visit when the visitor had been
 * unseen for longer than {@link VisitorSettings#newVisitAfter()} (the time since the previous
 * sighting, not since the start of the visit). So someone standing at the door for six minutes,
 * seen every few seconds, is one visit; the same person leaving and coming back after more than
 * five minutes is two.
 *
 * <p><b>Matching.</b> A face belongs to the nearest known visitor if their distance is below
 * {@link VisitorSettings#tolerance()}; otherwise it registers a new visitor with the next id
 * (one more than the highest id ever loaded or registered, starting at 1).
 *
 * <p><b>Time.</b> The clock gives the run's time: it only moves forward, whatever the wall clock
 * does (see {@code org.doorbell.appliance.RunClock}). Every duration (at the door, recent, a new visit)
 * between two sightings of this run is measured on it. A visitor not seen in this run is timed by
 * its stored instants; one stored in the future of the run's time (the wall clock was wrong when
 * it was stored) counts as seen long ago: not recent, and its next sighting is a new visit. Stored
 * instants are wall-clock instants: the run's time, or the wall clock's if that is ahead (an NTP
 * step forward after a boot without a clock battery), never going back. Times are truncated to
 * milliseconds, the precision of {@link VisitorStore}, so a saved and reloaded visitor equals the
 * one in memory. {@link #version()} changes on every update, so a caller can tell when there is
 * something new to save.
 */
public final class VisitorRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(VisitorRegistry.class);

    /** Most recently seen first; the newer id first when two were seen at the same instant. */
    public static final Comparator<Visitor> MOST_RECENT_FIRST =
            Comparator.comparing(Visitor::lastSeen).thenComparingLong(Visitor::id).reversed();

    private final VisitorSettings settings;
    /** Ascending by id; guarded by this registry's lock, as are the parts below but {@link #ids}' taking. */
    private final VisitorList visitors;
    private final VisitTimes times;
    private final RecentVisitors recent;
    private final PendingChanges pending = new PendingChanges();
    /** Where new ids come from; its monitor keeps registrations one at a time while they take one. */
    private final VisitorIds ids;
    private final ReferenceRule reference;
    /** The newest owner edit applied ({@link #applyEdits}). */
    private long editSeq;
    /** Told when visits start and visitors are seen ({@link #addVisitListener}). */
    private final List<VisitListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param loaded visitors from the store, in any order; ids must be distinct and positive
     * @throws IllegalArgumentException if two visitors share an id or an id is not positive
     */
    public VisitorRegistry(VisitorSettings settings, Clock clock, List<Visitor> loaded) {
        this(settings, clock, clock, loaded);
    }

    /**
     * @param clock the run's time (only forward)
     * @param wall  the wall clock, for the instants stored
     */
    public VisitorRegistry(VisitorSettings settings, Clock clock, Clock wall, List<Visitor> loaded) {
        this.settings = Objects.requireNonNull(settings);
        this.times = new VisitTimes(settings, Objects.requireNonNull(clock), Objects.requireNonNull(wall));
        this.visitors = new VisitorList(loaded);
        this.ids = new VisitorIds(visitors.highestId());
        this.recent = new RecentVisitors(times);
        this.reference = new ReferenceRule(this, visitors);
        Instant now = times.now();
        for (int i = 0; i < visitors.size(); i++) {
            Visitor v = visitors.get(i);
            if (times.mayBeRecent(v, now)) {
                recent.add(v.id());
            }
        }
    }

    /**
     * Matches a face to the nearest known visitor, or registers a new visitor. For a new visitor,
     * the id is taken outside this registry's lock and the face decided again under it (another
     * thread may have registered it meanwhile; the id taken is then left unused).
     *
     * @param thumbnailJpeg the face as a JPEG, called only when a new visitor is registered
     */
    public Sighting observe(FaceEncoding encoding, Supplier<byte[]> thumbnailJpeg) {
        if (Thread.holdsLock(this)) {
            // called back under the lock (by a visit listener): the id taken under it
            return reference.decide(encoding, n -> n.within(settings.tolerance()) ? matched(n)
                    : register(ids.take(), List.of(new FaceSample(encoding, 0, now())), thumbnailJpeg.get(), 0,
                    now()));
        }
        Sighting known = reference.decide(encoding, n -> n.within(settings.tolerance()) ? matched(n) : null);
        if (known != null) {
            return known;
        }
        synchronized (ids) {
            VisitorIds.Taken id = ids.take();
            return reference.decide(encoding, n -> n.within(settings.tolerance()) ? matched(n)
                    : register(id, List.of(new FaceSample(encoding, 0, now())), thumbnailJpeg.get(), 0, now()));
        }
    }

    /** A face matched to a known visitor by the reference rule, under this registry's lock. */
    private Sighting matched(RegistrationEncodings.Nearest n) {
        return new Sighting(update(n.index()), false, n.distance());
    }

    /** Registers a new visitor seen now, whatever the known visitors look like. */
    public Sighting register(FaceEncoding encoding, byte[] thumbnailJpeg) {
        return registering(id -> register(id, List.of(new FaceSample(encoding, 0, now())), thumbnailJpeg, 0, now()));
    }

    /**
     * Registers a new visitor seen now with a gallery of samples (the first is its registration
     * encoding) and the best view of the face.
     */
    public Sighting register(List<FaceSample> samples, byte[] thumbnailJpeg, double thumbnailQuality) {
        return registering(id -> register(id, samples, thumbnailJpeg, thumbnailQuality, now()));
    }

    /** As {@link #register(List, byte[], double)}, for a face first seen at {@code at}. */
    public Sighting register(List<FaceSample> samples, byte[] thumbnailJpeg, double thumbnailQuality,
                             Instant at) {
        return registering(id -> register(id, samples, thumbnailJpeg, thumbnailQuality, at));
    }

    /**
     * Runs a registration under this registry's lock with an id taken before it from the store's
     * counter (which writes it to disk), one registration at a time so that the counter's ids come
     * in order.
     */
    private Sighting registering(Function<VisitorIds.Taken, Sighting> registration) {
        if (Thread.holdsLock(this)) {
            // called back under the lock (by a visit listener): the id taken under it
            return registration.apply(ids.take());
        }
        synchronized (ids) {
            VisitorIds.Taken id = ids.take();
            synchronized (this) {
                return registration.apply(id);
            }
        }
    }

    private Sighting register(VisitorIds.Taken id, List<FaceSample> samples, byte[] thumbnailJpeg,
                              double thumbnailQuality, Instant at) {
        Instant run = at.truncatedTo(ChronoUnit.MILLIS);
        Instant now = times.stored(run);
        Visitor v = new Visitor(ids.assign(id), null, samples, Objects.requireNonNull(thumbnailJpeg, "thumbnail"),
                thumbnailQuality, now, now, now, 1, 1);
        if (visitors.indexOf(v.id()) >= 0) {
            throw new IllegalStateException("visitor id " + v.id() + " is already taken");
        }
        visitors.insertSorted(v);
        times.registered(v.id(), run);
        recent.add(v.id());
        pending.changed(v.id(), true);
        tell(v, true, true, run);
        return new Sighting(v, true, Double.NaN);
    }

    /**
     * Tells {@code listener} of every visit that starts and every sighting in a visit from now on,
     * on the thread that records them, under this registry's lock.
     */
    public void addVisitListener(VisitListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** A listener's failure never stops recognition: it is logged and the sighting stands. */
    private void tell(Visitor v, boolean newVisit, boolean newVisitor, Instant run) {
        for (VisitListener l : listeners) {
            try {
                if (newVisit) {
                    l.visitStarted(v, newVisitor, run);
                } else {
                    l.seen(v, run);
                }
            } catch (RuntimeException e) {
                LOG.warn("a visit listener failed on visitor #{}: {}", v.id(), e.toString());
            }
        }
    }

    /**
     * Takes new visitor ids from {@code source} from now on (the store's counter, so that no two
     * processes give the same id). It is called outside this registry's lock, one registration at
     * a time.
     */
    public synchronized void useIds(LongSupplier source) {
        ids.useCounter(source);
    }

    /**
     * Replaces visitors with their edited versions and removes the removed ones: the owner's
     * corrections, from the screen or another process, as the store now holds them. Pending
     * unsaved changes of those visitors are dropped (the store's version wins).
     */
    public synchronized void applyEdits(VisitorStore.Edits edits) {
        for (Visitor v : edits.changed()) {
            int i = visitors.indexOf(v.id());
            if (i >= 0) {
                visitors.replace(i, v);
            } else {
                visitors.insertSorted(v);
            }
            ids.past(v.id());
            recent.add(v.id());
            pending.edited(v.id());
        }
        for (long id : edits.removed()) {
            int i = visitors.indexOf(id);
            if (i >= 0) {
                visitors.remove(i);
            }
            pending.removed(id);
            times.removed(id);
            recent.remove(id);
            ids.past(id);
            pending.edited(id);
        }
        editSeq = Math.max(editSeq, edits.seq());
    }

    /** The newest owner edit applied. */
    public synchronized long editSeq() {
        return editSeq;
    }

    /** The ids of visitors changed or removed by owner edits since the last call (the identity's to refresh). */
    public synchronized Set<Long> drainEdited() {
        return pending.drainEdited();
    }

    /**
     * Replaces a visitor's gallery and offers a picture of the current visit (kept if better than
     * the visit's picture so far); times and counts unchanged.
     *
     * @return the updated visitor; empty if no visitor has this id
     */
    public synchronized Optional<Visitor> addViews(long visitorId, List<FaceSample> samples, byte[] picture,
                                                   double pictureQuality) {
        int i = visitors.indexOf(visitorId);
        if (i < 0) {
            return Optional.empty();
        }
        Visitor v = visitors.get(i).withViews(samples, picture, pictureQuality);
        visitors.replace(i, v);
        pending.changed(v.id(), false);
        return Optional.of(v);
    }

    /**
     * The visitors changed since the last call (registered, seen, gallery updated), by ascending
     * id, and whether any of the changes was a new visitor or a new visit: what the store should
     * commit next.
     */
    public synchronized Changes drainChanges() {
        return pending.drain(visitors);
    }

    /**
     * Puts back changes that could not be committed: they are drained again with the next, as
     * the visitors are then (removed ones no more).
     */
    public synchronized void keepPending(Changes c) {
        pending.keep(c, visitors);
    }

    /** True if a visitor or a visit started since the last {@link #drainChanges()}. */
    public synchronized boolean urgentChangePending() {
        return pending.urgent();
    }

    /** True if anything changed since the last {@link #drainChanges()}. */
    public synchronized boolean changePending() {
        return pending.any();
    }

    /**
     * Visitors to commit to the store.
     *
     * @param visitors changed visitors, by ascending id
     * @param urgent   a visitor or a visit started among them (commit at once, not with the next batch)
     */
    public record Changes(List<Visitor> visitors, boolean urgent) {
        public boolean isEmpty() {
            return visitors.isEmpty();
        }
    }

    /**
     * Records a sighting of a visitor the caller has already identified (for example by tracking
     * the face across consecutive frames): the same update as a match in {@link #observe}.
     *
     * @return the sighting, with a {@code NaN} distance; empty if no visitor has this id
     */
    public synchronized Optional<Sighting> seen(long visitorId) {
        return seen(visitorId, now());
    }

    /**
     * As {@link #seen(long)}, for a face seen at {@code at} (a tracked face decided after it was
     * last seen); no earlier than the visitor's last sighting.
     */
    public synchronized Optional<Sighting> seen(long visitorId, Instant at) {
        int i = visitors.indexOf(visitorId);
        return i < 0 ? Optional.empty() : Optional.of(new Sighting(update(i, at), false, Double.NaN));
    }

    /**
     * Adds frames in which a visitor was seen before it was known to be them (a tracked face shown
     * as not sure yet, then decided): counted, nothing else changes.
     */
    public synchronized void addSeenFrames(long visitorId, int frames) {
        int i = visitors.indexOf(visitorId);
        if (i < 0 || frames <= 0) {
            return;
        }
        Visitor v = visitors.get(i).withMoreFrames(frames);
        visitors.set(i, v);
        pending.changed(v.id(), false);
    }

    /**
     * Visitors seen within the recent window, most recently seen first. Costs as many steps as
     * there are visitors seen lately, not as there are visitors.
     */
    public synchronized List<Visitor> recent() {
        return recent.recent(visitors, now());
    }

    /**
     * Every visitor, most recently seen first. Only the copy is made under the lock (the camera
     * thread waits on it for {@link #recent()}); the sort of a large store is not.
     */
    public List<Visitor> all() {
        List<Visitor> byId;
        synchronized (this) {
            byId = visitors.copy();
        }
        return RecencyOrder.mostRecentFirst(byId);
    }

    public synchronized Optional<Visitor> find(long id) {
        return Optional.ofNullable(visitors.find(id));
    }

    /** Every visitor by ascending id: what {@link VisitorStore#save} takes. */
    public synchronized List<Visitor> snapshot() {
        return visitors.snapshot();
    }

    /**
     * How long the visitor has been at the door in the current visit: now minus the start of the
     * visit, if the given record was seen within the recent window; otherwise zero.
     */
    public synchronized Duration atDoor(Visitor v) {
        return times.atDoor(v);
    }

    public synchronized int size() {
        return visitors.size();
    }

    /** A number that changes whenever a visitor is registered or updated. */
    public synchronized long version() {
        return pending.version();
    }

    private Visitor update(int index) {
        return update(index, now());
    }

    private Visitor update(int index, Instant at) {
        Visitor v = visitors.get(index);
        Instant run = at.truncatedTo(ChronoUnit.MILLIS);
        if (times.seenAfter(v.id(), run)) {
            // a track decided after another one saw this visitor later: the frame counts, the times stay
            Visitor counted = v.withMoreFrames(1);
            visitors.set(index, counted);
            pending.changed(v.id(), false);
            return counted;
        }
        boolean newVisit = times.startsVisit(v, run);
        Visitor updated = v.seen(times.stored(run), newVisit);
        times.seen(v, run, newVisit);
        recent.add(v.id());
        visitors.set(index, updated);
        pending.changed(v.id(), newVisit);
        tell(updated, newVisit, false, run);
        return updated;
    }

    private Instant now() {
        return times.now();
    }
}
