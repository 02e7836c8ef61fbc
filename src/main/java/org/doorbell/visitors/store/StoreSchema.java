package org.doorbell.visitors.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.doorbell.visitors.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The visitor store's schema: creating it, checking a database against it and upgrading an older
 * one.
 *
 * <h2>Schema, version 2</h2>
 * {@code PRAGMA user_version} is the schema version. Times are epoch milliseconds (UTC).
 * <pre>
 * meta      key TEXT PRIMARY KEY, value TEXT NOT NULL
 *             'face_model': the id of the face model that produced the encodings
 *             'edit_seq':   the number of the last edit (absent: 0)
 *             'next_id':    the lowest visitor id not yet given (absent: past every id stored or forgotten)
 * visitors  id                INTEGER PRIMARY KEY CHECK (id &gt; 0) (1, 2, 3, ... never reused)
 *           name              TEXT, NULL when the owner gave none
 *           first_seen        INTEGER NOT NULL
 *           last_seen         INTEGER NOT NULL
 *           visit_start       INTEGER NOT NULL  (first seen this interaction)
 *           visits            INTEGER NOT NULL
 *           seen_frames       INTEGER NOT NULL
 *           thumbnail_quality REAL NOT NULL     (0: unknown)
 *           thumbnail         BLOB NOT NULL     (JPEG)
 *           visit_thumbnail   BLOB              (JPEG: the best view of the current visit; NULL: none)
 *           visit_quality     REAL NOT NULL DEFAULT 0
 *           edit_rev          INTEGER NOT NULL DEFAULT 0  (the edit that last wrote the row; 0: none)
 *           INDEX visitors_edit_rev (edit_rev)
 * samples   visitor_id        INTEGER NOT NULL REFERENCES visitors(id) ON DELETE CASCADE
 *           position          INTEGER NOT NULL CHECK (position &gt;= 0)  (0: the registration encoding, then best first)
 *           encoding          BLOB NOT NULL     (128 IEEE-754 doubles, big-endian: 1024 bytes)
 *           quality           REAL NOT NULL
 *           seen_at           INTEGER NOT NULL
 *           PRIMARY KEY (visitor_id, position)
 * forgotten id                INTEGER PRIMARY KEY  (a visitor deleted: its id is never given again)
 *           seq               INTEGER NOT NULL     (the edit that deleted it)
 * not_same  a, b              INTEGER NOT NULL REFERENCES visitors(id) ON DELETE CASCADE
 *           PRIMARY KEY (a, b), CHECK (a &lt; b)  (the owner said these two are not the same person)
 * </pre>
 * Version 1 had the {@code meta}, {@code samples} and {@code visitors} tables without the
 * visitors' last three columns; it is upgraded to version 2 in one transaction when opened.
 * Encodings from different face models are not comparable, so a database made with another model
 * id is refused like a damaged one.
 */
final class StoreSchema {
    /** Schema version written to {@code PRAGMA user_version}. */
    static final int VERSION = 2;

    /** Logged under the store's name. */
    private static final Logger LOG = LoggerFactory.getLogger(SqliteVisitorStore.class);

    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE visitors (id INTEGER PRIMARY KEY CHECK (id > 0), name TEXT,"
                    + " first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, visit_start INTEGER NOT NULL,"
                    + " visits INTEGER NOT NULL, seen_frames INTEGER NOT NULL, thumbnail_quality REAL NOT NULL,"
                    + " thumbnail BLOB NOT NULL)",
            "CREATE TABLE samples (visitor_id INTEGER NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,"
                    + " position INTEGER NOT NULL CHECK (position >= 0),"
                    + " encoding BLOB NOT NULL CHECK (length(encoding) = " + VisitorRows.ENCODING_BYTES + "),"
                    + " quality REAL NOT NULL, seen_at INTEGER NOT NULL, PRIMARY KEY (visitor_id, position))");
    /** From schema version 1 to 2: the current visit's picture, edits, forgotten ids, "not the same" links. */
    private static final List<String> UPGRADE_2 = List.of(
            "ALTER TABLE visitors ADD COLUMN visit_thumbnail BLOB",
            "ALTER TABLE visitors ADD COLUMN visit_quality REAL NOT NULL DEFAULT 0",
            "ALTER TABLE visitors ADD COLUMN edit_rev INTEGER NOT NULL DEFAULT 0",
            "CREATE INDEX visitors_edit_rev ON visitors (edit_rev)",
            "CREATE TABLE forgotten (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL)",
            "CREATE TABLE not_same (a INTEGER NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,"
                    + " b INTEGER NOT NULL REFERENCES visitors(id) ON DELETE CASCADE, PRIMARY KEY (a, b), CHECK (a < b))");
    private static final Map<String, List<String>> COLUMNS_1 = Map.of(
            "meta", List.of("key", "value"),
            "visitors", List.of("id", "name", "first_seen", "last_seen", "visit_start", "visits", "seen_frames",
                    "thumbnail_quality", "thumbnail"),
            "samples", List.of("visitor_id", "position", "encoding", "quality", "seen_at"));
    private static final Map<String, List<String>> COLUMNS = Map.of(
            "meta", List.of("key", "value"),
            "visitors", List.of("id", "name", "first_seen", "last_seen", "visit_start", "visits", "seen_frames",
                    "thumbnail_quality", "thumbnail", "visit_thumbnail", "visit_quality", "edit_rev"),
            "samples", List.of("visitor_id", "position", "encoding", "quality", "seen_at"),
            "forgotten", List.of("id", "seq"),
            "not_same", List.of("a", "b"));

    private StoreSchema() {
    }

    /**
     * Creates the schema of this version in a new database, records the face model and runs
     * {@code fill} (the import of a format-1 file), all in one transaction.
     */
    static void create(Connection db, String modelId, Transactions.Work fill) throws SQLException {
        Transactions.write(db, () -> {
            try (Statement s = db.createStatement()) {
                for (String table : SCHEMA) {
                    s.execute(table);
                }
                for (String step : UPGRADE_2) {
                    s.execute(step);
                }
                s.execute("PRAGMA user_version = " + VERSION);
            }
            try (PreparedStatement meta = db.prepareStatement("INSERT INTO meta (key, value) VALUES ('face_model', ?)")) {
                meta.setString(1, modelId);
                meta.executeUpdate();
            }
            fill.run();
        });
    }

    /** True for a database without any table yet (a new, empty file). */
    static boolean isBlank(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            r.next();
            return r.getInt(1) == 0 && userVersion(s) == 0;
        }
    }

    private static int userVersion(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("PRAGMA user_version")) {
            r.next();
            return r.getInt(1);
        }
    }

    /**
     * Schema version, tables, face model (unless null) and {@code quick_check}.
     *
     * @return the schema version (1 or 2)
     * @throws StoreException the database is not a visitor store this program reads
     */
    static int check(Connection db, Path file, String modelId) throws SQLException, StoreException {
        try (Statement s = db.createStatement()) {
            int version = userVersion(s);
            if (version > VERSION) {
                throw new StoreException("visitor store " + file + " has schema version " + version
                        + ", which this program cannot read (it reads version " + VERSION + ")");
            }
            if (version != VERSION && version != 1) {
                throw new StoreException(file + " is not a visitor store (an SQLite database of another kind,"
                        + " user_version " + version + ")");
            }
            for (Map.Entry<String, List<String>> table : (version == 1 ? COLUMNS_1 : COLUMNS).entrySet()) {
                List<String> columns = new ArrayList<>();
                try (ResultSet r = s.executeQuery("PRAGMA table_info(" + table.getKey() + ")")) {
                    while (r.next()) {
                        columns.add(r.getString("name"));
                    }
                }
                if (!columns.equals(table.getValue())) {
                    throw new StoreException(file + " is not a visitor store (table " + table.getKey()
                            + (columns.isEmpty() ? " is missing)" : " has columns " + columns + ")"));
                }
            }
            String stored;
            try (ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'face_model'")) {
                stored = r.next() ? r.getString(1) : null;
            }
            if (stored == null) {
                throw new StoreException("visitor store " + file + " is damaged (no face model recorded)");
            }
            if (modelId != null && !modelId.equals(stored)) {
                throw new StoreException("visitor store " + file + " holds encodings of face model '" + stored
                        + "', not of the current model '" + modelId + "'");
            }
            try (ResultSet r = s.executeQuery("PRAGMA quick_check")) {
                String result = r.next() ? r.getString(1) : "no result";
                if (!"ok".equals(result)) {
                    throw new StoreException("visitor store " + file + " is damaged (quick_check: " + result + ")");
                }
            }
            return version;
        }
    }

    /** Brings a database of an older schema version to this one, in one transaction. */
    static void upgrade(Connection db, Path file, int from) throws SQLException {
        Transactions.write(db, () -> {
            try (Statement s = db.createStatement()) {
                for (String step : UPGRADE_2) {
                    s.execute(step);
                }
                s.execute("PRAGMA user_version = " + VERSION);
            }
        });
        LOG.info("visitor store {}: upgraded from schema version {} to {}", file, from, VERSION);
    }

    /** Switches the database to WAL mode, which the store needs (see {@link SqliteVisitorStore}). */
    static void enableWal(Connection db, Path file) throws SQLException, IOException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("PRAGMA journal_mode = WAL")) {
            String mode = r.next() ? r.getString(1) : "?";
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new IOException("cannot use the visitor store " + file + ": SQLite could not switch it to WAL mode"
                        + " (journal mode " + mode + ")");
            }
        }
    }
}
