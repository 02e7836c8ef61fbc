package org.doorbell.visitors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.doorbell.face.FaceEncoding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The visitor store: one SQLite database, {@code known_faces.db}, in which every save is one
 * transaction committed before {@link #save} returns.
 *
 * <h2>Schema, version 1</h2>
 * {@code PRAGMA user_version} is the schema version. Times are epoch milliseconds (UTC).
 * <pre>
 * meta      key TEXT PRIMARY KEY, value TEXT NOT NULL
 *             'face_model': the id of the face model that produced the encodings
 * visitors  id                INTEGER PRIMARY KEY (1, 2, 3, ... never reused by the registry)
 *           name              TEXT, NULL when the owner gave none
 *           first_seen        INTEGER NOT NULL
 *           last_seen         INTEGER NOT NULL
 *           visit_start       INTEGER NOT NULL  (first seen this interaction)
 *           visits            INTEGER NOT NULL
 *           seen_frames       INTEGER NOT NULL
 *           thumbnail_quality REAL NOT NULL     (0: unknown)
 *           thumbnail         BLOB NOT NULL     (JPEG)
 * samples   visitor_id        INTEGER NOT NULL REFERENCES visitors(id) ON DELETE CASCADE
 *           position          INTEGER NOT NULL  (0: the registration encoding, then best first)
 *           encoding          BLOB NOT NULL     (128 IEEE-754 doubles, big-endian: 1024 bytes)
 *           quality           REAL NOT NULL
 *           seen_at           INTEGER NOT NULL
 *           PRIMARY KEY (visitor_id, position)
 * </pre>
 * Encodings from different face models are not comparable, so a database made with another model
 * id is refused like a damaged one.
 *
 * <h2>Durability and sharing</h2>
 * The database is in WAL mode with {@code synchronous=FULL}: a commit is on disk when
 * {@link #save} returns, and a kill or power cut at any instant keeps every committed change.
 * Other processes may read it at any time (each read sees one committed state) and may write it
 * ({@code busy_timeout} 5 s); {@link #externalVersion} tells when they did. {@code secure_delete}
 * is on, so deleted visitors and replaced encodings or photos are overwritten in the file, and
 * {@link #delete} checkpoints and truncates the WAL file so they are not left there either.
 * {@link #save} writes only what changed since this store last read or wrote a visitor: a visitor
 * whose times or counters changed costs one small row update, and the gallery and thumbnail are
 * rewritten only when they changed.
 *
 * <h2>Pictures</h2>
 * {@link #load} and {@link #editsSince} give visitors whose pictures are {@link Picture} handles
 * on their row, read by the visitor's id when asked for, on a connection beside the store's
 * ({@link PictureReader}: in WAL mode such a read sees the last commit and never waits for a save
 * or a correction being written; once the store is closed, each read opens one for itself); the
 * heap holds no picture of a loaded visitor. A save writes the pictures it
 * is given and, once committed, makes them read from the row too, dropping their bytes. Before a
 * row's pictures are written over or the row is deleted, every handle this store gave out on it
 * that does not stay in place reads its picture into memory, so a handle never shows another
 * picture. A correction's {@link Transaction#find} reads pictures whole. (A change committed by
 * another process cannot do this for this store's handles: their visitors come back edited from
 * {@link #editsSince}.)
 *
 * <h2>Files</h2>
 * The database and the folders this store creates are owner-only (0600, 0700) where the file
 * system has POSIX permissions; SQLite gives the {@code -wal} and {@code -shm} files the
 * database's permissions. Deleting the database (with its {@code -wal} and {@code -shm}) while no
 * one has it open resets the store.
 *
 * <h2>Unreadable databases</h2>
 * At open, a file that is not an SQLite database, an SQLite database without this schema, one
 * failing {@code PRAGMA quick_check}, one of a newer schema version or one made with another face
 * model is moved aside with its {@code -wal} and {@code -shm} to
 * {@code <name>.corrupt-<yyyyMMdd-HHmmss>} (UTC; {@code -1}, {@code -2}, ... added if taken), one
 * warning is logged and the store starts empty. A file that cannot be opened for another reason
 * (permissions, a folder) is left as it is and {@link #load} throws an {@link IOException}.
 *
 * <h2>Import of the format-1 file</h2>
 * When the database has no schema yet, a format-1 file ({@link LegacyVisitorFile}) is imported in
 * the transaction that creates the schema, then renamed {@code <name>.imported-<yyyyMMdd-HHmmss>}
 * (never deleted) and one INFO line logged. That file is {@code known_faces.dat} beside
 * {@code known_faces.db} (a database path ending in {@code .db}, the same name with {@code .dat});
 * when the path given to the store ends in {@code .dat} and is not an SQLite database itself, it
 * is taken as that file and the database is the same path with {@code .db} ({@link #path}). A
 * damaged format-1 file is moved aside as {@code <name>.corrupt-...} with one warning.
 */
public final class SqliteVisitorStore implements VisitorStore {
    /** Schema version written to {@code PRAGMA user_version}. */
    public static final int SCHEMA_VERSION = 2;

    static final int BUSY_TIMEOUT_MS = 5000;
    private static final Logger LOG = LoggerFactory.getLogger(SqliteVisitorStore.class);
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final String[] COMPANIONS = {"-wal", "-shm", "-journal"};
    private static final int ENCODING_BYTES = FaceEncoding.DIMENSIONS * Double.BYTES;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;
    private static final int SQLITE_FULL = 13;
    /** SQLITE_IOERR_SHMSIZE, an extended code: no room to grow the WAL index's shared-memory file. */
    private static final int SQLITE_IOERR_SHMSIZE = 10 | (19 << 8);

    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE visitors (id INTEGER PRIMARY KEY CHECK (id > 0), name TEXT,"
                    + " first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, visit_start INTEGER NOT NULL,"
                    + " visits INTEGER NOT NULL, seen_frames INTEGER NOT NULL, thumbnail_quality REAL NOT NULL,"
                    + " thumbnail BLOB NOT NULL)",
            "CREATE TABLE samples (visitor_id INTEGER NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,"
                    + " position INTEGER NOT NULL CHECK (position >= 0),"
                    + " encoding BLOB NOT NULL CHECK (length(encoding) = " + ENCODING_BYTES + "),"
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

    private static final String ROW_COLUMNS = "name = ?, first_seen = ?, last_seen = ?, visit_start = ?, visits = ?,"
            + " seen_frames = ?, thumbnail_quality = ?, visit_quality = ?";
    private static final String INSERT = "INSERT INTO visitors (id, name, first_seen, last_seen, visit_start, visits,"
            + " seen_frames, thumbnail_quality, visit_quality, thumbnail, visit_thumbnail, edit_rev)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    /** A routine update: only if no edit changed the row since this store read it. */
    private static final String UPDATE_ROW = "UPDATE visitors SET " + ROW_COLUMNS + " WHERE id = ? AND edit_rev = ?";
    /** An edit: the whole row, marked with the edit's number. */
    private static final String PUT = "INSERT INTO visitors (id, name, first_seen, last_seen, visit_start, visits,"
            + " seen_frames, thumbnail_quality, visit_quality, thumbnail, visit_thumbnail, edit_rev)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
            + " first_seen = excluded.first_seen, last_seen = excluded.last_seen, visit_start = excluded.visit_start,"
            + " visits = excluded.visits, seen_frames = excluded.seen_frames,"
            + " thumbnail_quality = excluded.thumbnail_quality, visit_quality = excluded.visit_quality,"
            + " thumbnail = excluded.thumbnail, visit_thumbnail = excluded.visit_thumbnail, edit_rev = excluded.edit_rev";
    private static final String SELECT_VISITORS = "SELECT id, name, first_seen, last_seen, visit_start, visits,"
            + " seen_frames, thumbnail_quality, thumbnail, visit_thumbnail, visit_quality, edit_rev FROM visitors";
    private static final String SELECT_VISITORS_1 = "SELECT id, name, first_seen, last_seen, visit_start, visits,"
            + " seen_frames, thumbnail_quality, thumbnail, NULL, 0, 0 FROM visitors";
    /** As {@link #SELECT_VISITORS} without the pictures: only whether there is a picture of the visit. */
    private static final String SELECT_VISITORS_NO_PICTURES = "SELECT id, name, first_seen, last_seen, visit_start,"
            + " visits, seen_frames, thumbnail_quality, NULL, visit_thumbnail IS NOT NULL, visit_quality, edit_rev"
            + " FROM visitors";

    private final Path file;
    /** The format-1 file to import into a new database, or null. */
    private final Path legacy;
    private final String modelId;
    /** Whether opening may create, import or move aside (the appliance), or only edit (the command line). */
    private final boolean repair;

    private Connection db;
    /** {@code PRAGMA data_version} as of this store's last read or write. */
    private long dataVersion;
    /** What this store last read or wrote of each visitor, so that saves write only changes. */
    private final Map<Long, Visitor> written = new HashMap<>();
    /** The edit number of each visitor's row as this store last read or wrote it. */
    private final Map<Long, Long> revs = new HashMap<>();
    /** Where the pictures of the visitors this store loads are read from when needed. */
    private final Picture.Source pictures = this::readPicture;
    /** Reads pictures beside the store's own connection. */
    private final PictureReader reader;
    /**
     * The picture handles that read from each visitor's row, as this store last read or wrote it
     * (thumbnail, visit): before the row's pictures change or the row goes, they are read into
     * memory, so that a handle never reads a picture other than its own.
     */
    private final Map<Long, Picture[]> occupants = new HashMap<>();

    /**
     * Opens nothing yet (see {@link #load}).
     *
     * @param path    the database, or a format-1 {@code .dat} file (see the class description)
     * @param modelId the face model whose encodings this store holds
     */
    SqliteVisitorStore(Path path, String modelId) {
        Path[] files = resolve(path);
        this.file = files[0];
        this.legacy = files[1];
        this.modelId = Objects.requireNonNull(modelId);
        this.repair = true;
        this.reader = new PictureReader(file, () -> connect(file, !Files.isWritable(file)));
    }

    /**
     * A store that only edits an existing database (the command line's corrections): it never
     * creates, imports or moves a file aside; a missing or damaged one is an {@link IOException}.
     *
     * @param modelId the face model the encodings must come from, or null for any
     */
    SqliteVisitorStore(Path path, String modelId, boolean repair) {
        Path[] files = resolve(path);
        this.file = files[0];
        this.legacy = repair ? files[1] : null;
        this.modelId = modelId;
        this.repair = repair;
        this.reader = new PictureReader(file, () -> connect(file, !Files.isWritable(file)));
    }

    /** The database and the format-1 file to import (or null) for a path given to the store. */
    static Path[] resolve(Path given) {
        String name = given.getFileName().toString();
        if (name.endsWith(".dat")) {
            if (Files.isDirectory(given) || isSqlite(given)) {
                return new Path[] {given, null};
            }
            return new Path[] {given.resolveSibling(name.substring(0, name.length() - 4) + ".db"), given};
        }
        if (name.endsWith(".db")) {
            return new Path[] {given, given.resolveSibling(name.substring(0, name.length() - 3) + ".dat")};
        }
        return new Path[] {given, null};
    }

    private static boolean isSqlite(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(SQLITE_MAGIC.length), SQLITE_MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Path path() {
        return file;
    }

    @Override
    public synchronized List<Visitor> load() throws IOException {
        if (db == null) {
            return open();
        }
        try {
            return remember(readAllHere());
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        } catch (SQLException e) {
            throw failed("read", e);
        }
    }

    @Override
    public synchronized void save(Collection<Visitor> visitors) throws IOException {
        ensureOpen();
        try {
            if (currentDataVersion() == dataVersion
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
                inTransaction(() -> {
                    boolean outsideWrites = currentDataVersion() != dataVersion;
                    for (Visitor v : visitors) {
                        Visitor before = outsideWrites ? null : written.get(v.id());
                        if ((before == null || !before.sameStored(v)) && write(v, before)) {
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
            if (currentDataVersion() != dataVersion) {
                written.clear();  // another process wrote: compare with nothing next time
            }
            written.putAll(done);
            for (Visitor v : done.values()) {
                placed(v);
                occupy(v);
            }
            dataVersion = currentDataVersion();
        } catch (SQLException e) {
            throw failed("save", e);
        }
    }

    /** After a commit: the visitor's pictures are read from its row from now on, not kept in memory. */
    private void placed(Visitor v) {
        place(v.thumbnail(), v.id(), Picture.Slot.THUMBNAIL);
        if (v.visit() != null) {
            place(v.visit(), v.id(), Picture.Slot.VISIT);
        }
    }

    private void place(Picture p, long id, Picture.Slot slot) {
        Picture.Place where = new Picture.Place(pictures, id, slot);
        if (!where.equals(p.place()) || p.inMemory()) {
            p.storedAt(where);
        }
    }

    /** Records the visitor's handles that read from its own row. */
    private void occupy(Visitor v) {
        Picture thumbnail = readsFrom(v.thumbnail(), v.id(), Picture.Slot.THUMBNAIL) ? v.thumbnail() : null;
        Picture visit = readsFrom(v.visit(), v.id(), Picture.Slot.VISIT) ? v.visit() : null;
        if (thumbnail == null && visit == null) {
            occupants.remove(v.id());
        } else {
            occupants.put(v.id(), new Picture[] {thumbnail, visit});
        }
    }

    private void occupy(Collection<Visitor> visitors) {
        for (Visitor v : visitors) {
            occupy(v);
        }
    }

    private boolean readsFrom(Picture p, long id, Picture.Slot slot) {
        return p != null && !p.inMemory() && new Picture.Place(pictures, id, slot).equals(p.place());
    }

    /**
     * Before visitor {@code id}'s pictures are written over or deleted: the handles that read them
     * now, other than those written back to the same place, read them into memory.
     */
    private void vacate(long id, Picture thumbnail, Picture visit) throws SQLException {
        Picture[] at = occupants.get(id);
        if (at == null) {
            return;
        }
        if (at[0] != null && at[0] != thumbnail) {
            detach(at[0], id, Picture.Slot.THUMBNAIL);
        }
        if (at[1] != null && at[1] != visit) {
            detach(at[1], id, Picture.Slot.VISIT);
        }
    }

    private void detach(Picture p, long id, Picture.Slot slot) throws SQLException {
        if (readsFrom(p, id, slot)) {
            byte[] bytes = readBlob(db, "SELECT " + column(slot) + " FROM visitors WHERE id = ?", id);
            if (bytes != null) {
                p.keep(bytes);
            }
        }
    }

    /**
     * The bytes at a stored picture's place, read now with the {@link PictureReader}'s connection,
     * not under this store's lock (so not waiting for a save to commit); null if the visitor or its
     * picture is gone or cannot be read (also when the database file was moved or deleted after
     * this store closed).
     *
     * <p>The read sees the last committed state. A save that writes over or deletes the row first
     * gives the handles reading it their bytes ({@link #vacate}), before its commit; so if the
     * handle still has the place it had before the read, the read was of its own picture, and if
     * not, the handle is asked again.
     */
    private byte[] readPicture(Picture picture) {
        Picture.Place where = picture.place();
        if (where == null) {
            return picture.inMemory() ? picture.jpeg() : null;
        }
        if (where.source() != pictures) {
            return where.source().read(picture);
        }
        byte[] bytes;
        try {
            bytes = reader.read(where.visitorId(), column(where.slot()));
        } catch (SQLException e) {
            LOG.warn("visitor store {}: cannot read the picture of visitor {}: {}", file, where.visitorId(),
                    e.getMessage());
            return null;
        }
        return picture.place() == where ? bytes : picture.jpeg();
    }

    private static byte[] readBlob(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setLong(1, id);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getBytes(1) : null;
            }
        }
    }

    private static String column(Picture.Slot slot) {
        return slot == Picture.Slot.THUMBNAIL ? "thumbnail" : "visit_thumbnail";
    }

    @Override
    public synchronized boolean delete(long id) throws IOException {
        boolean[] found = {false};
        edit(tx -> found[0] = tx.remove(id));
        return found[0];
    }

    @Override
    public synchronized Edits edit(Edit work) throws IOException {
        ensureOpen();
        SqlTransaction tx = new SqlTransaction();
        try {
            inTransaction(() -> {
                tx.seq = metaLong("edit_seq") + 1;
                try {
                    work.apply(tx);
                } catch (IOException e) {
                    throw new SQLException(e.getMessage(), e);
                }
                setMeta("edit_seq", tx.seq);
                tx.result = editsSinceInTransaction(tx.seq - 1);
            });
        } catch (SQLException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw failed("change", e);
        }
        remember(tx.result);
        if (!tx.result.removed().isEmpty()) {
            try {
                checkpoint();
            } catch (SQLException e) {
                LOG.warn("visitor store {}: could not empty the WAL file after a delete: {}", file, e.getMessage());
            }
        }
        return tx.result;
    }

    @Override
    public synchronized Edits editsSince(long seq) throws IOException {
        ensureOpen();
        try (Statement s = db.createStatement()) {
            s.execute("BEGIN");
            try {
                Edits edits = editsSinceInTransaction(seq);
                remember(edits);
                return edits;
            } finally {
                s.execute("COMMIT");
            }
        } catch (SQLException e) {
            throw failed("read", e);
        }
    }

    @Override
    public synchronized long newId() throws IOException {
        ensureOpen();
        long[] id = {0};
        try {
            inTransaction(() -> id[0] = takeId());
        } catch (SQLException e) {
            throw failed("write", e);
        }
        return id[0];
    }

    /** Edited visitors are as stored now; removed ones are gone. */
    private void remember(Edits edits) {
        for (Visitor v : edits.changed()) {
            written.put(v.id(), v);
            occupy(v);
        }
        for (long id : edits.removed()) {
            written.remove(id);
            revs.remove(id);
            occupants.remove(id);
        }
    }

    private Edits editsSinceInTransaction(long seq) throws SQLException {
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
            changed = read(db, file, SCHEMA_VERSION, "edit_rev > ?", seq, revs, pictures);
        } catch (StoreException e) {
            throw new SQLException(e.getMessage(), e);
        }
        return new Edits(Math.max(seq, metaLong("edit_seq")), changed, removed);
    }

    /** The next visitor id: past every id stored, forgotten or given before. */
    private long takeId() throws SQLException {
        long next = metaLong("next_id");
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT max(coalesce((SELECT max(id) FROM visitors), 0),"
                     + " coalesce((SELECT max(id) FROM forgotten), 0))")) {
            r.next();
            next = Math.max(next, r.getLong(1) + 1);
        }
        setMeta("next_id", next + 1);
        return next;
    }

    private long metaLong(String key) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            q.setString(1, key);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Long.parseLong(r.getString(1)) : 0;
            }
        }
    }

    private void setMeta(String key, long value) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            q.setString(1, key);
            q.setString(2, Long.toString(value));
            q.executeUpdate();
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

    /** An edit in progress, inside its write transaction. */
    private final class SqlTransaction implements Transaction {
        long seq;
        Edits result;

        @Override
        public Optional<Visitor> find(long id) throws IOException {
            try {
                return read(db, file, SCHEMA_VERSION, "id = ?", id, new HashMap<>(), null).stream().findFirst();
            } catch (SQLException e) {
                throw failed("read", e);
            } catch (StoreException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        @Override
        public void put(Visitor v) throws IOException {
            try {
                vacate(v.id(), v.thumbnail(), v.visit());
                try (PreparedStatement q = db.prepareStatement(PUT)) {
                    bindRow(q, v);
                    q.setLong(12, seq);
                    q.executeUpdate();
                }
                writeGallery(v);
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
                throw failed("write", e);
            }
        }

        @Override
        public boolean remove(long id) throws IOException {
            try {
                vacate(id, null, null);
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
                throw failed("delete a visitor from", e);
            }
        }

        @Override
        public long newId() throws IOException {
            try {
                return takeId();
            } catch (SQLException e) {
                throw failed("write", e);
            }
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

    @Override
    public synchronized long externalVersion() throws IOException {
        ensureOpen();
        try {
            return currentDataVersion();
        } catch (SQLException e) {
            throw failed("read", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            reader.close();
        } catch (SQLException e) {
            LOG.warn("closing visitor store {}: {}", file, e.getMessage());
        }
        if (db != null) {
            try {
                db.close();
            } catch (SQLException e) {
                LOG.warn("closing visitor store {}: {}", file, e.getMessage());
            }
            db = null;
            written.clear();
            occupants.clear();
        }
    }


    // ---- opening ----

    private void ensureOpen() throws IOException {
        if (db == null) {
            open();
        }
    }

    /** Opens (creating or importing if need be) and reads the database; see the class description. */
    private List<Visitor> open() throws IOException {
        checkAccess(file);
        if (!repair && !Files.exists(file)) {
            throw new IOException("there is no visitor store " + file + " (the doorbell creates it when it first runs)");
        }
        try {
            return openReader(remember(openAndRead(true)));
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        } catch (StoreException e) {
            close();
            if (!repair) {
                throw new IOException(e.getMessage() + "; left as it is", e);
            }
            Path aside = StoreFiles.moveAside(file, "corrupt", COMPANIONS);
            LOG.warn("{}; moved it to {} and starting with no known visitors", e.getMessage(), aside);
            try {
                return openReader(remember(openAndRead(false)));
            } catch (StoreException again) {
                close();
                throw new IOException(again.getMessage(), again);
            } catch (IOException | RuntimeException again) {
                close();
                throw again;
            }
        }
    }

    /** Once the database is open (in WAL mode): pictures are read beside it from now on. */
    private List<Visitor> openReader(List<Visitor> visitors) throws IOException {
        try {
            reader.open();
        } catch (SQLException e) {
            throw failed("open", e);
        }
        return visitors;
    }

    private List<Visitor> remember(List<Visitor> visitors) throws IOException {
        written.clear();
        occupants.clear();
        for (Visitor v : visitors) {
            written.put(v.id(), v);
        }
        occupy(visitors);
        try {
            dataVersion = currentDataVersion();
        } catch (SQLException e) {
            throw failed("read", e);
        }
        return visitors;
    }

    /**
     * @throws StoreException the database is damaged, foreign or of a newer schema (to be moved aside)
     * @throws IOException    it cannot be opened for another reason (left as it is)
     */
    private List<Visitor> openAndRead(boolean mayImport) throws IOException, StoreException {
        Imported imported = null;
        if (!Files.exists(file)) {
            imported = mayImport ? readLegacy() : Imported.NONE;
            StoreFiles.createFolders(file.toAbsolutePath().getParent());
            for (String suffix : COMPANIONS) {
                // left from a deleted database, they must not be applied to the new one
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            }
            StoreFiles.createPrivateFile(file);
        }
        try {
            db = connect(file, false);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA synchronous = FULL");
                s.execute("PRAGMA secure_delete = ON");
                s.execute("PRAGMA foreign_keys = ON");
            }
            if (isBlank(db)) {
                if (imported == null) {
                    imported = mayImport ? readLegacy() : Imported.NONE;
                }
                enableWal();
                create(imported.visitors());
                imported.keepAside(file);
                return readAllHere();
            }
            int version = check(db, file, modelId);
            enableWal();
            if (version < SCHEMA_VERSION) {
                upgrade(version);
            }
            return readAllHere();
        } catch (SQLException e) {
            throw classify(e, file);
        }
    }

    private void enableWal() throws SQLException, IOException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("PRAGMA journal_mode = WAL")) {
            String mode = r.next() ? r.getString(1) : "?";
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new IOException("cannot use the visitor store " + file + ": SQLite could not switch it to WAL mode"
                        + " (journal mode " + mode + ")");
            }
        }
    }

    private void create(List<Visitor> visitors) throws SQLException {
        inTransaction(() -> {
            try (Statement s = db.createStatement()) {
                for (String table : SCHEMA) {
                    s.execute(table);
                }
                for (String step : UPGRADE_2) {
                    s.execute(step);
                }
                s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            }
            try (PreparedStatement meta = db.prepareStatement("INSERT INTO meta (key, value) VALUES ('face_model', ?)")) {
                meta.setString(1, modelId);
                meta.executeUpdate();
            }
            for (Visitor v : visitors) {
                insert(v);
            }
        });
    }

    /** The visitors of the format-1 file to import, or none; a damaged file is moved aside. */
    private Imported readLegacy() throws IOException {
        if (legacy == null || !Files.exists(legacy)) {
            return Imported.NONE;
        }
        try {
            List<Visitor> visitors = new LegacyVisitorFile(legacy, modelId).read();
            return new Imported(visitors, legacy);
        } catch (StoreException e) {
            Path aside = StoreFiles.moveAside(legacy, "corrupt");
            LOG.warn("{}; moved it to {} and starting with no known visitors", e.getMessage(), aside);
            return Imported.NONE;
        }
    }

    private record Imported(List<Visitor> visitors, Path from) {
        static final Imported NONE = new Imported(List.of(), null);

        void keepAside(Path into) throws IOException {
            if (from != null) {
                Files.deleteIfExists(from.resolveSibling(from.getFileName() + ".tmp"));
                Path aside = StoreFiles.moveAside(from, "imported");
                LOG.info("imported {} visitors from {} into {}; kept the old file as {}", visitors.size(), from, into,
                        aside);
            }
        }
    }

    /** A file that exists but cannot be opened for reading and writing: left alone, reported. */
    private static void checkAccess(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("cannot read the visitor store " + file + ": it is a folder, not a file");
        }
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // only checking
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read the visitor store " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new IOException("cannot read the visitor store " + file + ": " + LegacyVisitorFile.reason(e), e);
        }
    }

    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setReadOnly(readOnly);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** True for a database without any table yet (a new, empty file). */
    private static boolean isBlank(Connection db) throws SQLException {
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
     */
    private static int check(Connection db, Path file, String modelId) throws SQLException, StoreException {
        try (Statement s = db.createStatement()) {
            int version = userVersion(s);
            if (version > SCHEMA_VERSION) {
                throw new StoreException("visitor store " + file + " has schema version " + version
                        + ", which this program cannot read (it reads version " + SCHEMA_VERSION + ")");
            }
            if (version != SCHEMA_VERSION && version != 1) {
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
    private void upgrade(int from) throws SQLException {
        inTransaction(() -> {
            try (Statement s = db.createStatement()) {
                for (String step : UPGRADE_2) {
                    s.execute(step);
                }
                s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            }
        });
        LOG.info("visitor store {}: upgraded from schema version {} to {}", file, from, SCHEMA_VERSION);
    }

    /** Every visitor, with their edit numbers recorded in {@link #revs}. */
    private List<Visitor> readAllHere() throws SQLException, StoreException {
        revs.clear();
        return readAll(db, file, SCHEMA_VERSION, revs, pictures);
    }

    /** Damage (to be moved aside) or another failure (an IOException, left as it is). */
    private static StoreException classify(SQLException e, Path file) throws IOException {
        int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_NOTADB) {
            return new StoreException(file + " is not a visitor store (not an SQLite database)", e);
        }
        if (code == SQLITE_CORRUPT) {
            return new StoreException("visitor store " + file + " is damaged (" + e.getMessage() + ")", e);
        }
        throw new IOException("cannot read the visitor store " + file + ": " + reason(e, file), e);
    }

    private IOException failed(String what, SQLException e) {
        return new IOException("cannot " + what + " the visitor store " + file + ": " + reason(e, file), e);
    }

    /**
     * SQLite's message, led by what it means for the owner when the disk is full: SQLITE_FULL, or
     * (reading, in WAL mode) no room for the shared-memory file beside the store.
     */
    private static String reason(SQLException e, Path file) {
        int code = e.getErrorCode();
        String m = String.valueOf(e.getMessage());
        boolean full = (code & 0xff) == SQLITE_FULL || code == SQLITE_IOERR_SHMSIZE || m.contains("[SQLITE_FULL]")
                || m.contains("[SQLITE_IOERR_SHMSIZE]") || m.contains("No space left");
        if (!full) {
            return e.getMessage();
        }
        Path dir = file.toAbsolutePath().getParent();
        return "the disk that holds it (" + dir + ") is full; free some space (" + e.getMessage() + ")";
    }

    // ---- reading ----

    /** Every visitor by ascending id, read in one transaction. */
    private static List<Visitor> readAll(Connection db, Path file, int version, Map<Long, Long> revs,
                                         Picture.Source pictures) throws SQLException, StoreException {
        try (Statement s = db.createStatement()) {
            s.execute("BEGIN");
            try {
                return read(db, file, version, null, 0, revs, pictures);
            } finally {
                s.execute("COMMIT");
            }
        }
    }

    /**
     * Visitors by ascending id: all of them ({@code where} null), or those whose row matches
     * {@code where} with one long parameter. Records each one's edit number in {@code revs}. The
     * pictures are read whole if {@code pictures} is null, else left in the store and read from
     * {@code pictures} when needed.
     */
    private static List<Visitor> read(Connection db, Path file, int version, String where, long arg,
                                      Map<Long, Long> revs, Picture.Source pictures)
            throws SQLException, StoreException {
        try {
            Map<Long, List<FaceSample>> galleries = new HashMap<>();
            String samplesQuery = "SELECT visitor_id, position, encoding, quality, seen_at FROM samples"
                    + (where == null ? "" : " WHERE visitor_id IN (SELECT id FROM visitors WHERE " + where + ")")
                    + " ORDER BY visitor_id, position";
            try (PreparedStatement q = db.prepareStatement(samplesQuery)) {
                if (where != null) {
                    q.setLong(1, arg);
                }
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        long id = r.getLong(1);
                        List<FaceSample> gallery = galleries.computeIfAbsent(id, k -> new ArrayList<>());
                        if (r.getInt(2) != gallery.size()) {
                            throw damaged(file, "sample positions of visitor " + id + " are not 0, 1, 2, ...");
                        }
                        gallery.add(new FaceSample(decode(r.getBytes(3), file, id), r.getDouble(4),
                                Instant.ofEpochMilli(r.getLong(5))));
                    }
                }
            }
            Map<Long, Set<Long>> links = new HashMap<>();
            if (version >= 2) {
                try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT a, b FROM not_same")) {
                    while (r.next()) {
                        links.computeIfAbsent(r.getLong(1), k -> new HashSet<>()).add(r.getLong(2));
                        links.computeIfAbsent(r.getLong(2), k -> new HashSet<>()).add(r.getLong(1));
                    }
                }
            }
            List<Visitor> visitors = new ArrayList<>();
            String query = (version < 2 ? SELECT_VISITORS_1 : pictures == null ? SELECT_VISITORS
                    : SELECT_VISITORS_NO_PICTURES)
                    + (where == null ? "" : " WHERE " + where) + " ORDER BY id";
            try (PreparedStatement q = db.prepareStatement(query)) {
                if (where != null) {
                    q.setLong(1, arg);
                }
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        long id = r.getLong(1);
                        List<FaceSample> gallery = galleries.remove(id);
                        if (gallery == null) {
                            throw damaged(file, "visitor " + id + " has no face sample");
                        }
                        Picture thumbnail;
                        Picture visit;
                        if (pictures == null) {
                            byte[] bytes = r.getBytes(9);
                            byte[] visitBytes = r.getBytes(10);
                            thumbnail = Picture.of(bytes != null ? bytes : new byte[0]);
                            visit = visitBytes != null ? Picture.of(visitBytes) : null;
                        } else {
                            thumbnail = Picture.stored(pictures, id, Picture.Slot.THUMBNAIL);
                            visit = r.getBoolean(10) ? Picture.stored(pictures, id, Picture.Slot.VISIT) : null;
                        }
                        visitors.add(new Visitor(id, r.getString(2), gallery, thumbnail, r.getDouble(8), visit,
                                r.getDouble(11), Instant.ofEpochMilli(r.getLong(3)), Instant.ofEpochMilli(r.getLong(4)),
                                Instant.ofEpochMilli(r.getLong(5)), r.getInt(6), r.getLong(7),
                                links.getOrDefault(id, Set.of())));
                        revs.put(id, r.getLong(12));
                    }
                }
            }
            if (!galleries.isEmpty()) {
                throw damaged(file, "samples of visitors " + galleries.keySet() + " that do not exist");
            }
            return visitors;
        } catch (IllegalArgumentException e) {
            throw damaged(file, e.getMessage());
        }
    }

    private static StoreException damaged(Path file, String what) {
        return new StoreException("visitor store " + file + " is damaged (" + what + ")");
    }

    private static FaceEncoding decode(byte[] bytes, Path file, long id) throws StoreException {
        if (bytes == null || bytes.length != ENCODING_BYTES) {
            throw damaged(file, "an encoding of visitor " + id + " is not " + ENCODING_BYTES + " bytes");
        }
        double[] values = new double[FaceEncoding.DIMENSIONS];
        ByteBuffer.wrap(bytes).asDoubleBuffer().get(values);
        return FaceEncoding.of(values);
    }

    private static byte[] encode(FaceEncoding encoding) {
        ByteBuffer buffer = ByteBuffer.allocate(ENCODING_BYTES);
        for (int i = 0; i < FaceEncoding.DIMENSIONS; i++) {
            buffer.putDouble(encoding.get(i));
        }
        return buffer.array();
    }

    /**
     * The visitors of a store whatever model made it, reading only (see {@link VisitorStores#readAny}).
     */
    static List<Visitor> readAny(Path given) throws StoreException {
        Path[] files = resolve(given);
        Path file = files[0];
        try {
            if (!Files.exists(file)) {
                return files[1] != null ? new LegacyVisitorFile(files[1], null).read() : List.of();
            }
            checkReadable(file);
            // read-write if allowed, so that the -wal and -shm files SQLite needs while reading are
            // removed again when this (last) connection closes; query_only keeps it from writing
            try (Connection db = connect(file, !Files.isWritable(file))) {
                try (Statement s = db.createStatement()) {
                    s.execute("PRAGMA query_only = ON");
                }
                if (isBlank(db)) {
                    return List.of();
                }
                return readAll(db, file, check(db, file, null), new HashMap<>(), null);
            } catch (SQLException e) {
                throw classify(e, file);
            }
        } catch (IOException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    /**
     * As {@link #readAny(Path)}, with the pictures of a database left in it: they are read one by
     * one when asked for, on the connection that stays open while {@code reading} runs (see
     * {@link VisitorStores#readAny(Path, VisitorStores.Reading)}).
     */
    static void readAny(Path given, VisitorStores.Reading reading) throws StoreException, IOException {
        Path file = resolve(given)[0];
        if (!Files.exists(file)) {
            reading.read(readAny(given));  // a format-1 file, or nothing
            return;
        }
        try {
            checkReadable(file);
        } catch (IOException e) {
            throw new StoreException(e.getMessage(), e);
        }
        List<Visitor> visitors;
        try (Connection db = connect(file, !Files.isWritable(file))) {
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA query_only = ON");
            }
            if (isBlank(db)) {
                visitors = List.of();
            } else {
                int version = check(db, file, null);
                // a store of schema 1 is read whole, as it was always read
                Picture.Source pictures = version < 2 ? null : picture -> readOpen(db, file, picture);
                visitors = readAll(db, file, version, new HashMap<>(), pictures);
            }
            reading.read(visitors);
        } catch (SQLException e) {
            try {
                throw classify(e, file);
            } catch (IOException other) {
                throw new StoreException(other.getMessage(), other);
            }
        }
    }

    /** A picture read on a connection that {@link #readAny(Path, VisitorStores.Reading)} holds open. */
    private static byte[] readOpen(Connection db, Path file, Picture picture) {
        Picture.Place where = picture.place();
        try {
            return where == null ? picture.jpeg()
                    : readBlob(db, "SELECT " + column(where.slot()) + " FROM visitors WHERE id = ?", where.visitorId());
        } catch (SQLException e) {
            throw new java.io.UncheckedIOException(new IOException("cannot read the picture of visitor "
                    + where.visitorId() + " from the visitor store " + file + ": " + e.getMessage(), e));
        }
    }

    private static void checkReadable(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("cannot read the visitor store " + file + ": it is a folder, not a file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            // only checking
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read the visitor store " + file + ": permission denied", e);
        }
    }

    // ---- writing ----

    private interface Work {
        void run() throws SQLException;
    }

    /** Runs the work in one write transaction, committed (or rolled back) before returning. */
    private void inTransaction(Work work) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            boolean committed = false;
            try {
                work.run();
                s.execute("COMMIT");
                committed = true;
            } finally {
                if (!committed) {
                    try {
                        s.execute("ROLLBACK");
                    } catch (SQLException e) {
                        LOG.debug("rollback: {}", e.getMessage());
                    }
                }
            }
        }
    }

    /** Binds columns 1-11 of {@link #INSERT} and {@link #PUT}: the row without its edit number. */
    private static void bindRow(PreparedStatement q, Visitor v) throws SQLException {
        q.setLong(1, v.id());
        q.setString(2, v.name());
        q.setLong(3, v.firstSeen().toEpochMilli());
        q.setLong(4, v.lastSeen().toEpochMilli());
        q.setLong(5, v.firstSeenThisInteraction().toEpochMilli());
        q.setInt(6, v.visits());
        q.setLong(7, v.seenFrames());
        q.setDouble(8, v.thumbnailQuality());
        q.setDouble(9, v.visitQuality());
        q.setBytes(10, v.thumbnailJpeg());
        q.setBytes(11, v.visitJpeg());
    }

    /** Inserts a visitor not stored yet (not an edit); false if its id is taken or was forgotten. */
    private boolean insert(Visitor v) throws SQLException {
        try (PreparedStatement forgotten = db.prepareStatement("SELECT 1 FROM forgotten WHERE id = ?")) {
            forgotten.setLong(1, v.id());
            try (ResultSet r = forgotten.executeQuery()) {
                if (r.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement q = db.prepareStatement(INSERT)) {
            bindRow(q, v);
            q.setLong(12, 0);
            if (q.executeUpdate() == 0) {
                return false;
            }
        }
        writeGallery(v);
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
    private boolean write(Visitor v, Visitor before) throws SQLException {
        Long rev = revs.get(v.id());
        if (rev == null) {
            boolean inserted = insert(v);
            if (!inserted) {
                LOG.debug("visitor {} not saved: its id is taken or was forgotten", v.id());
            }
            return inserted;
        }
        try (PreparedStatement row = db.prepareStatement(UPDATE_ROW)) {
            row.setString(1, v.name());
            row.setLong(2, v.firstSeen().toEpochMilli());
            row.setLong(3, v.lastSeen().toEpochMilli());
            row.setLong(4, v.firstSeenThisInteraction().toEpochMilli());
            row.setInt(5, v.visits());
            row.setLong(6, v.seenFrames());
            row.setDouble(7, v.thumbnailQuality());
            row.setDouble(8, v.visitQuality());
            row.setLong(9, v.id());
            row.setLong(10, rev);
            if (row.executeUpdate() == 0) {
                LOG.debug("visitor {} not saved: edited or forgotten meanwhile", v.id());
                return false;
            }
        }
        if (before == null || !Picture.sameRef(before.thumbnail(), v.thumbnail())
                || !Picture.sameRef(before.visit(), v.visit())) {
            vacate(v.id(), v.thumbnail(), v.visit());
            writePictures(v);
        }
        if (before == null || !before.samples().equals(v.samples())) {
            writeGallery(v);
        }
        return true;
    }

    /**
     * Writes the visitor's two pictures: bytes from memory, a picture already in the visitor's own
     * row copied from its column in the same statement (a new visit makes the visit's picture the
     * thumbnail), any other read first.
     */
    private void writePictures(Visitor v) throws SQLException {
        String thumbnail = pictureValue(v.thumbnail(), v.id());
        String visit = v.visit() == null ? "NULL" : pictureValue(v.visit(), v.id());
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
    private String pictureValue(Picture p, long id) {
        Picture.Place where = p.place();
        if (!p.inMemory() && where != null && where.source() == pictures && where.visitorId() == id) {
            return column(where.slot());
        }
        return "?";
    }

    private void writeGallery(Visitor v) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM samples WHERE visitor_id = ?");
             PreparedStatement insert = db.prepareStatement(
                     "INSERT INTO samples (visitor_id, position, encoding, quality, seen_at) VALUES (?, ?, ?, ?, ?)")) {
            delete.setLong(1, v.id());
            delete.executeUpdate();
            int position = 0;
            for (FaceSample sample : v.samples()) {
                insert.setLong(1, v.id());
                insert.setInt(2, position++);
                insert.setBytes(3, encode(sample.encoding()));
                insert.setDouble(4, sample.quality());
                insert.setLong(5, sample.seenAt().toEpochMilli());
                insert.executeUpdate();
            }
        }
    }

    private long currentDataVersion() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("PRAGMA data_version")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Moves every page into the database and empties the WAL file, so deleted content is nowhere. */
    private void checkpoint() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            if (r.next() && r.getInt(1) != 0) {
                LOG.warn("visitor store {}: another process kept the WAL file from being emptied after a delete;"
                        + " the next checkpoint will", file);
            }
        }
    }
}
