package org.doorbell.visitors;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the appliance forgets by itself, so that passers-by are not kept for ever: visitors the
 * owner has not named and that were not seen for {@link VisitorSettings#forgetAfter()}, then, past
 * {@link VisitorSettings#maxVisitors()}, the least recently seen unnamed ones. Named (and enrolled)
 * visitors are the owner's and are never forgotten by this.
 *
 * <p>"Not seen for 90 days" is counted back from the newest sighting in the store if that is
 * earlier than now: a wall clock set years ahead by mistake must not wipe the store.
 */
public final class Retention {
    private Retention() {
    }

    /**
     * The visitors to forget, and why.
     *
     * @param stale     unnamed and unseen for too long
     * @param overLimit the least recently seen unnamed visitors past the limit
     */
    public record Choice(List<Long> stale, List<Long> overLimit) {
        public List<Long> all() {
            List<Long> out = new ArrayList<>(stale);
            out.addAll(overLimit);
            return out;
        }

        public boolean isEmpty() {
            return stale.isEmpty() && overLimit.isEmpty();
        }
    }

    /** Which of these visitors to forget at {@code now}. */
    public static Choice choose(List<Visitor> visitors, Instant now, VisitorSettings settings) {
        Instant newest = visitors.stream().map(Visitor::lastSeen).max(Comparator.naturalOrder()).orElse(now);
        Instant reference = newest.isBefore(now) ? newest : now;
        List<Long> stale = new ArrayList<>();
        Set<Long> gone = new HashSet<>();
        if (!settings.forgetAfter().isZero()) {
            Instant cutoff = reference.minus(settings.forgetAfter());
            for (Visitor v : visitors) {
                if (v.name() == null && v.lastSeen().isBefore(cutoff)) {
                    stale.add(v.id());
                    gone.add(v.id());
                }
            }
        }
        List<Long> overLimit = new ArrayList<>();
        int left = visitors.size() - gone.size();
        if (settings.maxVisitors() > 0 && left > settings.maxVisitors()) {
            List<Visitor> unnamed = new ArrayList<>();
            for (Visitor v : visitors) {
                if (v.name() == null && !gone.contains(v.id())) {
                    unnamed.add(v);
                }
            }
            unnamed.sort(Comparator.comparing(Visitor::lastSeen).thenComparingLong(Visitor::id));
            for (int i = 0; i < unnamed.size() && left > settings.maxVisitors(); i++, left--) {
                overLimit.add(unnamed.get(i).id());
            }
        }
        return new Choice(stale, overLimit);
    }
}
