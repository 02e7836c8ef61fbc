package org.doorbell.visitors.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The visitor store's write transactions: each committed, or rolled back, before it returns. */
final class Transactions {
    /** Logged under the store's name. */
    private static final Logger LOG = LoggerFactory.getLogger(SqliteVisitorStore.class);

    /** Work done inside a transaction. */
    interface Work {
        void run() throws SQLException;
    }

    private Transactions() {
    }

    /** Runs the work in one write transaction, committed (or rolled back) before returning. */
    static void write(Connection db, Work work) throws SQLException {
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
}
