package org.doorbell.visitors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Where the known visitors are kept between runs: committed as they change, so that a crash or a
 * power cut loses nothing that {@link #save} returned from. {@link VisitorStores#open} gives the
 * SQLite store ({@link SqliteVisitorStore}).
 */
public interface VisitorStore extends AutoCloseable {
    /** The database file. */
    Path path();

    /**
     * Every visitor by ascending id (galleries, thumbnails, names included). Opens or creates the
     * database on first use: a damaged file, one of a newer schema or one from another face model
     * is moved aside and the store starts empty; an older format-1 file is imported.
     *
     * @throws IOException if the file cannot be read for another reason (permissions, a folder);
     *                     it is then left as it is
     */
    List<Visitor> load() throws IOException;

    /**
     * Inserts or updates each of these visitors (every field; gallery replaced), all in one
     * transaction, committed before returning. Visitors not given are left as they are.
     */
    void save(Collection<Visitor> visitors) throws IOException;

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

    /** Closes the database; a later {@link #load} opens it again. */
    @Override
    void close();
}
