package org.doorbell.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
 *
 * <p><b>A slow CPU.</b> Live ({@link #adaptToCpu}), the interval grows to twice the time a
 * whole-frame search takes here (the median of the last {@link #SEARCH_SAMPLES}), so that the
 * search takes at most half of a core and the frames between keep being followed: on a CPU where
 * a search takes 40 ms or less nothing changes, on a Jetson Nano at 1280x720 new faces are then
 * found every few hundred ms instead of the analysis falling behind the camera. Said once in the
 * log. Off for replays and benchmarks, whose frames are timed by capture and whose decisions must
 * not depend on the machine.
 */
public final class Follows {
    public static final Duration FULL_SEARCH_EVERY = Duration.ofMillis(150);
    /** Whole-frame search times kept for the adapted interval. */
    static final int SEARCH_SAMPLES = 15;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Follows.class);
    public static final Duration LOST_AFTER = Duration.ofSeconds(1);
    /** A face found by a whole-frame search where a follow's box overlaps it this much is that follow's. */
    public static final double FOUND_IOU = org.doorbell.face.OverlapMatching.SAME_PLACE;

    /**
     * One face of an analysed frame, with what the identity made of it. Made by name:
     * {@code Seen.of(id, box).withSized(true).withEncoding(quality, patch).withDecided(true)}; what is
     * not said is false (not encoded).
     *
     * @param followId      the follow it continues or starts
     * @param box           where it is in the frame
     * @param sized         whether the box's size is the one the detector gave in this frame (not kept
     *                      from before: someone else, or another view, where the followed face was)
     * @param view          the view of it encoded in this frame; null if it was not encoded
     * @param decided       whether the identity has decided who it is
     * @param needsEncoding whether the identity could not place it without an encoding
     */
    public record Seen(long followId, FaceBox box, boolean sized, EncodedView view, boolean decided,
                       boolean needsEncoding) {

        /** A face at {@code box}, of follow {@code followId}: not sized, not encoded, not decided. */
        public static Seen of(long followId, FaceBox box) {
            return new Seen(followId, box, false, null, false, false);
        }

        public Seen withSized(boolean isSized) {
            return new Seen(followId, box, isSized, view, decided, needsEncoding);
        }

        /** This face, encoded in this frame: the view's quality and its {@link FacePatch}. */
        public Seen withEncoding(double quality, float[] patch) {
            return new Seen(followId, box, sized, new EncodedView(quality, patch), decided, needsEncoding);
        }

        public Seen withDecided(boolean isDecided) {
            return new Seen(followId, box, sized, view, isDecided, needsEncoding);
        }

        public Seen withNeedsEncoding(boolean needs) {
            return new Seen(followId, box, sized, view, decided, needs);
        }

        /** Whether it was encoded in this frame. */
        public boolean encoded() {
            return view != null;
        }
    }

    /**
     * A view of a followed face that was encoded: what the encode policy compares its next views with.
     *
     * @param quality its view quality
     * @param patch   the face as a small grey picture ({@link FacePatch})
     */
    public record EncodedView(double quality, float[] patch) {
    }

    private final AtomicLong nextId = new AtomicLong(1);
    /** An encoding being made of a followed face: its frame's capture time, view quality and patch. */
    private record Pending(Instant at, double quality, float[] patch) {
    }

    /**
     * Encodings being made on analysing threads, of frames not applied yet, by follow id, so that
     * another thread analysing the next frame does not encode the same view again.
     */
    private final Map<Long, Pending> pending = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile List<Follow> current = List.of();
    private Instant nextFullSearch;  // guarded by this
    /** The frame an analysing thread is searching whole itself, until that frame is applied; null if none. */
    private Instant searchingWhole;  // guarded by this
    private int width = -1;  // guarded by this
    private boolean adaptive;  // guarded by this
    /** The latest whole-frame search times in ns, a ring. */
    private final long[] searchNanos = new long[SEARCH_SAMPLES];  // guarded by this
    private int searches;  // guarded by this
    private Duration interval = FULL_SEARCH_EVERY;  // guarded by this
    private boolean adaptedSaid;  // guarded by this
    private int height = -1;  // guarded by this

    /** The follows as of the last frame applied. */
    public List<Follow> current() {
        return current;
    }

    /**
     * {@code f} as the encode policy is to see it: with the encoding another thread is making of it,
     * in a frame not applied yet, as its last one.
     */
    public Follow withPending(Follow f) {
        Pending p = f == null ? null : pending.get(f.id());
        if (p == null || f.encodedAt() != null && !p.at().isAfter(f.encodedAt())) {
            return f;
        }
        return new Follow(f.id(), f.box(), f.seen(), p.at(), p.quality(), p.patch(), f.decided(), false, f.missed());
    }

    /** An analysing thread encodes followed face {@code id} in the frame captured at {@code at}. */
    public void encoding(long id, Instant at, double quality, float[] patch) {
        pending.merge(id, new Pending(at, quality, patch), (old, now) -> now.at().isAfter(old.at()) ? now : old);
    }

    /** A number for a face not followed before. */
    public long newId() {
        return nextId.getAndIncrement();
    }

    /**
     * Tells the size of the next frame: when it differs from the frames before (the first frame, a
     * camera that restarted at another size, replayed photos of different sizes), the faces
     * followed are forgotten (their boxes belong to other frames) and a whole-frame search is due.
     */
    public synchronized void frameSize(int frameWidth, int frameHeight) {
        if (frameWidth != width || frameHeight != height) {
            width = frameWidth;
            height = frameHeight;
            current = List.of();
            pending.clear();
            nextFullSearch = null;
            searchingWhole = null;
            notifyAll();
        }
    }

    /**
     * Whether the frame captured at {@code at} is to be searched whole: true, and the next whole
     * search is due {@link #searchInterval()} later, if one is due; false otherwise.
     */
    public synchronized boolean claimFullSearch(Instant at) {
        if (nextFullSearch == null || !at.isBefore(nextFullSearch)) {
            nextFullSearch = at.plus(interval);
            return true;
        }
        return false;
    }

    /** Spaces the whole-frame searches by this CPU's own search times from now on (a live camera). */
    public synchronized void adaptToCpu() {
        adaptive = true;
    }

    /** A whole-frame search took {@code nanos}: the interval follows, if adapting. Any thread. */
    public synchronized void searchTook(long nanos) {
        if (!adaptive) {
            return;
        }
        searchNanos[searches++ % SEARCH_SAMPLES] = nanos;
        long[] last = java.util.Arrays.copyOf(searchNanos, Math.min(searches, SEARCH_SAMPLES));
        java.util.Arrays.sort(last);
        Duration twice = Duration.ofNanos(2 * last[last.length / 2]);
        // in steps of 10 ms, so the interval does not move with every search
        Duration next = twice.compareTo(FULL_SEARCH_EVERY) <= 0 ? FULL_SEARCH_EVERY
                : Duration.ofMillis((twice.toMillis() + 9) / 10 * 10);
        if (!next.equals(interval) && !adaptedSaid && next.compareTo(FULL_SEARCH_EVERY) > 0
                && searches >= SEARCH_SAMPLES / 3) {
            adaptedSaid = true;
            log.info("a whole-frame search takes {} ms on this CPU: searching whole frames every {} ms instead of {} "
                    + "(new faces are found within about {} ms)", last[last.length / 2] / 1_000_000, next.toMillis(),
                    FULL_SEARCH_EVERY.toMillis(), next.toMillis() + last[last.length / 2] / 1_000_000);
        }
        if (searches >= SEARCH_SAMPLES / 3) {
            interval = next;
        }
    }

    /** The capture time between whole-frame searches now: {@link #FULL_SEARCH_EVERY}, or more on a slow CPU. */
    public synchronized Duration searchInterval() {
        return interval;
    }

    /** Whether no face is followed in a window now: no follows, or every one missed. */
    public boolean followingNone() {
        for (Follow f : current) {
            if (!f.missed()) {
                return false;
            }
        }
        return true;
    }

    /**
     * An analysing thread searches the frame captured at {@code at} whole itself: frames captured
     * after it wait for its faces ({@link #awaitWholeSearch}), so that each face found is followed
     * from the next frame on, however many threads analyse.
     */
    public synchronized void searchingWhole(Instant at) {
        searchingWhole = at;
    }

    /**
     * Waits while a frame captured before {@code at} is being searched whole by an analysing thread
     * and is not applied yet (at most {@link #LOST_AFTER}, should that frame never be applied).
     */
    public synchronized void awaitWholeSearch(Instant at) throws InterruptedException {
        long deadline = System.nanoTime() + LOST_AFTER.toNanos();
        while (searchingWhole != null && searchingWhole.isBefore(at)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                searchingWhole = null;
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /**
     * Applies a frame's faces (frames in capture order): found again, newly found, or lost. A follow
     * not found in this frame where another was ({@link FaceBox#sameFaceAs}) is the same face under two
     * numbers, and is dropped; one looked for ({@code searched}) and not found is
     * {@link Follow#missed}. Unless the frame was searched whole or the face was {@link Seen#sized},
     * a face keeps the size its follow has now (a whole-frame search on another thread may have set it
     * since the frame was analysed).
     */
    public synchronized void update(Instant at, List<Seen> faces, Collection<Long> searched, boolean wholeFrame) {
        Map<Long, Follow> byId = new LinkedHashMap<>();
        for (Follow f : current) {
            if (Duration.between(f.seen(), at).compareTo(LOST_AFTER) <= 0 && !overlapsOther(f, faces)) {
                byId.put(f.id(), searched.contains(f.id()) && !f.missed() ? missed(f) : f);
            }
        }
        for (Seen s : faces) {
            Follow old = byId.get(s.followId());
            FaceBox box = wholeFrame || s.sized() || old == null ? s.box() : resized(s.box(), old.box());
            Follow f = s.encoded()
                    ? new Follow(s.followId(), box, at, at, s.view().quality(), s.view().patch(), s.decided(),
                            s.needsEncoding(), false)
                    : new Follow(s.followId(), box, at, old == null ? null : old.encodedAt(),
                            old == null ? -1 : old.encodedQuality(), old == null ? null : old.encodedPatch(),
                            s.decided(), s.needsEncoding(), false);
            byId.put(s.followId(), f);
        }
        current = List.copyOf(byId.values());
        pending.entrySet().removeIf(e -> !e.getValue().at().isAfter(at) || !byId.containsKey(e.getKey()));
        if (searchingWhole != null && !at.isBefore(searchingWhole)) {
            searchingWhole = null;
            notifyAll();
        }
    }

    /**
     * Faces a whole-frame search found in the frame captured at {@code at}, while later frames were
     * being analysed (on another thread): each starts a follow unless a follow is already there; a
     * missed one there is found again where the search found it, and any other takes the size the
     * search found (between whole-frame searches a face keeps its size).
     */
    public synchronized void found(Instant at, List<FaceBox> boxes) {
        List<Follow> next = new ArrayList<>(current);
        for (FaceBox box : boxes) {
            int there = -1;
            for (int i = 0; i < next.size() && there < 0; i++) {
                if (box.iou(next.get(i).box()) >= FOUND_IOU || box.sameFaceAs(next.get(i).box())) {
                    there = i;
                }
            }
            if (there < 0) {
                next.add(Follow.found(newId(), box, at));
            } else {
                // found again: a missed follow where the search found it; any follow at the size it found
                // (sizes change only with whole-frame searches), where its own later frames put it
                Follow f = next.get(there);
                FaceBox placed = f.missed() ? box : resized(f.box(), box);
                next.set(there, new Follow(f.id(), placed, f.missed() && at.isAfter(f.seen()) ? at : f.seen(),
                        f.encodedAt(), f.encodedQuality(), f.encodedPatch(), f.decided(), f.needsEncoding(), false));
            }
        }
        current = List.copyOf(next);
    }

    /** {@code size}'s width and height around {@code place}'s centre. */
    static FaceBox resized(FaceBox place, FaceBox size) {
        int cx = (place.left() + place.right()) / 2;
        int cy = (place.top() + place.bottom()) / 2;
        int left = cx - (size.width() - 1) / 2;
        int top = cy - (size.height() - 1) / 2;
        return new FaceBox(top, left + size.width() - 1, top + size.height() - 1, left);
    }

    private static Follow missed(Follow f) {
        return new Follow(f.id(), f.box(), f.seen(), f.encodedAt(), f.encodedQuality(), f.encodedPatch(), f.decided(),
                f.needsEncoding(), true);
    }

    private static boolean overlapsOther(Follow f, List<Seen> faces) {
        for (Seen s : faces) {
            if (s.followId() == f.id()) {
                return false;
            }
        }
        for (Seen s : faces) {
            if (s.box().sameFaceAs(f.box())) {
                return true;
            }
        }
        return false;
    }
}
