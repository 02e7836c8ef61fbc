package org.doorbell.visitors.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.doorbell.visitors.Picture;
import org.doorbell.visitors.StoreException;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The visitor store: one SQLite database, {@code known_faces.db}, in which every save is one
 * transaction committed before {@link #save} returns. Its tables are described by
 * {@link StoreSchema}; this class keeps the connection and the store's lock, and hands the work to
 * its parts: opening and moving aside a damaged file ({@link StoreOpening}), the import of a
 * format-1 file ({@link LegacyImport}), rows ({@link VisitorRows}), pictures
 * ({@link StoredPictures}), what changed since the last save ({@link ChangeTracker}), the owner's
 * edits and new ids ({@link EditLog}) and reading without opening ({@link ReadOnlyStore}).
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
 * At open, a damaged or foreign database is moved aside as {@code <name>.corrupt-<yyyyMMdd-HHmmss>}
 * with one warning and the store starts empty; a file that cannot be opened for another reason
 * (permissions, a folder) is left as it is and {@link #load} throws an {@link IOException} (see
 * {@link StoreOpening}).
 *
 * <h2>Import of the format-1 file</h2>
 * When the database has no schema yet, a format-1 file ({@link LegacyVisitorFile}) is imported in
 * the transaction that creates the schema, then renamed {@code <name>.imported-<yyyyMMdd-HHmmss>}
 * (never deleted). That file is {@code known_faces.dat} beside {@code known_faces.db}; a path
 * given to the store that ends in {@code .dat} and is not an SQLite database is taken as that file
 * ({@link #path} is then the {@code .db} beside it; see {@link LegacyImport}).
 */
public final class SqliteVisitorStore implements VisitorStore {
    /** Schema version written to {@code PRAGMA user_version}. */
    public static final int SCHEMA_VERSION = StoreSchema.VERSION;

    private static final Logger LOG = LoggerFactory.getLogger(SqliteVisitorStore.class);

    private final Path file;
    private final StoreOpening opening;
    private final StoredPictures pictures;
    private final ChangeTracker changes;
    private final EditLog edits;

    private Connection db;

    /**
     * Opens nothing yet (see {@link #load}).
     *
     * @param path    the database, or a format-1 {@code .dat} file (see the class description)
     * @param modelId the face model whose encodings this store holds
     */
    SqliteVisitorStore(Path path, String modelId) {
        this(path, Objects.requireNonNull(modelId), true);
    }

    /**
     * A store that only edits an existing database (the command line's corrections): it never
     * creates, imports or moves a file aside; a missing or damaged one is an {@link IOException}.
     *
     * @param modelId the face model the encodings must come from, or null for any
     */
    SqliteVisitorStore(Path path, String modelId, boolean repair) {
        Path[] files = LegacyImport.resolve(path);
        this.file = files[0];
        this.opening = new StoreOpening(file, repair ? files[1] : null, modelId, repair);
        this.pictures = new StoredPictures(file,
                new PictureReader(file, () -> StoreOpening.connect(file, !Files.isWritable(file))));
        this.changes = new ChangeTracker(file, pictures);
        this.edits = new EditLog(file, changes, pictures);
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
            return changes.remember(db, changes.readAll(db));
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        } catch (SQLException e) {
            throw StoreErrors.failed("read", file, e);
        }
    }

    @Override
    public synchronized void save(Collection<Visitor> visitors) throws IOException {
        ensureOpen();
        try {
            changes.save(db, visitors);
        } catch (SQLException e) {
            throw StoreErrors.failed("save", file, e);
        }
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
        Edits result = edits.edit(db, work);
        changes.remember(result);
        if (!result.removed().isEmpty()) {
            try {
                checkpoint();
            } catch (SQLException e) {
                LOG.warn("visitor store {}: could not empty the WAL file after a delete: {}", file, e.getMessage());
            }
        }
        return result;
    }

    @Override
    public synchronized Edits editsSince(long seq) throws IOException {
        ensureOpen();
        return edits.editsSince(db, seq, changes::remember);
    }

    @Override
    public synchronized long newId() throws IOException {
        ensureOpen();
        return edits.newId(db);
    }

    @Override
    public synchronized long externalVersion() throws IOException {
        ensureOpen();
        try {
            return ChangeTracker.dataVersion(db);
        } catch (SQLException e) {
            throw StoreErrors.failed("read", file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            pictures.close();
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
            changes.clear();
        }
    }

    private void ensureOpen() throws IOException {
        if (db == null) {
            open();
        }
    }

    /** Opens (creating, importing or moving aside if need be) and reads the database. */
    private List<Visitor> open() throws IOException {
        StoreOpening.Opened opened = opening.open(changes, this::close);
        db = opened.db();
        try {
            changes.remember(db, opened.visitors());
            // once the database is open (in WAL mode): pictures are read beside it from now on
            try {
                pictures.open();
            } catch (SQLException e) {
                throw StoreErrors.failed("open", file, e);
            }
            return opened.visitors();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
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
