package org.doorbell.visitors.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.doorbell.visitors.StoreException;
import org.doorbell.visitors.Visitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The import of a format-1 file ({@link LegacyVisitorFile}) into a new visitor store. That file is
 * {@code known_faces.dat} beside {@code known_faces.db} (a database path ending in {@code .db},
 * the same name with {@code .dat}); when the path given to the store ends in {@code .dat} and is
 * not an SQLite database itself, it is taken as that file and the database is the same path with
 * {@code .db} ({@link #resolve}). Its visitors are inserted in the transaction that creates the
 * schema; then the file is renamed {@code <name>.imported-<yyyyMMdd-HHmmss>} (never deleted) and
 * one INFO line logged ({@link Imported#keepAside}). A damaged format-1 file is moved aside as
 * {@code <name>.corrupt-...} with one warning.
 */
final class LegacyImport {
    /** Logged under the store's name. */
    private static final Logger LOG = LoggerFactory.getLogger(SqliteVisitorStore.class);
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private LegacyImport() {
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

    /** The visitors of the format-1 file to import (null: none), or none; a damaged file is moved aside. */
    static Imported read(Path legacy, String modelId) throws IOException {
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

    /** The visitors read from a format-1 file ({@code from}; null and none when there was none). */
    record Imported(List<Visitor> visitors, Path from) {
        static final Imported NONE = new Imported(List.of(), null);

        /** Once they are committed into {@code into}: the format-1 file is renamed, never deleted. */
        void keepAside(Path into) throws IOException {
            if (from != null) {
                Files.deleteIfExists(from.resolveSibling(from.getFileName() + ".tmp"));
                Path aside = StoreFiles.moveAside(from, "imported");
                LOG.info("imported {} visitors from {} into {}; kept the old file as {}", visitors.size(), from, into,
                        aside);
            }
        }
    }
}
