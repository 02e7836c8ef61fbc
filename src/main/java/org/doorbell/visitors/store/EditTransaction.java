package org.doorbell.visitors.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.doorbell.visitors.StoreException;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorStore;

/**
 * One owner correction in progress, inside its write transaction ({@link EditLog#edit}): what it
 * puts is written whole and marked with its edit number, what it removes is deleted and its id
 * recorded as forgotten, and the visitors whose "not the same person" links change with them are
 * marked too.
 */
final class EditTransaction implements VisitorStore.Transaction {
    private final Connection db;
    private final Path file;
    private final EditLog log;
    private final StoredPictures pictures;
    /** This edit's number. */
    long seq;

    EditTransaction(Connection db, Path file, EditLog log, StoredPictures pictures) {
        this.db = db;
        this.file = file;
        this.log = log;
        this.pictures = pictures;
    }

    @Override
    public Optional<Visitor> find(long id) throws IOException {
        try {
            return VisitorRows.read(db, file, StoreSchema.VERSION, "id = ?", id, new HashMap<>(), null).stream()
                    .findFirst();
        } catch (SQLException e) {
            throw StoreErrors.failed("read", file, e);
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void put(Visitor v) throws IOException {
        try {
            pictures.vacate(db, v.id(), v.thumbnail(), v.visit());
            try (PreparedStatement q = db.prepareStatement(VisitorRows.PUT)) {
                VisitorRows.bindRow(q, v);
                q.setLong(12, seq);
                q.executeUpdate();
            }
            VisitorRows.writeGallery(db, v);
            try (PreparedStatement q = db.prepareStatement("DELETE FROM forgotten WHERE id = ?")) {
                q.setLong(1, v.id());
                q.executeUpdate();
            }
            // the links of v, and the visitors at their other end, which change with them
            Set<Long> touched = linked(v.id());
            touched.addAll(v.notSame());
            try (PreparedStatement q = db.prepareStatement("DELETE FROM not_same WHERE a = ? OR b = ?")) {
                q.setLong(1, v.id());
                q.setLong(2, v.id());
                q.executeUpdate();
            }
            try (PreparedStatement q = db.prepareStatement("INSERT OR IGNORE INTO not_same (a, b)"
                    + " SELECT ?, ? WHERE EXISTS (SELECT 1 FROM visitors WHERE id = ?)")) {
                for (long other : v.notSame()) {
                    if (other != v.id()) {
                        q.setLong(1, Math.min(other, v.id()));
                        q.setLong(2, Math.max(other, v.id()));
                        q.setLong(3, other);
                        q.executeUpdate();
                    }
                }
            }
            touched.remove(v.id());
            touch(touched);
        } catch (SQLException e) {
            throw StoreErrors.failed("write", file, e);
        }
    }

    @Override
    public boolean remove(long id) throws IOException {
        try {
            pictures.vacate(db, id, null, null);
            Set<Long> touched = linked(id);
            boolean found;
            try (PreparedStatement links = db.prepareStatement("DELETE FROM not_same WHERE a = ? OR b = ?");
                 PreparedStatement samples = db.prepareStatement("DELETE FROM samples WHERE visitor_id = ?");
                 PreparedStatement visitor = db.prepareStatement("DELETE FROM visitors WHERE id = ?");
                 PreparedStatement forgotten = db.prepareStatement("INSERT INTO forgotten (id, seq) VALUES (?, ?)"
                         + " ON CONFLICT (id) DO UPDATE SET seq = excluded.seq")) {
                links.setLong(1, id);
                links.setLong(2, id);
                links.executeUpdate();
                samples.setLong(1, id);
                samples.executeUpdate();
                visitor.setLong(1, id);
                found = visitor.executeUpdate() > 0;
                if (found) {
                    forgotten.setLong(1, id);
                    forgotten.setLong(2, seq);
                    forgotten.executeUpdate();
                }
            }
            touched.remove(id);
            touch(touched);
            return found;
        } catch (SQLException e) {
            throw StoreErrors.failed("delete a visitor from", file, e);
        }
    }

    @Override
    public long newId() throws IOException {
        try {
            return log.takeId(db);
        } catch (SQLException e) {
            throw StoreErrors.failed("write", file, e);
        }
    }

    /** The visitors at the other end of a visitor's "not the same" links. */
    private Set<Long> linked(long id) throws SQLException {
        Set<Long> out = new HashSet<>();
        try (PreparedStatement q = db.prepareStatement("SELECT a + b - ? FROM not_same WHERE a = ? OR b = ?")) {
            q.setLong(1, id);
            q.setLong(2, id);
            q.setLong(3, id);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.add(r.getLong(1));
                }
            }
        }
        return out;
    }

    /** Marks visitors as changed by this edit (their links changed). */
    private void touch(Set<Long> ids) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("UPDATE visitors SET edit_rev = ? WHERE id = ?")) {
            for (long other : ids) {
                q.setLong(1, seq);
                q.setLong(2, other);
                q.executeUpdate();
            }
        }
    }
}
