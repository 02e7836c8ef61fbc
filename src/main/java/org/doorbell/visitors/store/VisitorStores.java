package org.doorbell.visitors.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.doorbell.visitors.StoreException;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorStore;

/** Opens visitor stores. */
public final class VisitorStores {
    private VisitorStores() {
    }

    /**
     * The store for this path and face model; nothing is opened or created before its first
     * {@link VisitorStore#load}. A path ending in {@code .dat} names a store of the old format:
     * the database is then the same name with {@code .db} (see {@link SqliteVisitorStore}).
     *
     * @param path    the database file, e.g. {@code data/known_faces.db}
     * @param modelId the face model whose encodings the store holds
     */
    public static VisitorStore open(Path path, String modelId) {
        return new SqliteVisitorStore(Objects.requireNonNull(path), Objects.requireNonNull(modelId));
    }

    /**
     * An existing store, to make the owner's corrections from the command line (also while the
     * appliance runs): never creates, imports or moves a file aside; a missing or damaged database
     * is an {@link java.io.IOException} at the first use.
     *
     * @param modelId the face model that new encodings come from, or null when the edit adds none
     */
    public static VisitorStore openExisting(Path path, String modelId) {
        return new SqliteVisitorStore(Objects.requireNonNull(path), modelId, false);
    }

    /**
     * The visitors in a store whatever face model made it, by ascending id, for inspection. Reads
     * only: never moves, imports or creates anything. No file: no visitors; a format-1 file not
     * imported yet is read as it is.
     *
     * @throws StoreException if the store cannot be read or is damaged; the message says which
     *                        file and why
     */
    public static List<Visitor> readAny(Path path) throws StoreException {
        return ReadOnlyStore.readAny(Objects.requireNonNull(path));
    }

    /** Work on the visitors of a store, while it is open for their pictures. */
    @FunctionalInterface
    public interface Reading {
        void read(List<Visitor> visitors) throws IOException;
    }

    /**
     * As {@link #readAny(Path)}, with each picture read from the store when it is asked for (while
     * {@code reading} runs, and not after), so that going through every visitor of a large store
     * holds one picture at a time in the heap, not all of them. A picture that cannot be read then
     * is an {@link java.io.UncheckedIOException}.
     *
     * @throws StoreException if the store cannot be read or is damaged
     * @throws IOException    if {@code reading} throws it
     */
    public static void readAny(Path path, Reading reading) throws StoreException, IOException {
        ReadOnlyStore.readAny(Objects.requireNonNull(path), Objects.requireNonNull(reading));
    }
}
