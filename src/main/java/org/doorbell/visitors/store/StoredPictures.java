package org.doorbell.visitors.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.doorbell.visitors.Picture;
import org.doorbell.visitors.Visitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pictures of the visitors a {@link SqliteVisitorStore} loads and saves: {@link Picture}
 * handles that read from the visitor's row when asked for ({@link PictureReader}, beside the
 * store's connection), and the bookkeeping that keeps every handle showing its own picture.
 *
 * <p>After a commit, a saved visitor's pictures are read from its row, their bytes dropped
 * ({@link #placed}). Before a row's pictures are written over or the row is deleted, every handle
 * this store gave out on it that does not stay in place reads its picture into memory
 * ({@link #vacate}). Not thread-safe: used under the store's lock, except {@link #read}.
 */
final class StoredPictures {
    /** Logged under the store's name. */
    private static final Logger LOG = LoggerFactory.getLogger(SqliteVisitorStore.class);

    private final Path file;
    /** Where the pictures of the visitors this store loads are read from when needed. */
    private final Picture.Source source = this::read;
    /** Reads pictures beside the store's own connection. */
    private final PictureReader reader;
    /**
     * The picture handles that read from each visitor's row, as this store last read or wrote it
     * (thumbnail, visit): before the row's pictures change or the row goes, they are read into
     * memory, so that a handle never reads a picture other than its own.
     */
    private final Map<Long, Picture[]> occupants = new HashMap<>();

    StoredPictures(Path file, PictureReader reader) {
        this.file = file;
        this.reader = reader;
    }

    /** What the handles of loaded visitors read from. */
    Picture.Source source() {
        return source;
    }

    /** Once the database is open (in WAL mode): pictures are read beside it from now on. */
    void open() throws SQLException {
        reader.open();
    }

    void close() throws SQLException {
        reader.close();
    }

    /** After a commit: the visitor's pictures are read from its row from now on, not kept in memory. */
    void placed(Visitor v) {
        place(v.thumbnail(), v.id(), Picture.Slot.THUMBNAIL);
        if (v.visit() != null) {
            place(v.visit(), v.id(), Picture.Slot.VISIT);
        }
    }

    private void place(Picture p, long id, Picture.Slot slot) {
        Picture.Place where = new Picture.Place(source, id, slot);
        if (!where.equals(p.place()) || p.inMemory()) {
            p.storedAt(where);
        }
    }

    /** Records the visitor's handles that read from its own row. */
    void occupy(Visitor v) {
        Picture thumbnail = readsFrom(v.thumbnail(), v.id(), Picture.Slot.THUMBNAIL) ? v.thumbnail() : null;
        Picture visit = readsFrom(v.visit(), v.id(), Picture.Slot.VISIT) ? v.visit() : null;
        if (thumbnail == null && visit == null) {
            occupants.remove(v.id());
        } else {
            occupants.put(v.id(), new Picture[] {thumbnail, visit});
        }
    }

    void occupy(Collection<Visitor> visitors) {
        for (Visitor v : visitors) {
            occupy(v);
        }
    }

    /** The visitor's row is gone: no handle reads from it any more. */
    void forget(long id) {
        occupants.remove(id);
    }

    /** Forgets every handle (the store closes or reads everything again). */
    void clear() {
        occupants.clear();
    }

    private boolean readsFrom(Picture p, long id, Picture.Slot slot) {
        return p != null && !p.inMemory() && new Picture.Place(source, id, slot).equals(p.place());
    }

    /**
     * Before visitor {@code id}'s pictures are written over or deleted: the handles that read them
     * now, other than those written back to the same place, read them into memory.
     */
    void vacate(Connection db, long id, Picture thumbnail, Picture visit) throws SQLException {
        Picture[] at = occupants.get(id);
        if (at == null) {
            return;
        }
        if (at[0] != null && at[0] != thumbnail) {
            detach(db, at[0], id, Picture.Slot.THUMBNAIL);
        }
        if (at[1] != null && at[1] != visit) {
            detach(db, at[1], id, Picture.Slot.VISIT);
        }
    }

    private void detach(Connection db, Picture p, long id, Picture.Slot slot) throws SQLException {
        if (readsFrom(p, id, slot)) {
            byte[] bytes = VisitorRows.readPicture(db, id, slot);
            if (bytes != null) {
                p.keep(bytes);
            }
        }
    }

    /**
     * The bytes at a stored picture's place, read now with the {@link PictureReader}'s connection,
     * not under the store's lock (so not waiting for a save to commit); null if the visitor or its
     * picture is gone or cannot be read (also when the database file was moved or deleted after
     * the store closed).
     *
     * <p>The read sees the last committed state. A save that writes over or deletes the row first
     * gives the handles reading it their bytes ({@link #vacate}), before its commit; so if the
     * handle still has the place it had before the read, the read was of its own picture, and if
     * not, the handle is asked again.
     */
    private byte[] read(Picture picture) {
        Picture.Place where = picture.place();
        if (where == null) {
            return picture.inMemory() ? picture.jpeg() : null;
        }
        if (where.source() != source) {
            return where.source().read(picture);
        }
        byte[] bytes;
        try {
            bytes = reader.read(where.visitorId(), VisitorRows.column(where.slot()));
        } catch (SQLException e) {
            LOG.warn("visitor store {}: cannot read the picture of visitor {}: {}", file, where.visitorId(),
                    e.getMessage());
            return null;
        }
        return picture.place() == where ? bytes : picture.jpeg();
    }

    /**
     * Writes the visitor's two pictures: bytes from memory, a picture already in the visitor's own
     * row copied from its column in the same statement (a new visit makes the visit's picture the
     * thumbnail), any other read first.
     */
    void write(Connection db, Visitor v) throws SQLException {
        String thumbnail = value(v.thumbnail(), v.id());
        String visit = v.visit() == null ? "NULL" : value(v.visit(), v.id());
        try (PreparedStatement q = db.prepareStatement(
                "UPDATE visitors SET thumbnail = " + thumbnail + ", visit_thumbnail = " + visit + " WHERE id = ?")) {
            int i = 1;
            if (thumbnail.equals("?")) {
                q.setBytes(i++, v.thumbnailJpeg());
            }
            if (visit.equals("?")) {
                q.setBytes(i++, v.visitJpeg());
            }
            q.setLong(i, v.id());
            q.executeUpdate();
        }
    }

    /** The SQL value of a picture to write in visitor {@code id}'s row: a column of that row, or a parameter. */
    private String value(Picture p, long id) {
        Picture.Place where = p.place();
        if (!p.inMemory() && where != null && where.source() == source && where.visitorId() == id) {
            return VisitorRows.column(where.slot());
        }
        return "?";
    }
}
