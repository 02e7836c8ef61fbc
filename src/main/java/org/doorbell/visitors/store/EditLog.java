package org.doorbell.visitors.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.doorbell.visitors.StoreException;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorStore;

/**
 * The owner's edits in the visitor store and its visitor ids. Each edit is numbered
 * ({@code meta 'edit_seq'}); the rows it writes carry its number ({@code edit_rev}) and the ids it
 * removes are recorded with it ({@code forgotten}), so that anyone can ask for the edits after a
 * number ({@link #editsSince}). New ids come from a counter in the store ({@code meta 'next_id'}),
 * past every id stored or forgotten, each taken in a committed transaction so that no two
 * processes and no two runs ever give the same one.
 */
final class EditLog {
    private final Path file;
    private final ChangeTracker changes;
    private final StoredPictures pictures;

    EditLog(Path file, ChangeTracker changes, StoredPictures pictures) {
        this.file = file;
        this.changes = changes;
        this.pictures = pictures;
    }

    /**
     * Runs one owner correction as one write transaction with the next edit number.
     *
     * @return what it changed and removed, as stored after it
     */
    VisitorStore.Edits edit(Connection db, VisitorStore.Edit work) throws IOException {
        EditTransaction tx = new EditTransaction(db, file, this, pictures);
        VisitorStore.Edits[] result = {null};
        try {
            Transactions.write(db, () -> {
                tx.seq = metaLong(db, "edit_seq") + 1;
                try {
                    work.apply(tx);
                } catch (IOException e) {
                    throw new SQLException(e.getMessage(), e);
                }
                setMeta(db, "edit_seq", tx.seq);
                result[0] = editsSinceInTransaction(db, tx.seq - 1);
            });
        } catch (SQLException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw StoreErrors.failed("change", file, e);
        }
        return result[0];
    }

    /** The edits after {@code seq}, read in one transaction and given to {@code remember} within it. */
    VisitorStore.Edits editsSince(Connection db, long seq, Consumer<VisitorStore.Edits> remember)
            throws IOException {
        try (Statement s = db.createStatement()) {
            s.execute("BEGIN");
            try {
                VisitorStore.Edits edits = editsSinceInTransaction(db, seq);
                remember.accept(edits);
                return edits;
            } finally {
                s.execute("COMMIT");
            }
        } catch (SQLException e) {
            throw StoreErrors.failed("read", file, e);
        }
    }

    /** A new visitor id, taken in a transaction of its own (committed: on disk when it returns). */
    long newId(Connection db) throws IOException {
        long[] id = {0};
        try {
            Transactions.write(db, () -> id[0] = takeId(db));
        } catch (SQLException e) {
            throw StoreErrors.failed("write", file, e);
        }
        return id[0];
    }

    private VisitorStore.Edits editsSinceInTransaction(Connection db, long seq) throws SQLException {
        Set<Long> removed = new HashSet<>();
        try (PreparedStatement q = db.prepareStatement("SELECT id FROM forgotten WHERE seq > ?")) {
            q.setLong(1, seq);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    removed.add(r.getLong(1));
                }
            }
        }
        List<Visitor> changed;
        try {
            changed = VisitorRows.read(db, file, StoreSchema.VERSION, "edit_rev > ?", seq, changes.revs(),
                    pictures.source());
        } catch (StoreException e) {
            throw new SQLException(e.getMessage(), e);
        }
        return new VisitorStore.Edits(Math.max(seq, metaLong(db, "edit_seq")), changed, removed);
    }

    /** The next visitor id: past every id stored, forgotten or given before. Inside a write transaction. */
    long takeId(Connection db) throws SQLException {
        long next = metaLong(db, "next_id");
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT max(coalesce((SELECT max(id) FROM visitors), 0),"
                     + " coalesce((SELECT max(id) FROM forgotten), 0))")) {
            r.next();
            next = Math.max(next, r.getLong(1) + 1);
        }
        setMeta(db, "next_id", next + 1);
        return next;
    }

    private static long metaLong(Connection db, String key) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            q.setString(1, key);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Long.parseLong(r.getString(1)) : 0;
            }
        }
    }

    private static void setMeta(Connection db, String key, long value) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            q.setString(1, key);
            q.setString(2, Long.toString(value));
            q.executeUpdate();
        }
    }
}
