package org.doorbell.visitors;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The owner's corrections (name, merge, split, forget, enrol, undo), each one committed to the
 * store as one transaction before it returns, then handed to {@code applied} (the running
 * appliance's registry; nothing for the command line). The screen and the command line both go
 * through here; the store marks what they change, so the running appliance picks up edits from
 * another process within a moment and never overwrites them (see {@link VisitorStore#save}).
 */
public final class VisitorEditor {
    private final VisitorStore store;
    private final Clock clock;
    private final Duration newVisitAfter;
    /** The running appliance's visitors, or null. */
    private final VisitorRegistry registry;

    /**
     * @param registry the running appliance's visitors, told every edit (this editor's and other
     *                 processes', see {@link #refresh}) in the order they were committed; null for
     *                 the command line, whose edits go to the store only
     */
    public VisitorEditor(VisitorStore store, Clock clock, Duration newVisitAfter, VisitorRegistry registry) {
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
        this.newVisitAfter = Objects.requireNonNull(newVisitAfter);
        this.registry = registry;
    }

    /** An editor for the command line: edits go to the store only. */
    public static VisitorEditor of(VisitorStore store, Clock clock) {
        return new VisitorEditor(store, clock, VisitorSettings.DEFAULTS.newVisitAfter(), null);
    }

    /**
     * Brings the registry up to date with edits committed by other processes (the command line)
     * since the last one it has: cheap when there are none.
     *
     * @return whether there were any
     */
    public boolean refresh() throws IOException {
        if (registry == null) {
            return false;
        }
        synchronized (registry) {
            VisitorStore.Edits edits = store.editsSince(registry.editSeq());
            if (edits.isEmpty()) {
                return false;
            }
            registry.applyEdits(edits);
            return true;
        }
    }

    /**
     * What an edit did.
     *
     * @param done      whether it was carried out
     * @param message   one line for the owner
     * @param visitorId the visitor to show afterwards (the merge target; the new one after an enrol;
     *                  the same one otherwise; -1 after forget)
     * @param before    the visitors as they were, for undo
     * @param created   ids the edit created, removed again by undo
     */
    public record Outcome(boolean done, String message, long visitorId, List<Visitor> before, Set<Long> created) {
        static Outcome refused(String message, long visitorId) {
            return new Outcome(false, message, visitorId, List.of(), Set.of());
        }

        /** Whether {@link VisitorEditor#undo} can revert it. */
        public boolean undoable() {
            return done && !before.isEmpty();
        }
    }

    /** Names a visitor (a blank name removes the name). */
    public Outcome rename(long id, String name) throws IOException {
        String clean;
        try {
            clean = Corrections.cleanName(name);
        } catch (IllegalArgumentException e) {
            return Outcome.refused(e.getMessage(), id);
        }
        Outcome[] out = {null};
        commit(tx -> {
            Optional<Visitor> v = tx.find(id);
            if (v.isEmpty()) {
                out[0] = missing(id);
                return;
            }
            Visitor named = v.get().withName(clean);
            tx.put(named);
            out[0] = new Outcome(true, clean == null ? v.get().title() + " is " + named.title() + " again."
                    : "Visitor #" + id + " is now " + clean + ".", id, List.of(v.get()), Set.of());
        });
        return out[0];
    }

    /** Merges visitor {@code id} into {@code intoId} (see {@link Corrections#merged}). */
    public Outcome merge(long id, long intoId) throws IOException {
        if (id == intoId) {
            return Outcome.refused("A visitor cannot be merged into itself.", intoId);
        }
        Outcome[] out = {null};
        commit(tx -> {
            Optional<Visitor> from = tx.find(id);
            Optional<Visitor> into = tx.find(intoId);
            if (from.isEmpty() || into.isEmpty()) {
                out[0] = missing(from.isEmpty() ? id : intoId);
                return;
            }
            Visitor merged = Corrections.merged(from.get(), into.get(), newVisitAfter);
            tx.remove(id);
            tx.put(merged);
            out[0] = new Outcome(true, from.get().title() + " merged into " + merged.title() + ": "
                    + visits(merged.visits()) + ".", intoId, List.of(from.get(), into.get()), Set.of());
        });
        return out[0];
    }

    /** Moves the visitor's latest visit off into a new visitor (see {@link Corrections#split}). */
    public Outcome split(long id) throws IOException {
        Outcome[] out = {null};
        commit(tx -> {
            Optional<Visitor> v = tx.find(id);
            if (v.isEmpty()) {
                out[0] = missing(id);
                return;
            }
            if (v.get().visits() < 2) {
                out[0] = Outcome.refused(v.get().title() + " has only one visit: nothing to split off"
                        + " (Forget it, or merge it into the right visitor).", id);
                return;
            }
            Optional<Corrections.Split> split = Corrections.split(v.get(), tx.newId(), newVisitAfter);
            if (split.isEmpty()) {
                out[0] = Outcome.refused("The latest visit of " + v.get().title()
                        + " has no face of its own to split off.", id);
                return;
            }
            tx.put(split.get().kept());
            tx.put(split.get().created());
            out[0] = new Outcome(true, "The latest visit is now Visitor #" + split.get().created().id() + ".", id,
                    List.of(v.get()), Set.of(split.get().created().id()));
        });
        return out[0];
    }

    /** Removes a visitor and everything stored about them, from the file itself. Not undoable. */
    public Outcome forget(long id) throws IOException {
        Outcome[] out = {null};
        commit(tx -> {
            Optional<Visitor> v = tx.find(id);
            if (v.isEmpty()) {
                out[0] = missing(id);
                return;
            }
            tx.remove(id);
            out[0] = new Outcome(true, v.get().title() + " forgotten.", -1, List.of(), Set.of());
        });
        return out[0];
    }

    /**
     * Removes these visitors and everything stored about them, in one transaction (the retention
     * rules' forgetting).
     *
     * @return how many were removed
     */
    public int forgetAll(java.util.Collection<Long> ids) throws IOException {
        if (ids.isEmpty()) {
            return 0;
        }
        int[] removed = {0};
        commit(tx -> {
            for (long id : ids) {
                if (tx.remove(id)) {
                    removed[0]++;
                }
            }
        });
        return removed[0];
    }

    /**
     * Enrols someone from photos before they ever come (see {@link Corrections#enrolled}).
     *
     * @param samples one per photo
     * @param picture the best photo's face, 150x150 JPEG
     */
    public Outcome enrol(String name, List<FaceSample> samples, byte[] picture, double pictureQuality)
            throws IOException {
        String clean;
        try {
            clean = Corrections.cleanName(name);
        } catch (IllegalArgumentException e) {
            return Outcome.refused(e.getMessage(), -1);
        }
        if (clean == null) {
            return Outcome.refused("An enrolled visitor needs a name.", -1);
        }
        Outcome[] out = {null};
        commit(tx -> {
            Visitor v = Corrections.enrolled(tx.newId(), clean, samples, picture, pictureQuality, now());
            tx.put(v);
            out[0] = new Outcome(true, clean + " enrolled as visitor #" + v.id() + " from " + samples.size()
                    + (samples.size() == 1 ? " photo." : " photos."), v.id(), List.of(), Set.of(v.id()));
        });
        return out[0];
    }

    /** Reverts an edit: the visitors as they were before it, and those it created removed. */
    public Outcome undo(Outcome edit) throws IOException {
        if (!edit.undoable()) {
            return Outcome.refused("Nothing to undo.", edit.visitorId());
        }
        commit(tx -> {
            for (long id : edit.created()) {
                tx.remove(id);
            }
            for (Visitor v : edit.before()) {
                tx.put(v);
            }
        });
        Visitor shown = edit.before().get(edit.before().size() - 1);
        return new Outcome(true, "Undone.", shown.id(), List.of(), Set.of());
    }

    private void commit(VisitorStore.Edit work) throws IOException {
        if (registry == null) {
            store.edit(work);
            return;
        }
        // under the registry's lock, as refresh: edits reach the registry in commit order
        synchronized (registry) {
            store.edit(work);
            // this edit and any other process's before it
            registry.applyEdits(store.editsSince(registry.editSeq()));
        }
    }

    private static Outcome missing(long id) {
        return Outcome.refused("There is no visitor #" + id + ".", id);
    }

    private static String visits(int n) {
        return n == 1 ? "1 visit" : n + " visits";
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
