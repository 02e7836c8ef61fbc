package org.doorbell.visitors.store;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.doorbell.face.FaceEncoding;
import org.doorbell.visitors.StoreException;
import org.doorbell.visitors.Visitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The visitor store file of earlier versions ({@code known_faces.dat}), one file holding every
 * known visitor, written atomically. {@link SqliteVisitorStore} imports such a file once, at its
 * first start; nothing else writes it any more (tests use {@link #save} to make one).
 *
 * <h2>File format, version 1</h2>
 * Big-endian, as {@link DataOutputStream} writes it:
 * <pre>
 * magic              4 bytes   "DBVS"
 * format version     int       1
 * model id           modified UTF-8 string (unsigned short length, then bytes), the face model
 *                              that produced the encodings
 * count              int       number of visitors
 * count times:
 *   id               long
 *   encoding         128 doubles
 *   thumbnail length int, then that many bytes of JPEG
 *   first seen       long      epoch milliseconds
 *   last seen        long      epoch milliseconds
 *   visit start      long      epoch milliseconds (first seen this interaction)
 *   visits           int
 *   seen frames      long
 * checksum           int       CRC-32 of every byte before it
 * </pre>
 * Encodings from different face models are not comparable, so a file made with another model id
 * is refused like a damaged one. A visitor read from this format has no name, a gallery of one
 * sample (its encoding, quality 0, seen at its first sighting) and a thumbnail quality of 0.
 *
 * <h2>Crash safety</h2>
 * {@link #save} writes {@code <name>.tmp} in the same folder, forces it to disk, renames it over
 * the file atomically and forces the folder, so the file is always either the old or the new
 * complete store.
 */
final class LegacyVisitorFile {
    /** Format version written by {@link #save}. */
    static final int FORMAT_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(LegacyVisitorFile.class);
    private static final byte[] MAGIC = {'D', 'B', 'V', 'S'};
    private static final int HEADER_BYTES = MAGIC.length + Integer.BYTES;
    private static final int CHECKSUM_BYTES = Integer.BYTES;

    private final Path file;
    /** Null when any model is accepted (reading only). */
    private final String modelId;

    /**
     * @param file    the store file; its folder is created by the first save
     * @param modelId the face model whose encodings this file holds, or null to read any model
     *                (such an instance cannot save)
     */
    LegacyVisitorFile(Path file, String modelId) {
        this.file = Objects.requireNonNull(file);
        this.modelId = modelId;
    }

    /**
     * The visitors in the file. No file: no visitors.
     *
     * @throws StoreException if the file is damaged, has an unknown format version or comes from
     *                        another face model
     * @throws IOException    if the file exists but cannot be read (permissions, a folder, ...)
     */
    List<Visitor> read() throws IOException, StoreException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new IOException("cannot read the visitor store " + file + ": " + reason(e), e);
        }
        return parse(bytes);
    }

    /** Replaces the file with these visitors, atomically (see the class description). */
    synchronized void save(List<Visitor> visitors) throws IOException {
        Objects.requireNonNull(modelId, "a file opened for any model cannot be saved");
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = tempFile();
        try {
            writeFile(temp, visitors);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        forceFolder(dir);
    }

    private void writeFile(Path temp, List<Visitor> visitors) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream raw = Channels.newOutputStream(channel);
            CRC32 crc = new CRC32();
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(raw, crc), 1 << 16));
            write(out, visitors);
            out.flush();
            new DataOutputStream(raw).writeInt((int) crc.getValue());
            channel.force(true);
        }
    }

    private void write(DataOutputStream out, List<Visitor> visitors) throws IOException {
        out.write(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeUTF(modelId);
        out.writeInt(visitors.size());
        for (Visitor v : visitors) {
            out.writeLong(v.id());
            for (int i = 0; i < FaceEncoding.DIMENSIONS; i++) {
                out.writeDouble(v.encoding().get(i));
            }
            out.writeInt(v.thumbnailJpeg().length);
            out.write(v.thumbnailJpeg());
            out.writeLong(v.firstSeen().toEpochMilli());
            out.writeLong(v.lastSeen().toEpochMilli());
            out.writeLong(v.firstSeenThisInteraction().toEpochMilli());
            out.writeInt(v.visits());
            out.writeLong(v.seenFrames());
        }
    }

    private List<Visitor> parse(byte[] bytes) throws StoreException {
        if (bytes.length < HEADER_BYTES || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new StoreException(file + " is not a visitor store (no DBVS header)");
        }
        int version = readInt(bytes, MAGIC.length);
        if (version != FORMAT_VERSION) {
            throw new StoreException("visitor store " + file + " has format version " + version
                    + ", which this program cannot read (it reads version " + FORMAT_VERSION + ")");
        }
        int body = bytes.length - CHECKSUM_BYTES;
        if (body < HEADER_BYTES) {
            throw damaged("is truncated");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, body);
        if ((int) crc.getValue() != readInt(bytes, body)) {
            throw damaged("is damaged or truncated (checksum mismatch)");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, HEADER_BYTES, body - HEADER_BYTES));
        try {
            String storedModel = in.readUTF();
            if (modelId != null && !modelId.equals(storedModel)) {
                throw new StoreException("visitor store " + file + " holds encodings of face model '" + storedModel
                        + "', not of the current model '" + modelId + "'");
            }
            List<Visitor> visitors = readVisitors(in);
            if (in.available() != 0) {
                throw damaged("is damaged (" + in.available() + " unexpected bytes after the last visitor)");
            }
            return visitors;
        } catch (EOFException e) {
            throw damaged("is damaged (ends in the middle of a record)");
        } catch (IOException | IllegalArgumentException e) {
            throw damaged("is damaged (" + e.getMessage() + ")");
        }
    }

    private List<Visitor> readVisitors(DataInputStream in) throws IOException, StoreException {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw damaged("is damaged (visitor count " + count + ")");
        }
        List<Visitor> visitors = new ArrayList<>(count);
        Set<Long> ids = new HashSet<>();
        double[] values = new double[FaceEncoding.DIMENSIONS];
        for (int n = 0; n < count; n++) {
            long id = in.readLong();
            if (id <= 0 || !ids.add(id)) {
                throw damaged("is damaged (visitor id " + id + " is not positive or repeated)");
            }
            for (int i = 0; i < values.length; i++) {
                values[i] = in.readDouble();
            }
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw damaged("is damaged (thumbnail length " + length + " of visitor " + id + ")");
            }
            byte[] thumbnail = in.readNBytes(length);
            Instant firstSeen = Instant.ofEpochMilli(in.readLong());
            Instant lastSeen = Instant.ofEpochMilli(in.readLong());
            Instant visitStart = Instant.ofEpochMilli(in.readLong());
            int visits = in.readInt();
            long seenFrames = in.readLong();
            visitors.add(new Visitor(id, FaceEncoding.of(values), thumbnail, firstSeen, lastSeen, visitStart,
                    visits, seenFrames));
        }
        return visitors;
    }

    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private StoreException damaged(String what) {
        return new StoreException("visitor store " + file + " " + what);
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private Path tempFile() {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    private static void forceFolder(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot force folder {} to disk: {}", dir, e.toString());
        }
    }
}
