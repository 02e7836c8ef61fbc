package org.doorbell.visitors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What changed in the registry and is not yet committed to the store or told to the identity:
 * the visitors changed since the last {@link #drain} (and whether a visitor or a visit was new
 * among them), the visitors the owner's edits changed or removed since the last
 * {@link #drainEdited}, and a version number that changes with every update. Not thread-safe:
 * used under the registry's lock.
 */
final class PendingChanges {
    /** Ids changed since {@link #drain}. */
    private final LinkedHashSet<Long> changed = new LinkedHashSet<>();
    /** A visitor or a visit was new among {@link #changed}. */
    private boolean urgent;
    /** Visitors changed or removed by owner edits since {@link #drainEdited()}. */
    private final LinkedHashSet<Long> edited = new LinkedHashSet<>();
    private long version;

    /** A visitor changed (registered, seen, gallery updated); {@code urgent} if a visitor or a visit is new. */
    void changed(long id, boolean urgentChange) {
        changed.add(id);
        urgent |= urgentChange;
        version++;
    }

    /** An owner edit changed or removed the visitor. */
    void edited(long id) {
        edited.add(id);
        version++;
    }

    /** A removed visitor has nothing left to commit. */
    void removed(long id) {
        changed.remove(id);
    }

    /** The changed visitors as they are now in {@code visitors}, by ascending id; cleared. */
    VisitorRegistry.Changes drain(VisitorList visitors) {
        List<Visitor> out = new ArrayList<>(changed.size());
        for (long id : changed) {
            Visitor v = visitors.find(id);
            if (v != null) {
                out.add(v);
            }
        }
        out.sort(Comparator.comparingLong(Visitor::id));
        VisitorRegistry.Changes c = new VisitorRegistry.Changes(out, urgent);
        changed.clear();
        urgent = false;
        return c;
    }

    /** Puts back changes that could not be committed, of the visitors still in {@code visitors}. */
    void keep(VisitorRegistry.Changes c, VisitorList visitors) {
        for (Visitor v : c.visitors()) {
            if (visitors.indexOf(v.id()) >= 0) {
                changed.add(v.id());
            }
        }
        urgent |= c.urgent();
    }

    boolean urgent() {
        return urgent;
    }

    boolean any() {
        return !changed.isEmpty();
    }

    /** The ids edited since the last call; cleared. */
    Set<Long> drainEdited() {
        if (edited.isEmpty()) {
            return Set.of();
        }
        Set<Long> out = Set.copyOf(edited);
        edited.clear();
        return out;
    }

    long version() {
        return version;
    }
}
