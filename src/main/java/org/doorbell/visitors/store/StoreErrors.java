package org.doorbell.visitors.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.doorbell.visitors.StoreException;

/**
 * What an SQLite failure means for the visitor store and how it is told: damage (the file is
 * moved aside), a full disk (said first, with the folder to free), or another failure.
 */
final class StoreErrors {
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;
    private static final int SQLITE_FULL = 13;
    /** SQLITE_IOERR_SHMSIZE, an extended code: no room to grow the WAL index's shared-memory file. */
    private static final int SQLITE_IOERR_SHMSIZE = 10 | (19 << 8);

    private StoreErrors() {
    }

    /**
     * Damage (to be moved aside), returned; another failure thrown as an {@link IOException}
     * (the file is left as it is).
     */
    static StoreException classify(SQLException e, Path file) throws IOException {
        int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_NOTADB) {
            return new StoreException(file + " is not a visitor store (not an SQLite database)", e);
        }
        if (code == SQLITE_CORRUPT) {
            return new StoreException("visitor store " + file + " is damaged (" + e.getMessage() + ")", e);
        }
        throw new IOException("cannot read the visitor store " + file + ": " + reason(e, file), e);
    }

    /** The store could not do {@code what} ("read", "save", ...). */
    static IOException failed(String what, Path file, SQLException e) {
        return new IOException("cannot " + what + " the visitor store " + file + ": " + reason(e, file), e);
    }

    /** Content that no visitor store holds, found while reading. */
    static StoreException damaged(Path file, String what) {
        return new StoreException("visitor store " + file + " is damaged (" + what + ")");
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
}
