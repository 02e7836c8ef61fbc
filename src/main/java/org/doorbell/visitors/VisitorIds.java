package org.doorbell.visitors;

import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New visitor ids: one more than the highest id ever loaded, edited or given (starting at 1), or
 * the store's counter's next id if that is higher ({@link VisitorRegistry#useIds}).
 *
 * <p>The store's counter commits each id it gives to disk, which may wait for an fsync. So an id
 * is {@linkplain #take taken} from it first, outside the registry's lock, with registrations one at
 * a time (on this object's monitor) so that the ids the counter gives come in order; then it is
 * {@linkplain #assign assigned} under the registry's lock. An id, once taken from the counter, is
 * never given by it again, even after a crash; when the counter fails (a full disk), ids come from
 * memory until it answers again.
 */
final class VisitorIds {
    private static final Logger LOG = LoggerFactory.getLogger(VisitorRegistry.class);

    /** The store's counter, or null. */
    private volatile LongSupplier source;
    /** The next id from memory; guarded by the registry's lock. */
    private long next;
    /** The counter failed at the last id assigned; guarded by the registry's lock. */
    private boolean failing;

    /** What the counter gave for one new id: its id, or its failure; nothing when there is no counter. */
    record Taken(boolean fromCounter, long id, RuntimeException failure) {
        static final Taken NONE = new Taken(false, 0, null);
    }

    VisitorIds(long highestLoaded) {
        this.next = highestLoaded + 1;
    }

    /** Takes new ids from {@code counter} from now on. */
    void useCounter(LongSupplier counter) {
        this.source = Objects.requireNonNull(counter);
    }

    /** An id from the store's counter, if there is one: may write the store, so not under the registry's lock. */
    Taken take() {
        LongSupplier counter = source;
        if (counter == null) {
            return Taken.NONE;
        }
        try {
            return new Taken(true, counter.getAsLong(), null);
        } catch (RuntimeException e) {
            return new Taken(true, 0, e);
        }
    }

    /** The new id, under the registry's lock: the counter's if it is past every id known here. */
    long assign(Taken taken) {
        long id = next;
        if (taken.failure() != null) {
            // said once while it lasts (a full disk fails every registration until space returns)
            if (!failing) {
                LOG.warn("no new visitor id from the store ({}); using {}, and ids from memory until it answers",
                        taken.failure().getMessage(), id);
            }
            failing = true;
        } else if (taken.fromCounter()) {
            id = Math.max(id, taken.id());
            failing = false;
        }
        next = id + 1;
        return id;
    }

    /** An id loaded, edited in or removed: never given again. Under the registry's lock. */
    void past(long id) {
        next = Math.max(next, id + 1);
    }
}
