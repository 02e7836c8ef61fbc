package org.doorbell.visitors.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import org.doorbell.visitors.Picture;
import org.doorbell.visitors.StoreException;
import org.doorbell.visitors.Visitor;

/**
 * Reads a visitor store whatever face model made it, for inspection ({@link VisitorStores#readAny}):
 * never moves, imports, creates or writes anything. No file: no visitors; a format-1 file not
 * imported yet is read as it is.
 */
final class ReadOnlyStore {
    private ReadOnlyStore() {
    }

    /** The visitors of a store whatever model made it, by ascending id, with their pictures read whole. */
    static List<Visitor> readAny(Path given) throws StoreException {
        Path[] files = LegacyImport.resolve(given);
        Path file = files[0];
        try {
            if (!Files.exists(file)) {
                return files[1] != null ? new LegacyVisitorFile(files[1], null).read() : List.of();
            }
            checkReadable(file);
            // read-write if allowed, so that the -wal and -shm files SQLite needs while reading are
            // removed again when this (last) connection closes; query_only keeps it from writing
            try (Connection db = StoreOpening.connect(file, !Files.isWritable(file))) {
                try (Statement s = db.createStatement()) {
                    s.execute("PRAGMA query_only = ON");
                }
                if (StoreSchema.isBlank(db)) {
                    return List.of();
                }
                return VisitorRows.readAll(db, file, StoreSchema.check(db, file, null), new HashMap<>(), null);
            } catch (SQLException e) {
                throw StoreErrors.classify(e, file);
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
        Path file = LegacyImport.resolve(given)[0];
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
        try (Connection db = StoreOpening.connect(file, !Files.isWritable(file))) {
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA query_only = ON");
            }
            if (StoreSchema.isBlank(db)) {
                visitors = List.of();
            } else {
                int version = StoreSchema.check(db, file, null);
                // a store of schema 1 is read whole, as it was always read
                Picture.Source pictures = version < 2 ? null : picture -> readOpen(db, file, picture);
                visitors = VisitorRows.readAll(db, file, version, new HashMap<>(), pictures);
            }
            reading.read(visitors);
        } catch (SQLException e) {
            try {
                throw StoreErrors.classify(e, file);
            } catch (IOException other) {
                throw new StoreException(other.getMessage(), other);
            }
        }
    }

    /** A picture read on a connection that {@link #readAny(Path, VisitorStores.Reading)} holds open. */
    private static byte[] readOpen(Connection db, Path file, Picture picture) {
        Picture.Place where = picture.place();
        try {
            return where == null ? picture.jpeg() : VisitorRows.readPicture(db, where.visitorId(), where.slot());
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("cannot read the picture of visitor "
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
}
