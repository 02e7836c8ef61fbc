package org.doorbell.visitors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The registry's visitors, ascending by id so that an id is found by binary search, with a
 * layout number that changes whenever a visitor is added or removed or its gallery replaced:
 * indexes and registration encodings stay as they were while it stands. Not thread-safe: used
 * under the registry's lock.
 */
final class VisitorList {
    private final ArrayList<Visitor> visitors;
    private long layout;

    /**
     * @throws IllegalArgumentException if two visitors share an id or an id is not positive
     */
    VisitorList(List<Visitor> loaded) {
        visitors = new ArrayList<>(loaded);
        visitors.sort(Comparator.comparingLong(Visitor::id));
        long previous = 0;
        for (Visitor v : visitors) {
            if (v.id() <= previous) {
                throw new IllegalArgumentException(v.id() <= 0 ? "visitor id " + v.id() + " is not positive"
                        : "two visitors have id " + v.id());
            }
            previous = v.id();
        }
    }

    /** The highest id, or 0 when there are none. */
    long highestId() {
        return visitors.isEmpty() ? 0 : visitors.get(visitors.size() - 1).id();
    }

    long layout() {
        return layout;
    }

    int size() {
        return visitors.size();
    }

    Visitor get(int index) {
        return visitors.get(index);
    }

    /** The visitor with this id, or null. */
    Visitor find(long id) {
        int i = indexOf(id);
        return i < 0 ? null : visitors.get(i);
    }

    /** Replaces a visitor whose registration encoding stays. */
    void set(int index, Visitor v) {
        visitors.set(index, v);
    }

    /** Replaces a visitor whose gallery may have changed: a new layout. */
    void replace(int index, Visitor v) {
        visitors.set(index, v);
        layout++;
    }

    /** Adds a visitor at its place by id (new ids are usually the highest: found from the end). */
    void insertSorted(Visitor v) {
        int at = visitors.size();
        while (at > 0 && visitors.get(at - 1).id() > v.id()) {
            at--;
        }
        visitors.add(at, v);
        layout++;
    }

    void remove(int index) {
        visitors.remove(index);
        layout++;
    }

    /** A copy, by ascending id. */
    List<Visitor> copy() {
        return new ArrayList<>(visitors);
    }

    /** An unmodifiable copy, by ascending id. */
    List<Visitor> snapshot() {
        return List.copyOf(visitors);
    }

    /** The registration encodings as of the current layout. */
    RegistrationEncodings registrationEncodings() {
        return new RegistrationEncodings(layout, visitors);
    }

    int indexOf(long id) {
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
}
