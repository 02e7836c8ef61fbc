package org.doorbell.visitors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.doorbell.face.FaceEncoding;

/**
 * The known visitors, in memory: matches faces to visitors, registers new ones and counts visits.
 * Thread-safe: its state is kept under its lock; {@link #all()} sorts, and the reference rule
 * ({@link #observe}) scans every visitor, on copies taken under it.
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
 * does (see {@code org.doorbell.app.RunClock}). Every duration (at the door, recent, a new visit)
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
    /** A duration longer than any visit rule: "seen long ago". */
    private static final Duration FOREVER = Duration.ofDays(365L * 1000);

    /** Most recently seen first; the newer id first when two were seen at the same instant. */
    public static final Comparator<Visitor> MOST_RECENT_FIRST =
            Comparator.comparing(Visitor::lastSeen).thenComparingLong(Visitor::id).reversed();

    /** Scans for the reference rule outside the lock before one is made under it. */
    private static final int SCANS_OFF_LOCK = 3;

    private final VisitorSettings settings;
    private final Clock clock;
    /** The wall clock, for stored instants; the run's clock itself when none is given. */
    private final Clock wall;
    /** This run's times of the visitors seen in it: the last sighting and the visit's start. */
    private final java.util.HashMap<Long, RunTimes> runTimes = new java.util.HashMap<>();
    /** Ascending by id, so ids can be found by binary search. */
    private final ArrayList<Visitor> visitors;
    private long nextId;
    /** Where new ids come from: by default one past the highest loaded, else the store's counter. */
    private java.util.function.LongSupplier ids;
    /** The store's counter failed at the last new id. */
    private boolean idsFailing;
    private long version;
    /**
     * Changes whenever a visitor is added or removed or its gallery replaced: indexes into
     * {@link #visitors} and their registration encodings stay as they were while it stands.
     */
    private long layout;
    /** The registration encodings of {@link #visitors} at some layout, for the reference rule. */
    private RegistrationEncodings registrationEncodings;
    /** The newest owner edit applied ({@link #applyEdits}). */
    private long editSeq;
    /** Visitors changed or removed by owner edits since {@link #drainEdited()}. */
    private final java.util.LinkedHashSet<Long> edited = new java.util.LinkedHashSet<>();
    /** Ids changed since {@link #drainChanges()}, and whether a visitor or a visit was new among them. */
    private final java.util.LinkedHashSet<Long> changed = new java.util.LinkedHashSet<>();
    private boolean urgentChange;
    /**
     * The visitors that are or may become recent: every visitor seen, registered or edited in this
     * run, and those loaded with a sighting within the recent window (or in the run's future).
     * {@link #recent()} runs on the camera's thread for every frame, under this registry's lock:
     * it looks at these few instead of every visitor, and drops those that can no longer be recent.
     */
    private final java.util.LinkedHashSet<Long> recentCandidates = new java.util.LinkedHashSet<>();
    /** Told when visits start and visitors are seen ({@link #addVisitListener}). */
    private final List<VisitListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

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
        this.clock = Objects.requireNonNull(clock);
        this.wall = Objects.requireNonNull(wall);
        this.visitors = new ArrayList<>(loaded);
        visitors.sort(Comparator.comparingLong(Visitor::id));
        long previous = 0;
        for (Visitor v : visitors) {
            if (v.id() <= previous) {
                throw new IllegalArgumentException(v.id() <= 0 ? "visitor id " + v.id() + " is not positive"
                        : "two visitors have id " + v.id());
            }
            previous = v.id();
        }
        this.nextId = previous + 1;
        Instant now = now();
        for (Visitor v : visitors) {
            if (mayBeRecent(v, now)) {
                recentCandidates.add(v.id());
            }
        }
    }

    /**
     * Matches a face to the nearest known visitor, or registers a new visitor.
     *
     * @param thumbnailJpeg the face as a JPEG, called only when a new visitor is registered
     */
    public Sighting observe(FaceEncoding encoding, Supplier<byte[]> thumbnailJpeg) {
        return decide(encoding, n -> n.within(settings.tolerance())
                ? new Sighting(update(n.index()), false, n.distance()) : register(encoding, thumbnailJpeg.get()));
    }

    /**
     * The nearest known visitor, if closer than the tolerance, recorded as seen now.
     *
     * @return the sighting with its distance; empty if no visitor is close enough
     */
    public Optional<Sighting> match(FaceEncoding encoding) {
        return decide(encoding, n -> n.within(settings.tolerance())
                ? Optional.of(new Sighting(update(n.index()), false, n.distance())) : Optional.empty());
    }

    /**
     * {@code decision} of the nearest registration encoding, under this registry's lock, the scan
     * made outside it; scanned again if a visitor came or went meanwhile (the last time under it).
     */
    private <T> T decide(FaceEncoding encoding, java.util.function.Function<RegistrationEncodings.Nearest, T> decision) {
        for (int attempt = 1; ; attempt++) {
            RegistrationEncodings.Nearest n = attempt < SCANS_OFF_LOCK ? scan(encoding) : null;
            synchronized (this) {
                if (n == null) {
                    n = scan(encoding);  // visitors keep coming and going: scanned under the lock
                }
                if (n.layout() == layout) {
                    return decision.apply(n);
                }
            }
            // a visitor came or went during the scan: again, on the visitors as they are now
        }
    }

    /**
     * The nearest registration encoding, scanned outside this registry's lock (which the camera's
     * thread waits on for {@link #recent()}): under it, only the encodings are taken, and only
     * copied again after a visitor came or went.
     */
    private RegistrationEncodings.Nearest scan(FaceEncoding encoding) {
        RegistrationEncodings encodings;
        synchronized (this) {
            if (registrationEncodings == null || registrationEncodings.layout != layout) {
                registrationEncodings = new RegistrationEncodings(layout, visitors);
            }
            encodings = registrationEncodings;
        }
        return encodings.nearest(encoding);
    }

    /** Registers a new visitor seen now, whatever the known visitors look like. */
    public synchronized Sighting register(FaceEncoding encoding, byte[] thumbnailJpeg) {
        return register(List.of(new FaceSample(encoding, 0, now())), thumbnailJpeg, 0);
    }

    /**
     * Registers a new visitor seen now with a gallery of samples (the first is its registration
     * encoding) and the best view of the face.
     */
    public synchronized Sighting register(List<FaceSample> samples, byte[] thumbnailJpeg, double thumbnailQuality) {
        return register(samples, thumbnailJpeg, thumbnailQuality, now());
    }

    /** As {@link #register(List, byte[], double)}, for a face first seen at {@code at}. */
    public synchronized Sighting register(List<FaceSample> samples, byte[] thumbnailJpeg, double thumbnailQuality,
                                         Instant at) {
        Instant run = at.truncatedTo(ChronoUnit.MILLIS);
        Instant now = stored(run);
        Visitor v = new Visitor(newId(), null, samples, Objects.requireNonNull(thumbnailJpeg, "thumbnail"),
                thumbnailQuality, now, now, now, 1, 1);
        if (indexOf(v.id()) >= 0) {
            throw new IllegalStateException("visitor id " + v.id() + " is already taken");
        }
        insertSorted(v);
        runTimes.put(v.id(), new RunTimes(run, run));
        recentCandidates.add(v.id());
        changed(v.id(), true);
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
                org.slf4j.LoggerFactory.getLogger(VisitorRegistry.class)
                        .warn("a visit listener failed on visitor #{}: {}", v.id(), e.toString());
            }
        }
    }

    private long newId() {
        long id = nextId;
        if (ids != null) {
            try {
                id = Math.max(id, ids.getAsLong());
                idsFailing = false;
            } catch (RuntimeException e) {
                // said once while it lasts (a full disk fails every registration until space returns)
                if (!idsFailing) {
                    org.slf4j.LoggerFactory.getLogger(VisitorRegistry.class).warn(
                            "no new visitor id from the store ({}); using {}, and ids from memory until it answers",
                            e.getMessage(), id);
                }
                idsFailing = true;
            }
        }
        nextId = id + 1;
        return id;
    }

    /**
     * Takes new visitor ids from {@code source} from now on (the store's counter, so that no two
     * processes give the same id).
     */
    public synchronized void useIds(java.util.function.LongSupplier source) {
        this.ids = Objects.requireNonNull(source);
    }

    /**
     * Replaces visitors with their edited versions and removes the removed ones: the owner's
     * corrections, from the screen or another process, as the store now holds them. Pending
     * unsaved changes of those visitors are dropped (the store's version wins).
     */
    public synchronized void applyEdits(VisitorStore.Edits edits) {
        for (Visitor v : edits.changed()) {
            int i = indexOf(v.id());
            if (i >= 0) {
                visitors.set(i, v);
                layout++;
            } else {
                insertSorted(v);
            }
            nextId = Math.max(nextId, v.id() + 1);
            recentCandidates.add(v.id());
            edited.add(v.id());
            version++;
        }
        for (long id : edits.removed()) {
            int i = indexOf(id);
            if (i >= 0) {
                visitors.remove(i);
                layout++;
            }
            changed.remove(id);
            runTimes.remove(id);
            recentCandidates.remove(id);
            nextId = Math.max(nextId, id + 1);
            edited.add(id);
            version++;
        }
        editSeq = Math.max(editSeq, edits.seq());
    }

    /** The newest owner edit applied. */
    public synchronized long editSeq() {
        return editSeq;
    }

    /** The ids of visitors changed or removed by owner edits since the last call (the identity's to refresh). */
    public synchronized java.util.Set<Long> drainEdited() {
        if (edited.isEmpty()) {
            return java.util.Set.of();
        }
        java.util.Set<Long> out = java.util.Set.copyOf(edited);
        edited.clear();
        return out;
    }


    /**
     * Replaces a visitor's gallery and offers a picture of the current visit (kept if better than
     * the visit's picture so far); times and counts unchanged.
     *
     * @return the updated visitor; empty if no visitor has this id
     */
    public synchronized Optional<Visitor> addViews(long visitorId, List<FaceSample> samples, byte[] picture,
                                                   double pictureQuality) {
        int i = indexOf(visitorId);
        if (i < 0) {
            return Optional.empty();
        }
        Visitor v = visitors.get(i).withViews(samples, picture, pictureQuality);
        visitors.set(i, v);
        layout++;
        changed(v.id(), false);
        return Optional.of(v);
    }

    /**
     * The visitors changed since the last call (registered, seen, gallery updated), by ascending
     * id, and whether any of the changes was a new visitor or a new visit: what the store should
     * commit next.
     */
    public synchronized Changes drainChanges() {
        List<Visitor> out = new ArrayList<>(changed.size());
        for (long id : changed) {
            int i = indexOf(id);
            if (i >= 0) {
                out.add(visitors.get(i));
            }
        }
        out.sort(Comparator.comparingLong(Visitor::id));
        Changes c = new Changes(out, urgentChange);
        changed.clear();
        urgentChange = false;
        return c;
    }

    /**
     * Puts back changes that could not be committed: they are drained again with the next, as
     * the visitors are then (removed ones no more).
     */
    public synchronized void keepPending(Changes c) {
        for (Visitor v : c.visitors()) {
            if (indexOf(v.id()) >= 0) {
                changed.add(v.id());
            }
        }
        urgentChange |= c.urgent();
    }

    /** True if a visitor or a visit started since the last {@link #drainChanges()}. */
    public synchronized boolean urgentChangePending() {
        return urgentChange;
    }

    /** True if anything changed since the last {@link #drainChanges()}. */
    public synchronized boolean changePending() {
        return !changed.isEmpty();
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

    private void changed(long id, boolean urgent) {
        changed.add(id);
        urgentChange |= urgent;
        version++;
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
        int i = indexOf(visitorId);
        return i < 0 ? Optional.empty() : Optional.of(new Sighting(update(i, at), false, Double.NaN));
    }

    /**
     * Adds frames in which a visitor was seen before it was known to be them (a tracked face shown
     * as not sure yet, then decided): counted, nothing else changes.
     */
    public synchronized void addSeenFrames(long visitorId, int frames) {
        int i = indexOf(visitorId);
        if (i < 0 || frames <= 0) {
            return;
        }
        Visitor v = visitors.get(i).withMoreFrames(frames);
        visitors.set(i, v);
        changed(v.id(), false);
    }

    /**
     * Visitors seen within the recent window, most recently seen first. Costs as many steps as
     * there are visitors seen lately, not as there are visitors.
     */
    public synchronized List<Visitor> recent() {
        Instant now = now();
        List<Visitor> out = new ArrayList<>();
        for (java.util.Iterator<Long> it = recentCandidates.iterator(); it.hasNext(); ) {
            int i = indexOf(it.next());
            if (i < 0) {
                it.remove();
                continue;
            }
            Visitor v = visitors.get(i);
            if (isRecent(v, now)) {
                out.add(v);
            } else if (!mayBeRecent(v, now)) {
                it.remove();
            }
        }
        out.sort(MOST_RECENT_FIRST);
        return out;
    }

    /**
     * False once a visitor can no longer be recent without being seen again: its last sighting is
     * longer ago than the recent window. A sighting in the run's future (a wrong wall clock when it
     * was stored) counts as long ago now but becomes recent once the run's time passes it.
     */
    private boolean mayBeRecent(Visitor v, Instant now) {
        RunTimes t = runTimes.get(v.id());
        Duration d = Duration.between(t != null ? t.lastSeen() : v.lastSeen(), now);
        return d.isNegative() || d.compareTo(settings.recentWindow()) <= 0;
    }

    /**
     * Every visitor, most recently seen first. Only the copy is made under the lock (the camera
     * thread waits on it for {@link #recent()}); the sort of a large store is not.
     */
    public List<Visitor> all() {
        List<Visitor> byId;
        synchronized (this) {
            byId = new ArrayList<>(visitors);
        }
        return RecencyOrder.mostRecentFirst(byId);
    }

    public synchronized Optional<Visitor> find(long id) {
        int i = indexOf(id);
        return i < 0 ? Optional.empty() : Optional.of(visitors.get(i));
    }

    /** Every visitor by ascending id: what {@link VisitorStore#save} takes. */
    public synchronized List<Visitor> snapshot() {
        return List.copyOf(visitors);
    }

    /**
     * How long the visitor has been at the door in the current visit: now minus the start of the
     * visit, if the given record was seen within the recent window; otherwise zero.
     */
    public synchronized Duration atDoor(Visitor v) {
        Instant now = now();
        if (!isRecent(v, now)) {
            return Duration.ZERO;
        }
        RunTimes t = runTimes.get(v.id());
        Duration d = t != null ? Duration.between(t.visitStart(), now) : Duration.between(v.firstSeenThisInteraction(), now);
        return d.isNegative() ? Duration.ZERO : d;
    }

    public synchronized int size() {
        return visitors.size();
    }

    /** A number that changes whenever a visitor is registered or updated. */
    public synchronized long version() {
        return version;
    }

    private Visitor update(int index) {
        return update(index, now());
    }

    private Visitor update(int index, Instant at) {
        Visitor v = visitors.get(index);
        Instant run = at.truncatedTo(ChronoUnit.MILLIS);
        RunTimes t = runTimes.get(v.id());
        if (t != null && run.isBefore(t.lastSeen())) {
            // a track decided after another one saw this visitor later: the frame counts, the times stay
            Visitor counted = v.withMoreFrames(1);
            visitors.set(index, counted);
            changed(v.id(), false);
            return counted;
        }
        Duration gap = sinceLastSeen(v, run);
        boolean newVisit = v.visits() == 0 || gap.compareTo(settings.newVisitAfter()) > 0;
        Visitor updated = v.seen(stored(run), newVisit);
        Instant visitStart;
        if (newVisit) {
            visitStart = run;
        } else if (t != null) {
            visitStart = t.visitStart();
        } else {
            // a visit that began before this run: as long ago as the stored instants say
            Duration since = Duration.between(v.firstSeenThisInteraction(), v.lastSeen());
            visitStart = run.minus(gap).minus(since.isNegative() ? Duration.ZERO : since);
        }
        runTimes.put(v.id(), new RunTimes(run, visitStart));
        recentCandidates.add(v.id());
        visitors.set(index, updated);
        changed(v.id(), newVisit);
        tell(updated, newVisit, false, run);
        return updated;
    }

    /** This run's times of a visitor: its last sighting and the start of its visit. */
    private record RunTimes(Instant lastSeen, Instant visitStart) {
    }

    /** How long since the visitor was last seen, at the run's time {@code now}; see the class description. */
    private Duration sinceLastSeen(Visitor v, Instant now) {
        RunTimes t = runTimes.get(v.id());
        Duration d = Duration.between(t != null ? t.lastSeen() : v.lastSeen(), now);
        return d.isNegative() ? FOREVER : d;
    }

    /**
     * The wall-clock instant to store for the run's time {@code run}: the wall clock's if it is
     * ahead by more than {@link #STEP} (it was stepped forward during the run).
     */
    private Instant stored(Instant run) {
        Instant wallNow = wall.instant().truncatedTo(ChronoUnit.MILLIS);
        Duration ahead = Duration.between(now(), wallNow);
        return ahead.compareTo(STEP) > 0 ? run.plus(ahead) : run;
    }

    /** A wall clock ahead of the run's time by more than this was stepped, not merely read later. */
    private static final Duration STEP = Duration.ofSeconds(2);

    /** Adds a visitor at its place by id (new ids are usually the highest: found from the end). */
    private void insertSorted(Visitor v) {
        int at = visitors.size();
        while (at > 0 && visitors.get(at - 1).id() > v.id()) {
            at--;
        }
        visitors.add(at, v);
        layout++;
    }

    private boolean isRecent(Visitor v, Instant now) {
        return sinceLastSeen(v, now).compareTo(settings.recentWindow()) <= 0;
    }

    private int indexOf(long id) {
        int lo = 0;
        int hi = visitors.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long midId = visitors.get(mid).id();
            if (midId < id) {
                lo = mid + 1;
            } else if (midId > id) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
