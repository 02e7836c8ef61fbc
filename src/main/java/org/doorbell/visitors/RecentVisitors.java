package org.doorbell.visitors;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The visitors that are or may become recent: every visitor seen, registered or edited in this
 * run, and those loaded with a sighting within the recent window (or in the run's future).
 * {@link VisitorRegistry#recent()} runs on the camera's thread for every frame: it looks at these
 * few instead of every visitor, and drops those that can no longer be recent. Not thread-safe:
 * used under the registry's lock.
 */
final class RecentVisitors {
    private final VisitTimes times;
    private final LinkedHashSet<Long> candidates = new LinkedHashSet<>();

    RecentVisitors(VisitTimes times) {
        this.times = times;
    }

    /** A visitor that may be recent (seen, registered, edited or loaded as seen lately). */
    void add(long id) {
        candidates.add(id);
    }

    void remove(long id) {
        candidates.remove(id);
    }

    /** The candidates seen within the recent window, most recently seen first. */
    List<Visitor> recent(VisitorList visitors, Instant now) {
        List<Visitor> out = new ArrayList<>();
        for (Iterator<Long> it = candidates.iterator(); it.hasNext(); ) {
            Visitor v = visitors.find(it.next());
            if (v == null) {
                it.remove();
                continue;
            }
            if (times.isRecent(v, now)) {
                out.add(v);
            } else if (!times.mayBeRecent(v, now)) {
                it.remove();
            }
        }
        out.sort(VisitorRegistry.MOST_RECENT_FIRST);
        return out;
    }
}
