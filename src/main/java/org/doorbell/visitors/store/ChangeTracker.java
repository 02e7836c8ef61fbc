package org.doorbell.visitors.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.doorbell.visitors.Picture;
import org.doorbell.visitors.StoreException;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link SqliteVisitorStore} last read or wrote of each visitor, so that a save writes only
 * what changed: a visitor whose times or counters changed costs one small row update, and the
 * gallery and pictures are rewritten only when they changed. A routine save never writes over an
 * owner's edit: it updates a row only while the row's edit number is the one this store last
 * read, and inserts a visitor only if its id is neither taken nor forgotten. When another process
 * wrote the database ({@code PRAGMA data_version}), every visitor is compared with nothing.
 * Not thread-safe: used under the store's lock.
 */
final class ChangeTracker {
    /** Logged under the store's name. */
    private static final Logger LOG = LoggerFactory.getLogger(SqliteVisitorStore.class);

    private final Path file;
    private final StoredPictures pictures;
    /** {@code PRAGMA data_version} as of this store's last read or write. */
    private long dataVersion;
    /** What this store last read or wrote of each visitor, so that saves write only changes. */
    private final Map<Long, Visitor> written = new HashMap<>();
    /** The edit number of each visitor's row as this store last read or wrote it. */
    private final Map<Long, Long> revs = new HashMap<>();

    ChangeTracker(Path file, StoredPictures pictures) {
        this.file = file;
        this.pictures = pictures;
    }

    /** The edit numbers, for reads that record them ({@link VisitorRows#read}). */
    Map<Long, Long> revs() {
        return revs;
    }

    /** Every visitor, with their edit numbers recorded. */
    List<Visitor> readAll(Connection db) throws SQLException, StoreException {
        revs.clear();
        return VisitorRows.readAll(db, file, StoreSchema.VERSION, revs, pictures.source());
    }

    /** The visitors just read are as stored now. */
    List<Visitor> remember(Connection db, List<Visitor> visitors) throws IOException {
        written.clear();
        pictures.clear();
        for (Visitor v : visitors) {
            written.put(v.id(), v);
        }
        pictures.occupy(visitors);
        try {
            dataVersion = dataVersion(db);
        } catch (SQLException e) {
            throw StoreErrors.failed("read", file, e);
        }
        return visitors;
    }

    /** Edited visitors are as stored now; removed ones are gone. */
    void remember(VisitorStore.Edits edits) {
        for (Visitor v : edits.changed()) {
            written.put(v.id(), v);
            pictures.occupy(v);
        }
        for (long id : edits.removed()) {
            written.remove(id);
            revs.remove(id);
            pictures.forget(id);
        }
    }

    /** The store closes: nothing is known to be stored any more. */
    void clear() {
        written.clear();
        pictures.clear();
    }

    /**
     * Writes what changed of the visitors in one transaction (none if nothing changed). If it rolls
     * back (a full disk), the edit numbers are put back: a visitor inserted by the failed save is
     * not stored, and the next save inserts it again.
     */
    void save(Connection db, Collection<Visitor> visitors) throws SQLException {
        if (dataVersion(db) == dataVersion
                && visitors.stream().allMatch(v -> v.sameStored(written.get(v.id())))) {
            return;  // nothing changed: no transaction, nothing written
        }
        Map<Long, Visitor> done = new LinkedHashMap<>();
        // the edit numbers as they were, to put back if the transaction rolls back (a full disk):
        // a visitor inserted by a failed save is not stored, and the next save must insert it again
        Map<Long, Long> revsBefore = new HashMap<>();
        for (Visitor v : visitors) {
            revsBefore.put(v.id(), revs.get(v.id()));
        }
        try {
            Transactions.write(db, () -> {
                boolean outsideWrites = dataVersion(db) != dataVersion;
                for (Visitor v : visitors) {
                    Visitor before = outsideWrites ? null : written.get(v.id());
                    if ((before == null || !before.sameStored(v)) && write(db, v, before)) {
                        done.put(v.id(), v);
                    }
                }
            });
        } catch (SQLException | RuntimeException e) {
            revsBefore.forEach((id, rev) -> {
                if (rev == null) {
                    revs.remove(id);
                } else {
                    revs.put(id, rev);
                }
            });
            throw e;
        }
        if (dataVersion(db) != dataVersion) {
            written.clear();  // another process wrote: compare with nothing next time
        }
        written.putAll(done);
        for (Visitor v : done.values()) {
            pictures.placed(v);
            pictures.occupy(v);
        }
        dataVersion = dataVersion(db);
    }

    /** Inserts a visitor not stored yet (not an edit); false if its id is taken or was forgotten. */
    boolean insert(Connection db, Visitor v) throws SQLException {
        try (PreparedStatement forgotten = db.prepareStatement("SELECT 1 FROM forgotten WHERE id = ?")) {
            forgotten.setLong(1, v.id());
            try (ResultSet r = forgotten.executeQuery()) {
                if (r.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement q = db.prepareStatement(VisitorRows.INSERT)) {
            VisitorRows.bindRow(q, v);
            q.setLong(12, 0);
            if (q.executeUpdate() == 0) {
                return false;
            }
        }
        VisitorRows.writeGallery(db, v);
        revs.put(v.id(), 0L);
        return true;
    }

    /**
     * A routine write of what differs from {@code before} (the whole row if null): only if no edit
     * changed or removed the row since this store read it, and a visitor new to the store only if
     * its id is free. Links are the edits' business and are not written here.
     *
     * @return whether it was written
     */
    private boolean write(Connection db, Visitor v, Visitor before) throws SQLException {
        Long rev = revs.get(v.id());
        if (rev == null) {
            boolean inserted = insert(db, v);
            if (!inserted) {
                LOG.debug("visitor {} not saved: its id is taken or was forgotten", v.id());
            }
            return inserted;
        }
        if (!VisitorRows.updateRow(db, v, rev)) {
            LOG.debug("visitor {} not saved: edited or forgotten meanwhile", v.id());
            return false;
        }
        if (before == null || !Picture.sameRef(before.thumbnail(), v.thumbnail())
                || !Picture.sameRef(before.visit(), v.visit())) {
            pictures.vacate(db, v.id(), v.thumbnail(), v.visit());
            pictures.write(db, v);
        }
        if (before == null || !before.samples().equals(v.samples())) {
            VisitorRows.writeGallery(db, v);
        }
        return true;
    }

    /** {@code PRAGMA data_version}: changes when another connection commits. */
    static long dataVersion(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("PRAGMA data_version")) {
            r.next();
            return r.getLong(1);
        }
    }
}
