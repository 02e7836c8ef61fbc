package org.doorbell.visitors.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads stored pictures with a database connection of its own, apart from the store's: in WAL
 * mode a read on another connection sees the last committed state and never waits for a write
 * transaction, so the screen drawing a face does not wait while a save commits. While the store
 * is closed, each read opens a connection for itself. Thread-safe (one read at a time).
 */
final class PictureReader implements AutoCloseable {
    /** Opens a connection to the database. */
    interface Connector {
        Connection connect() throws SQLException;
    }

    private final Path file;
    private final Connector connect;
    private Connection connection;

    /**
     * @param connect opens a read-write connection to {@code file} (read-write, so that SQLite can
     *                use the {@code -shm} file; this reader only ever reads)
     */
    PictureReader(Path file, Connector connect) {
        this.file = file;
        this.connect = connect;
    }

    /** Keeps a connection open from now on (the store is open). */
    synchronized void open() throws SQLException {
        if (connection == null) {
            connection = readOnly(connect.connect());
        }
    }

    /** The bytes of {@code column} of visitor {@code id}'s row; null if there is no such row or picture. */
    synchronized byte[] read(long id, String column) throws SQLException {
        String sql = "SELECT " + column + " FROM visitors WHERE id = ?";
        if (connection != null) {
            return read(connection, sql, id);
        }
        if (!Files.isRegularFile(file)) {
            return null;  // moved or deleted since the store closed: never create a database by reading a picture
        }
        try (Connection once = readOnly(connect.connect())) {
            return read(once, sql, id);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        if (connection != null) {
            try {
                connection.close();
            } finally {
                connection = null;
            }
        }
    }

    private static Connection readOnly(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA query_only = ON");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static byte[] read(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setLong(1, id);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getBytes(1) : null;
            }
        }
    }
}
