package org.doorbell.visitors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * The registry's clocks and this run's times of the visitors seen in it: when a visit starts,
 * whether a visitor is recent and how long it has been at the door (see {@link VisitorRegistry}'s
 * "Visits" and "Time"). Not thread-safe: used under the registry's lock.
 */
final class VisitTimes {
    /** A duration longer than any visit rule: "seen long ago". */
    private static final Duration FOREVER = Duration.ofDays(365L * 1000);
    /** A wall clock ahead of the run's time by more than this was stepped, not merely read later. */
    private static final Duration STEP = Duration.ofSeconds(2);

    private final VisitorSettings settings;
    private final Clock clock;
    /** The wall clock, for stored instants; the run's clock itself when none is given. */
    private final Clock wall;
    /** This run's times of the visitors seen in it: the last sighting and the visit's start. */
    private final Map<Long, RunTimes> runTimes = new HashMap<>();

    /** This run's times of a visitor: its last sighting and the start of its visit. */
    private record RunTimes(Instant lastSeen, Instant visitStart) {
    }

    VisitTimes(VisitorSettings settings, Clock clock, Clock wall) {
        this.settings = settings;
        this.clock = clock;
        this.wall = wall;
    }

    /** The run's time now, to the millisecond. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The wall-clock instant to store for the run's time {@code run}: the wall clock's if it is
     * ahead by more than {@link #STEP} (it was stepped forward during the run).
     */
    Instant stored(Instant run) {
        Instant wallNow = wall.instant().truncatedTo(ChronoUnit.MILLIS);
        Duration ahead = Duration.between(now(), wallNow);
        return ahead.compareTo(STEP) > 0 ? run.plus(ahead) : run;
    }

    /** A visitor registered at the run's time {@code run}: its first visit starts then. */
    void registered(long id, Instant run) {
        runTimes.put(id, new RunTimes(run, run));
    }

    /** A visitor removed: its times go with it. */
    void removed(long id) {
        runTimes.remove(id);
    }

    /** True if this run saw the visitor later than {@code run} (a track decided after another one). */
    boolean seenAfter(long id, Instant run) {
        RunTimes t = runTimes.get(id);
        return t != null && run.isBefore(t.lastSeen());
    }

    /** Whether a sighting of {@code v} at the run's time {@code run} starts a new visit. */
    boolean startsVisit(Visitor v, Instant run) {
        return v.visits() == 0 || sinceLastSeen(v, run).compareTo(settings.newVisitAfter()) > 0;
    }

    /**
     * Records a sighting of {@code v} (as it was before it) at the run's time {@code run}, starting
     * a new visit or going on with the one it is in.
     */
    void seen(Visitor v, Instant run, boolean newVisit) {
        Duration gap = sinceLastSeen(v, run);
        RunTimes t = runTimes.get(v.id());
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
    }

    /** Seen within the recent window. */
    boolean isRecent(Visitor v, Instant now) {
        return sinceLastSeen(v, now).compareTo(settings.recentWindow()) <= 0;
    }

    /**
     * False once a visitor can no longer be recent without being seen again: its last sighting is
     * longer ago than the recent window. A sighting in the run's future (a wrong wall clock when it
     * was stored) counts as long ago now but becomes recent once the run's time passes it.
     */
    boolean mayBeRecent(Visitor v, Instant now) {
        RunTimes t = runTimes.get(v.id());
        Duration d = Duration.between(t != null ? t.lastSeen() : v.lastSeen(), now);
        return d.isNegative() || d.compareTo(settings.recentWindow()) <= 0;
    }

    /**
     * How long the visitor has been at the door in the current visit: now minus the start of the
     * visit, if it was seen within the recent window; otherwise zero.
     */
    Duration atDoor(Visitor v) {
        Instant now = now();
        if (!isRecent(v, now)) {
            return Duration.ZERO;
        }
        RunTimes t = runTimes.get(v.id());
        Duration d = t != null ? Duration.between(t.visitStart(), now) : Duration.between(v.firstSeenThisInteraction(), now);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** How long since the visitor was last seen, at the run's time {@code now}; see the registry's description. */
    private Duration sinceLastSeen(Visitor v, Instant now) {
        RunTimes t = runTimes.get(v.id());
        Duration d = Duration.between(t != null ? t.lastSeen() : v.lastSeen(), now);
        return d.isNegative() ? FOREVER : d;
    }
}
