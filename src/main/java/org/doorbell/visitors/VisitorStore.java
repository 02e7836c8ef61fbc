package org.doorbell.visitors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the known visitors are kept between runs: committed as they change, so that a crash or a
 * power cut loses nothing that {@link #save} returned from.
 * {@link org.doorbell.visitors.store.VisitorStores#open} gives the SQLite store
 * ({@link org.doorbell.visitors.store.SqliteVisitorStore}).
 */
public interface VisitorStore extends AutoCloseable {
    /** The database file. */
    Path path();

    /**
     * Every visitor by ascending id (galleries and names included; their pictures are
     * {@link Picture} handles, read from the store when asked for). Opens or creates the
     * database on first use: a damaged file, one of a newer schema or one from another face model
     * is moved aside and the store starts empty; an older format-1 file is imported.
     *
     * @throws IOException if the file cannot be read for another reason (permissions, a folder);
     *                     it is then left as it is
     */
    List<Visitor> load() throws IOException;

    /**
     * Inserts or updates each of these visitors (every field; gallery replaced), all in one
     * transaction, committed before returning. Visitors not given are left as they are. The
     * pictures written are read from the store from then on, no longer held in memory.
     *
     * <p>The owner's edits win: a visitor that an {@link #edit} changed or removed since this store
     * last read it (here or in another process) is not written, so a routine save never undoes a
     * correction; {@link #editsSince} brings the edited version. A visitor id never given by
     * {@link #newId} (or loaded) and already used, or forgotten, is not written either.
     */
    void save(Collection<Visitor> visitors) throws IOException;

    /**
     * Runs one owner correction as one write transaction, committed before returning: what the
     * work puts is written whole and marked as edited, what it removes is deleted from the file
     * itself (as {@link #delete}) and its id never given again.
     *
     * @return every visitor this edit changed, as stored after it (including visitors whose "not
     *         the same person" links changed), and the ids it removed
     */
    Edits edit(Edit work) throws IOException;

    /** The edits committed by anyone after edit number {@code seq} (0: all), and the newest number. */
    Edits editsSince(long seq) throws IOException;

    /** A visitor id that no process has had from this store before, nor was ever stored or forgotten. */
    long newId() throws IOException;

    /**
     * Removes a visitor and everything stored about it, so that its encodings and photo are gone
     * from the file itself (secure delete). Returns false if there is no such id.
     */
    boolean delete(long id) throws IOException;

    /**
     * A number that changes whenever another connection or process committed a change to the
     * database (not when this store did), so a running appliance can notice outside edits.
     */
    long externalVersion() throws IOException;

    /** The work of one correction, run inside its transaction. */
    @FunctionalInterface
    interface Edit {
        void apply(Transaction tx) throws IOException;
    }

    /** What a correction may do, inside its transaction. */
    interface Transaction {
        /** The visitor as stored now. */
        Optional<Visitor> find(long id) throws IOException;

        /** Writes the visitor whole (gallery, pictures, links), marked as edited. */
        void put(Visitor v) throws IOException;

        /** Removes the visitor and everything stored about it; false if there was none. */
        boolean remove(long id) throws IOException;

        /** A new visitor id (as {@link VisitorStore#newId}). */
        long newId() throws IOException;
    }

    /**
     * Edits: the visitors they changed (as stored now) and the ids they removed.
     *
     * @param seq the number of the newest edit included
     */
    record Edits(long seq, List<Visitor> changed, Set<Long> removed) {
        public Edits {
            changed = List.copyOf(changed);
            removed = Set.copyOf(removed);
        }

        public boolean isEmpty() {
            return changed.isEmpty() && removed.isEmpty();
        }

        public Optional<Visitor> find(long id) {
            return changed.stream().filter(v -> v.id() == id).findFirst();
        }
    }

    /** Closes the database; a later {@link #load} opens it again. */
    @Override
    void close();
}
