package org.doorbell.visitors.store;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.doorbell.face.FaceEncoding;
import org.doorbell.visitors.FaceSample;
import org.doorbell.visitors.Picture;
import org.doorbell.visitors.StoreException;
import org.doorbell.visitors.Visitor;

/**
 * Visitors to and from rows of the visitor store's tables ({@link StoreSchema}): the statements,
 * their parameters, the encodings' bytes, and the visitors read back.
 */
final class VisitorRows {
    /** The bytes of one stored encoding. */
    static final int ENCODING_BYTES = FaceEncoding.DIMENSIONS * Double.BYTES;

    /** Inserts a visitor new to the store: {@link #bindRow} then the edit number (12). */
    static final String INSERT = "INSERT INTO visitors (id, name, first_seen, last_seen, visit_start, visits,"
            + " seen_frames, thumbnail_quality, visit_quality, thumbnail, visit_thumbnail, edit_rev)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    /** An edit: the whole row, marked with the edit's number ({@link #bindRow} then 12). */
    static final String PUT = "INSERT INTO visitors (id, name, first_seen, last_seen, visit_start, visits,"
            + " seen_frames, thumbnail_quality, visit_quality, thumbnail, visit_thumbnail, edit_rev)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
            + " first_seen = excluded.first_seen, last_seen = excluded.last_seen, visit_start = excluded.visit_start,"
            + " visits = excluded.visits, seen_frames = excluded.seen_frames,"
            + " thumbnail_quality = excluded.thumbnail_quality, visit_quality = excluded.visit_quality,"
            + " thumbnail = excluded.thumbnail, visit_thumbnail = excluded.visit_thumbnail, edit_rev = excluded.edit_rev";
    private static final String ROW_COLUMNS = "name = ?, first_seen = ?, last_seen = ?, visit_start = ?, visits = ?,"
            + " seen_frames = ?, thumbnail_quality = ?, visit_quality = ?";
    /** A routine update: only if no edit changed the row since this store read it. */
    private static final String UPDATE_ROW = "UPDATE visitors SET " + ROW_COLUMNS + " WHERE id = ? AND edit_rev = ?";
    private static final String SELECT_VISITORS = "SELECT id, name, first_seen, last_seen, visit_start, visits,"
            + " seen_frames, thumbnail_quality, thumbnail, visit_thumbnail, visit_quality, edit_rev FROM visitors";
    private static final String SELECT_VISITORS_1 = "SELECT id, name, first_seen, last_seen, visit_start, visits,"
            + " seen_frames, thumbnail_quality, thumbnail, NULL, 0, 0 FROM visitors";
    /** As {@link #SELECT_VISITORS} without the pictures: only whether there is a picture of the visit. */
    private static final String SELECT_VISITORS_NO_PICTURES = "SELECT id, name, first_seen, last_seen, visit_start,"
            + " visits, seen_frames, thumbnail_quality, NULL, visit_thumbnail IS NOT NULL, visit_quality, edit_rev"
            + " FROM visitors";

    private VisitorRows() {
    }

    /** Binds columns 1-11 of {@link #INSERT} and {@link #PUT}: the row without its edit number. */
    static void bindRow(PreparedStatement q, Visitor v) throws SQLException {
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

    /**
     * Updates a visitor's times, counters and name, if the row's edit number is still {@code rev}.
     *
     * @return whether the row was updated
     */
    static boolean updateRow(Connection db, Visitor v, long rev) throws SQLException {
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
            return row.executeUpdate() > 0;
        }
    }

    /** Replaces the visitor's samples with its gallery, in order. */
    static void writeGallery(Connection db, Visitor v) throws SQLException {
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

    /** The column that holds a picture of the slot. */
    static String column(Picture.Slot slot) {
        return slot == Picture.Slot.THUMBNAIL ? "thumbnail" : "visit_thumbnail";
    }

    /** One picture of a visitor, or null if the visitor or its picture is gone. */
    static byte[] readPicture(Connection c, long id, Picture.Slot slot) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + column(slot) + " FROM visitors WHERE id = ?")) {
            q.setLong(1, id);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getBytes(1) : null;
            }
        }
    }

    /** Every visitor by ascending id, read in one transaction (see {@link #read}). */
    static List<Visitor> readAll(Connection db, Path file, int version, Map<Long, Long> revs,
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
    static List<Visitor> read(Connection db, Path file, int version, String where, long arg,
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
                            throw StoreErrors.damaged(file, "sample positions of visitor " + id
                                    + " are not 0, 1, 2, ...");
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
                            throw StoreErrors.damaged(file, "visitor " + id + " has no face sample");
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
                throw StoreErrors.damaged(file, "samples of visitors " + galleries.keySet() + " that do not exist");
            }
            return visitors;
        } catch (IllegalArgumentException e) {
            throw StoreErrors.damaged(file, e.getMessage());
        }
    }

    private static FaceEncoding decode(byte[] bytes, Path file, long id) throws StoreException {
        if (bytes == null || bytes.length != ENCODING_BYTES) {
            throw StoreErrors.damaged(file, "an encoding of visitor " + id + " is not " + ENCODING_BYTES + " bytes");
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
}
