package org.doorbell.visitors.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.doorbell.visitors.StoreException;
import org.doorbell.visitors.Visitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Opens a visitor store's database: creates it (importing a format-1 file, {@link LegacyImport}),
 * upgrades an older schema ({@link StoreSchema}) and reads its visitors; a damaged or foreign one
 * is moved aside and the store starts empty.
 *
 * <p>A file that is not an SQLite database, an SQLite database without this schema, one failing
 * {@code PRAGMA quick_check}, one of a newer schema version or one made with another face model
 * is moved aside with its {@code -wal} and {@code -shm} to
 * {@code <name>.corrupt-<yyyyMMdd-HHmmss>} (UTC; {@code -1}, {@code -2}, ... added if taken), one
 * warning is logged and the store starts empty. A file that cannot be opened for another reason
 * (permissions, a folder) is left as it is: an {@link IOException}. A store that may not repair
 * (the command line's) never creates, imports or moves a file aside.
 */
final class StoreOpening {
    static final int BUSY_TIMEOUT_MS = 5000;
    /** Logged under the store's name. */
    private static final Logger LOG = LoggerFactory.getLogger(SqliteVisitorStore.class);
    private static final String[] COMPANIONS = {"-wal", "-shm", "-journal"};

    private final Path file;
    /** The format-1 file to import into a new database, or null. */
    private final Path legacy;
    private final String modelId;
    /** Whether opening may create, import or move aside (the appliance), or only edit (the command line). */
    private final boolean repair;

    /** The open connection, in WAL mode, and the visitors read on it. */
    record Opened(Connection db, List<Visitor> visitors) {
    }

    StoreOpening(Path file, Path legacy, String modelId, boolean repair) {
        this.file = file;
        this.legacy = legacy;
        this.modelId = modelId;
        this.repair = repair;
    }

    /**
     * Opens (creating or importing if need be) and reads the database; see the class description.
     *
     * @param changes  records the visitors imported and read
     * @param closeAll closes what the store has open, after a failure
     */
    Opened open(ChangeTracker changes, Runnable closeAll) throws IOException {
        checkAccess(file);
        if (!repair && !Files.exists(file)) {
            throw new IOException("there is no visitor store " + file + " (the doorbell creates it when it first runs)");
        }
        try {
            return openAndRead(true, changes);
        } catch (IOException | RuntimeException e) {
            closeAll.run();
            throw e;
        } catch (StoreException e) {
            closeAll.run();
            if (!repair) {
                throw new IOException(e.getMessage() + "; left as it is", e);
            }
            Path aside = StoreFiles.moveAside(file, "corrupt", COMPANIONS);
            LOG.warn("{}; moved it to {} and starting with no known visitors", e.getMessage(), aside);
            try {
                return openAndRead(false, changes);
            } catch (StoreException again) {
                closeAll.run();
                throw new IOException(again.getMessage(), again);
            } catch (IOException | RuntimeException again) {
                closeAll.run();
                throw again;
            }
        }
    }

    /**
     * The connection is closed again if this throws.
     *
     * @throws StoreException the database is damaged, foreign or of a newer schema (to be moved aside)
     * @throws IOException    it cannot be opened for another reason (left as it is)
     */
    private Opened openAndRead(boolean mayImport, ChangeTracker changes) throws IOException, StoreException {
        LegacyImport.Imported imported = null;
        if (!Files.exists(file)) {
            imported = mayImport ? LegacyImport.read(legacy, modelId) : LegacyImport.Imported.NONE;
            StoreFiles.createFolders(file.toAbsolutePath().getParent());
            for (String suffix : COMPANIONS) {
                // left from a deleted database, they must not be applied to the new one
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            }
            StoreFiles.createPrivateFile(file);
        }
        Connection db = null;
        try {
            db = connect(file, false);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA synchronous = FULL");
                s.execute("PRAGMA secure_delete = ON");
                s.execute("PRAGMA foreign_keys = ON");
            }
            if (StoreSchema.isBlank(db)) {
                if (imported == null) {
                    imported = mayImport ? LegacyImport.read(legacy, modelId) : LegacyImport.Imported.NONE;
                }
                StoreSchema.enableWal(db, file);
                Connection created = db;
                List<Visitor> importing = imported.visitors();
                StoreSchema.create(db, modelId, () -> {
                    for (Visitor v : importing) {
                        changes.insert(created, v);
                    }
                });
                imported.keepAside(file);
                return new Opened(db, changes.readAll(db));
            }
            int version = StoreSchema.check(db, file, modelId);
            StoreSchema.enableWal(db, file);
            if (version < StoreSchema.VERSION) {
                StoreSchema.upgrade(db, file, version);
            }
            return new Opened(db, changes.readAll(db));
        } catch (SQLException e) {
            close(db);
            throw StoreErrors.classify(e, file);
        } catch (IOException | StoreException | RuntimeException e) {
            close(db);
            throw e;
        }
    }

    private void close(Connection db) {
        if (db != null) {
            try {
                db.close();
            } catch (SQLException e) {
                LOG.warn("closing visitor store {}: {}", file, e.getMessage());
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

    /** A connection to the database, waiting up to {@link #BUSY_TIMEOUT_MS} for another writer. */
    static Connection connect(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setReadOnly(readOnly);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }
}
