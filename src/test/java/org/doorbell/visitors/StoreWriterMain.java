package org.doorbell.visitors;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.doorbell.face.FaceEncoding;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.store.VisitorStores;

/**
 * Child process of {@link StoreCrashTest} and {@link StoreConcurrencyTest}: commits change after
 * change to the store until killed. Change {@code c} is one save of visitor 1 and visitor
 * {@code 2 + c % 20} (and, when {@code c % 5 == 0}, visitor {@link #EXTRA}, re-created by an edit
 * since a deleted id is never written back by a save), each made whole by
 * {@link #visitor}{@code (id, c)}; after the change {@code c} with {@code c % 5 == 2} it deletes
 * visitor {@link #EXTRA}. On stdout it writes {@code ready C} once the store is open (C: the last
 * change found), {@code s C} after each save returned and {@code d C} after each delete returned.
 */
public final class StoreWriterMain {
    static final long FIXED = 21;
    static final long EXTRA = 22;
    static final int SPREAD = 20;

    private StoreWriterMain() {
    }

    /** The visitors of a new store: change 0. */
    static List<Visitor> initial() {
        List<Visitor> out = new ArrayList<>();
        for (long id = 1; id <= EXTRA; id++) {
            out.add(visitor(id, 0));
        }
        return out;
    }

    /** Visitor {@code id} as change {@code c} writes it: every field follows from the two numbers. */
    static Visitor visitor(long id, long c) {
        Random random = new Random(id * 1_000_003L + c);
        Instant t = Instant.ofEpochMilli(1_795_000_000_000L + c * 1000 + id);
        List<FaceSample> gallery = new ArrayList<>();
        FaceEncoding base = TestVisitors.randomFace(random);
        for (int i = 0; i <= c % 3; i++) {
            gallery.add(new FaceSample(i == 0 ? base : TestVisitors.sameFace(base, random), i == 0 ? 1 : random.nextDouble(),
                    t.minusMillis(i)));
        }
        byte[] thumbnail = new byte[1500 + (int) (c % 700)];
        random.nextBytes(thumbnail);
        return new Visitor(id, "v" + id + "@" + c, gallery, thumbnail, c % 10 / 10.0, t.minusSeconds(5), t,
                t.minusSeconds(1), (int) (c % 1000), c);
    }

    /**
     * Checks a state read from the store: every visitor whole, and the last change (returned)
     * complete, as one transaction leaves it. {@code deleteDone} says whether the delete that
     * follows that change is known to have returned.
     */
    static long check(List<Visitor> visitors, boolean deleteDone) {
        Map<Long, Visitor> byId = new TreeMap<>();
        for (Visitor v : visitors) {
            if (!TestVisitors.sameVisitors(List.of(visitor(v.id(), v.seenFrames())), List.of(v))) {
                throw new AssertionError("visitor " + v.id() + " is not whole: " + v);
            }
            byId.put(v.id(), v);
        }
        Visitor first = byId.get(1L);
        if (first == null) {
            throw new AssertionError("visitor 1 is missing: " + byId.keySet());
        }
        long c = first.seenFrames();
        for (long id = 2; id <= FIXED; id++) {
            Visitor v = byId.get(id);
            if (v == null) {
                throw new AssertionError("visitor " + id + " is missing at change " + c);
            }
            long expected = c == 0 ? 0 : c - Math.floorMod(c - (id - 2), SPREAD);
            if (expected < 0) {
                expected = 0;
            }
            if (v.seenFrames() != expected) {
                throw new AssertionError("at change " + c + " visitor " + id + " holds change " + v.seenFrames()
                        + " instead of " + expected);
            }
        }
        long created = c - c % 5;  // the last change that wrote the extra visitor (0: the initial state)
        Visitor extra = byId.get(EXTRA);
        if (c % 5 < 2) {
            if (extra == null || extra.seenFrames() != created) {
                throw new AssertionError("at change " + c + " visitor " + EXTRA + " should hold change " + created
                        + ": " + (extra == null ? "missing" : extra.seenFrames()));
            }
        } else if (c % 5 > 2 || deleteDone) {
            if (extra != null) {
                throw new AssertionError("at change " + c + " visitor " + EXTRA + " is there after its delete");
            }
        } else if (extra != null && extra.seenFrames() != created) {
            // change c is followed by a delete that may or may not have happened
            throw new AssertionError("at change " + c + " visitor " + EXTRA + " holds change " + extra.seenFrames());
        }
        if (byId.size() > EXTRA) {
            throw new AssertionError("unexpected visitors " + byId.keySet());
        }
        return c;
    }

    public static void main(String[] args) throws Exception {
        try (VisitorStore store = VisitorStores.open(Path.of(args[0]), args[1])) {
            long c = store.load().stream().filter(v -> v.id() == 1).findFirst().orElseThrow().seenFrames();
            say("ready " + c);
            if (c % 5 == 2) {
                store.delete(EXTRA);  // killed between change c and its delete: finish it
            }
            while (true) {
                c++;
                List<Visitor> change = new ArrayList<>();
                change.add(visitor(1, c));
                change.add(visitor(2 + c % SPREAD, c));
                if (c % 5 == 0) {
                    change.add(visitor(EXTRA, c));
                }
                if (c % 5 == 0) {
                    // a forgotten id comes back only through an edit (as an undo does); one transaction too
                    store.edit(tx -> {
                        for (Visitor v : change) {
                            tx.put(v);
                        }
                    });
                } else {
                    store.save(change);
                }
                say("s " + c);
                if (c % 5 == 2) {
                    store.delete(EXTRA);
                    say("d " + c);
                }
            }
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
