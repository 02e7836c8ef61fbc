package org.doorbell.visitors;

import static org.doorbell.testing.TestVisitors.MODEL;
import static org.doorbell.testing.TestVisitors.assertSameVisitors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.doorbell.testing.TestVisitors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The store file: round trips, and damaged, foreign and future files moved aside, never overwritten. */
class VisitorStoreTest {
    @TempDir
    Path tmp;

    private Path file;
    private VisitorStore store;
    private final List<Visitor> visitors = TestVisitors.visitors(20, 7, 3000);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void setUp() {
        file = tmp.resolve("data").resolve("known_faces.dat");
        store = new VisitorStore(file, MODEL);
        log.start();
        logger().addAppender(log);
    }

    @AfterEach
    void tearDown() {
        logger().detachAppender(log);
    }

    @Test
    void roundTripKeepsEveryField() throws Exception {
        store.save(visitors);
        assertTrue(Files.isRegularFile(file), "the data folder is created");
        assertSameVisitors(visitors, store.load());
        assertSameVisitors(visitors, store.read());
        assertSameVisitors(visitors, VisitorStore.readAny(file));
        assertSameVisitors(visitors, new VisitorStore(file, MODEL).load());
        assertEquals(List.of("known_faces.dat"), names(), "no temporary file left");
    }

    @Test
    void anEmptyStoreRoundTrips() throws Exception {
        store.save(List.of());
        assertEquals(List.of(), store.load());
    }

    @Test
    void aSecondSaveReplacesTheFirst() throws Exception {
        store.save(visitors);
        List<Visitor> other = TestVisitors.visitors(3, 8, 100);
        store.save(other);
        assertSameVisitors(other, store.load());
    }

    @Test
    void noFileMeansNoVisitors() throws Exception {
        assertEquals(List.of(), store.load());
        assertEquals(List.of(), store.read());
        assertEquals(List.of(), VisitorStore.readAny(file));
        assertFalse(Files.exists(file.getParent()), "loading creates nothing");
        assertTrue(log.list.isEmpty());
    }

    @Test
    void aTruncatedFileIsMovedAside() throws Exception {
        store.save(visitors);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused("checksum mismatch");
    }

    @Test
    void aFileCutInsideTheHeaderIsMovedAside() throws Exception {
        store.save(visitors);
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 6));
        assertRefused("is not a visitor store");
    }

    @Test
    void aFlippedByteIsMovedAside() throws Exception {
        store.save(visitors);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 0x10;
        Files.write(file, bytes);
        assertRefused("checksum mismatch");
    }

    @Test
    void aFileThatIsNotAStoreIsMovedAside() throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"visitors\": []}");
        assertRefused("is not a visitor store");
    }

    @Test
    void anEmptyFileIsMovedAside() throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[0]);
        assertRefused("is not a visitor store");
    }

    @Test
    void anUnknownFormatVersionIsMovedAside() throws Exception {
        store.save(visitors);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(4, 2);
        Files.write(file, bytes);
        assertRefused("format version 2");
    }

    @Test
    void anotherFaceModelsStoreIsMovedAside() throws Exception {
        new VisitorStore(file, "face-api.js resnet").save(visitors);
        assertRefused("face model 'face-api.js resnet'");
    }

    @Test
    void aGoodChecksumOverBadContentIsStillRefused() throws Exception {
        // a well-formed frame whose count promises more visitors than there are
        byte[] body = frame(out -> {
            out.writeUTF(MODEL);
            out.writeInt(5);
            out.writeLong(1);
        });
        Files.createDirectories(file.getParent());
        Files.write(file, body);
        assertRefused("is damaged");
    }

    @Test
    void anotherModelsStoreIsReadableForInspection() throws Exception {
        new VisitorStore(file, "face-api.js resnet").save(visitors);
        assertSameVisitors(visitors, VisitorStore.readAny(file));
        assertTrue(Files.exists(file));
    }

    @Test
    void movedAsideNamesAreNeverReused() throws Exception {
        for (int i = 0; i < 3; i++) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "damaged " + i);
            assertEquals(List.of(), store.load());
        }
        List<String> aside = names().stream().filter(n -> n.contains(".corrupt-")).toList();
        assertEquals(3, aside.size(), aside.toString());
        assertTrue(aside.get(0).matches("known_faces\\.dat\\.corrupt-\\d{8}-\\d{6}(-\\d+)?"), aside.toString());
        for (int i = 0; i < 3; i++) {
            String content = "damaged " + i;
            assertEquals(1, aside.stream().filter(n -> readString(n).equals(content)).count(), content);
        }
    }

    @Test
    void aStaleTemporaryFileIsIgnoredAndCleaned() throws Exception {
        store.save(visitors);
        Path temp = file.resolveSibling("known_faces.dat.tmp");
        Files.write(temp, new byte[] {1, 2, 3});
        assertSameVisitors(visitors, store.read());
        assertSameVisitors(visitors, store.load());
        assertFalse(Files.exists(temp));
        Files.write(temp, new byte[] {1, 2, 3});
        store.save(visitors.subList(0, 2));
        assertSameVisitors(visitors.subList(0, 2), store.read());
        assertFalse(Files.exists(temp));
    }

    @Test
    void aFileThatCannotBeReadIsLeftAloneAndReported() throws Exception {
        Files.createDirectories(file);
        StoreException e = assertThrows(StoreException.class, store::read);
        assertTrue(e.getMessage().startsWith("cannot read visitor store " + file), e.getMessage());
        assertThrows(IOException.class, store::load);
        assertTrue(Files.isDirectory(file), "left where it is");
        assertTrue(aside().isEmpty());
    }

    private void assertRefused(String reason) throws Exception {
        byte[] original = Files.readAllBytes(file);
        StoreException e = assertThrows(StoreException.class, store::read);
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(Files.exists(file), "read() moves nothing");

        assertEquals(List.of(), store.load());
        assertFalse(Files.exists(file), "the unreadable file is moved away");
        List<Path> aside = aside();
        assertEquals(1, aside.size(), aside.toString());
        assertTrue(Arrays.equals(original, Files.readAllBytes(aside.get(0))), "moved, not changed");

        assertEquals(1, log.list.size(), log.list.toString());
        ILoggingEvent warning = log.list.get(0);
        assertEquals(Level.WARN, warning.getLevel());
        String line = warning.getFormattedMessage();
        assertTrue(line.contains(reason) && line.contains(aside.get(0).toString())
                && line.contains("starting with no known visitors"), line);

        store.save(visitors);
        assertSameVisitors(visitors, store.load());
        assertTrue(Arrays.equals(original, Files.readAllBytes(aside.get(0))), "the moved file is kept");
    }

    private List<Path> aside() throws IOException {
        try (Stream<Path> files = Files.list(file.getParent())) {
            return files.filter(p -> p.getFileName().toString().startsWith("known_faces.dat.corrupt-")).toList();
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(file.getParent())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private String readString(String name) {
        try {
            return Files.readString(file.resolveSibling(name));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    /** Magic, version 1, the body, and a correct CRC-32. */
    private static byte[] frame(Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeBytes("DBVS");
        out.writeInt(1);
        body.write(out);
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }

    private static Logger logger() {
        return (Logger) LoggerFactory.getLogger(VisitorStore.class);
    }
}
