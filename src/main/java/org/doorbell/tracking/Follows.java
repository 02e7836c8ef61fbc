package org.doorbell.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.doorbell.face.FaceBox;

/**
 * The faces being followed, shared by the threads that analyse frames (which read it to plan
 * their search) and the one that applies their results in capture order (which updates it).
 * Thread-safe.
 *
 * <p>The whole frame is searched at least every {@link #FULL_SEARCH_EVERY} of capture time, and at
 * once after a followed face was lost, so a new face is found within that; in the frames between,
 * only a window around each followed face is. A follow not found for {@link #LOST_AFTER} is gone.
 */
public final class Follows {
    public static final Duration FULL_SEARCH_EVERY = Duration.ofMillis(150);
    public static final Duration LOST_AFTER = Duration.ofSeconds(1);

    /** One face of an analysed frame, with what the identity made of it. */
    public record Seen(long followId, FaceBox box, boolean encoded, double quality, float[] patch, boolean decided,
                       boolean needsEncoding) {
    }

    private final AtomicLong nextId = new AtomicLong(1);
    private volatile List<Follow> current = List.of();
    private Instant nextFullSearch;  // guarded by this

    /** The follows as of the last frame applied. */
    public List<Follow> current() {
        return current;
    }

    /** A number for a face not followed before. */
    public long newId() {
        return nextId.getAndIncrement();
    }

    /**
     * Whether the frame captured at {@code at} is to be searched whole: true, and the next whole
     * search is due {@link #FULL_SEARCH_EVERY} later, if one is due; false otherwise.
     */
    public synchronized boolean claimFullSearch(Instant at) {
        if (nextFullSearch == null || !at.isBefore(nextFullSearch)) {
            nextFullSearch = at.plus(FULL_SEARCH_EVERY);
            return true;
        }
        return false;
    }

    /** A followed face was not found where it was: the next frame is searched whole. */
    public synchronized void searchWholeNext() {
        nextFullSearch = null;
    }

    /** Applies a frame's faces (frames in capture order): found again, newly found, or lost. */
    public synchronized void update(Instant at, List<Seen> faces) {
        Map<Long, Follow> byId = new LinkedHashMap<>();
        for (Follow f : current) {
            if (Duration.between(f.seen(), at).compareTo(LOST_AFTER) <= 0) {
                byId.put(f.id(), f);
            }
        }
        for (Seen s : faces) {
            Follow old = byId.get(s.followId());
            Follow f = s.encoded()
                    ? new Follow(s.followId(), s.box(), at, at, s.quality(), s.patch(), s.decided(), s.needsEncoding())
                    : new Follow(s.followId(), s.box(), at, old == null ? null : old.encodedAt(),
                            old == null ? -1 : old.encodedQuality(), old == null ? null : old.encodedPatch(),
                            s.decided(), s.needsEncoding());
            byId.put(s.followId(), f);
        }
        current = List.copyOf(byId.values());
    }
}
