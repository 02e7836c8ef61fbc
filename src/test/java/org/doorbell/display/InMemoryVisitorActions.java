package org.doorbell.display;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.swing.SwingUtilities;

/**
 * The owner's corrections on a list of cards in memory, and the directory that lists them, for
 * the display's tests: each call changes the cards (names, merges, splits, removals) so that the
 * screen shows its effect, and is recorded as text such as {@code rename(2,Alice)}, with
 * {@code @swing} appended when it ran on the Swing thread (which it must not). {@link #hold()}
 * keeps the next calls waiting until {@link #release()}, as a slow store would.
 */
final class InMemoryVisitorActions implements VisitorActions, Display.VisitorDirectory {
    private final List<VisitorCard> cards;
    private final List<String> calls = new ArrayList<>();
    private long nextId;
    private volatile CountDownLatch gate;

    /** @param cards the visitors, most recently seen first */
    InMemoryVisitorActions(List<VisitorCard> cards) {
        this.cards = new ArrayList<>(cards);
        nextId = cards.stream().mapToLong(VisitorCard::id).max().orElse(0) + 1;
    }

    @Override
    public synchronized List<VisitorCard> get() {
        return List.copyOf(cards);
    }

    /** Every call so far, in order. */
    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The visitor with this id, or null. */
    synchronized VisitorCard card(long id) {
        int i = indexOf(id);
        return i < 0 ? null : cards.get(i);
    }

    /** Makes the calls from now on wait for {@link #release()}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    /** Lets waiting calls go on, and later ones run at once. */
    void release() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    @Override
    public Result rename(long id, String name) {
        enter("rename(" + id + "," + name + ")");
        synchronized (this) {
            int i = indexOf(id);
            if (i < 0) {
                return Result.refused("Visitor #" + id + " is gone", id);
            }
            VisitorCard before = cards.get(i);
            String named = name == null || name.isBlank() ? null : name.strip();
            cards.set(i, withName(before, named));
            Undo undo = () -> {
                enter("undo rename(" + id + ")");
                synchronized (this) {
                    int j = indexOf(id);
                    if (j >= 0) {
                        cards.set(j, withName(cards.get(j), before.name()));
                    }
                    return new Result(true, "Name undone: " + before.title() + " again", id, null);
                }
            };
            return new Result(true, named == null ? "Name removed" : "Named " + named, id, undo);
        }
    }

    @Override
    public Result merge(long id, long intoId) {
        enter("merge(" + id + "," + intoId + ")");
        synchronized (this) {
            int from = indexOf(id);
            int into = indexOf(intoId);
            if (from < 0 || into < 0 || id == intoId) {
                return Result.refused("Cannot merge these two", intoId);
            }
            List<VisitorCard> before = List.copyOf(cards);
            VisitorCard a = cards.get(from);
            VisitorCard b = cards.get(into);
            VisitorCard merged = new VisitorCard(b.id(), b.name() != null ? b.name() : a.name(), b.thumbnailJpeg(),
                    a.firstSeen().isBefore(b.firstSeen()) ? a.firstSeen() : b.firstSeen(),
                    a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen(), a.visits() + b.visits(),
                    b.atDoor());
            cards.set(into, merged);
            cards.remove(from);
            Undo undo = () -> {
                enter("undo merge(" + id + "," + intoId + ")");
                synchronized (this) {
                    cards.clear();
                    cards.addAll(before);
                    return new Result(true, a.title() + " is separate again", intoId, null);
                }
            };
            return new Result(true, a.title() + " merged into " + b.title() + ": " + merged.visitsLabel(), intoId,
                    undo);
        }
    }

    @Override
    public Result split(long id) {
        enter("split(" + id + ")");
        synchronized (this) {
            int i = indexOf(id);
            if (i < 0) {
                return Result.refused("Visitor #" + id + " is gone", id);
            }
            VisitorCard old = cards.get(i);
            if (old.visits() < 2) {
                return Result.refused("Only one visit: nothing to split off", id);
            }
            long newId = nextId++;
            VisitorCard latest = new VisitorCard(newId, null, old.thumbnailJpeg(), old.lastSeen(), old.lastSeen(), 1,
                    old.atDoor());
            cards.set(i, new VisitorCard(old.id(), old.name(), old.thumbnailJpeg(), old.firstSeen(),
                    old.lastSeen().minus(Duration.ofDays(1)), old.visits() - 1, Duration.ZERO));
            cards.add(0, latest);
            Undo undo = () -> {
                enter("undo split(" + id + ")");
                synchronized (this) {
                    cards.remove(indexOf(newId));
                    cards.set(indexOf(id), old);
                    return new Result(true, latest.title() + " is " + old.title() + " again", id, null);
                }
            };
            return new Result(true, "Latest visit split off as " + latest.title(), id, undo);
        }
    }

    @Override
    public Result forget(long id) {
        enter("forget(" + id + ")");
        synchronized (this) {
            int i = indexOf(id);
            if (i < 0) {
                return Result.refused("Visitor #" + id + " is gone", id);
            }
            VisitorCard gone = cards.remove(i);
            return new Result(true, "Forgot " + gone.title(), -1, null);
        }
    }

    /** Records the call, then waits while held. */
    private void enter(String call) {
        synchronized (this) {
            calls.add(call + (SwingUtilities.isEventDispatchThread() ? "@swing" : ""));
        }
        CountDownLatch g = gate;
        if (g != null) {
            try {
                if (!g.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("held for 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while held", e);
            }
        }
    }

    private int indexOf(long id) {
        for (int i = 0; i < cards.size(); i++) {
            if (cards.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    private static VisitorCard withName(VisitorCard c, String name) {
        return new VisitorCard(c.id(), name, c.thumbnailJpeg(), c.firstSeen(), c.lastSeen(), c.visits(), c.atDoor());
    }
}
