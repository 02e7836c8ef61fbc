package org.doorbell.visitors;

import static org.doorbell.testing.TestVisitors.MODEL;
import static org.doorbell.testing.TestVisitors.assertSameVisitors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.doorbell.face.FaceEncoding;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.store.SqliteVisitorStore;
import org.doorbell.visitors.store.VisitorStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The SQLite store on real files: round trips, partial saves, secure deletes, and unusable files moved aside. */
class SqliteVisitorStoreTest {
    @TempDir
    Path tmp;

    private Path file;
    private final List<Visitor> visitors = TestVisitors.galleryVisitors(20, 7, 3000);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final List<VisitorStore> opened = new ArrayList<>();

    @BeforeEach
    void setUp() {
        file = tmp.resolve("data").resolve("known_faces.db");
        log.start();
        logger().addAppender(log);
    }

    @AfterEach
    void tearDown() {
        opened.forEach(VisitorStore::close);
        logger().detachAppender(log);
    }

    private VisitorStore open(String model) {
        VisitorStore store = VisitorStores.open(file, model);
        opened.add(store);
        return store;
    }

    @Test
    void roundTripKeepsEveryField() throws Exception {
        assertTrue(visitors.stream().anyMatch(v -> v.samples().size() > 2), "galleries of several samples");
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            assertEquals(file, store.path());
            assertEquals(List.of(), store.load());
            store.save(visitors);
            assertSameVisitors(visitors, store.load());
            assertSameVisitors(visitors, VisitorStores.readAny(file));
            assertEquals("rw-------", permissions(file));
            assertEquals("rw-------", permissions(file.resolveSibling("known_faces.db-wal")));
            assertEquals("rw-------", permissions(file.resolveSibling("known_faces.db-shm")));
            assertEquals("rwx------", permissions(file.getParent()));
        }
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            assertSameVisitors(visitors, store.load());
        }
        assertEquals(List.of("known_faces.db"), names(), "the WAL is folded in and removed at close");
        assertTrue(log.list.isEmpty(), log.list.toString());
    }

    @Test
    void aSaveChangesOnlyTheVisitorsGiven() throws Exception {
        VisitorStore store = open(MODEL);
        store.load();
        store.save(visitors);
        List<Visitor> expected = new ArrayList<>(visitors);
        Visitor v3 = visitors.get(2);
        Visitor changed = new Visitor(3, "Carol", List.of(v3.samples().get(0)), new byte[] {1, 2, 3}, 0.25,
                v3.firstSeen(), v3.lastSeen().plusSeconds(9), v3.lastSeen().plusSeconds(5), v3.visits() + 1,
                v3.seenFrames() + 40);
        Visitor added = TestVisitors.galleryVisitors(21, 8, 100).get(20);
        store.save(List.of(changed, added));
        expected.set(2, changed);
        expected.add(added);
        assertSameVisitors(expected, store.load());
        try (VisitorStore other = VisitorStores.open(file, MODEL)) {
            assertSameVisitors(expected, other.load());
        }
    }

    @Test
    void aSaveOfCountersWritesLittleAndAnUnchangedSaveNothing() throws Exception {
        VisitorStore store = open(MODEL);
        store.load();
        store.save(visitors);
        VisitorStore watcher = VisitorStores.open(tmp.resolve("data/known_faces.db"), MODEL);
        opened.add(watcher);
        watcher.load();
        long version = watcher.externalVersion();
        Path wal = file.resolveSibling("known_faces.db-wal");
        long walBefore = Files.size(wal);

        store.save(visitors);
        assertEquals(version, watcher.externalVersion(), "nothing changed: nothing committed");
        assertEquals(walBefore, Files.size(wal));

        List<Visitor> seenAgain = new ArrayList<>(visitors);
        Visitor v5 = visitors.get(4);
        seenAgain.set(4, new Visitor(5, v5.name(), v5.samples(), v5.thumbnailJpeg(), v5.thumbnailQuality(),
                v5.firstSeen(), v5.lastSeen().plusMillis(2000), v5.firstSeenThisInteraction(), v5.visits(),
                v5.seenFrames() + 1));
        store.save(seenAgain);
        assertNotEquals(version, watcher.externalVersion(), "the other store notices the commit");
        long grown = Files.size(wal) - walBefore;
        System.out.printf("store: a counter update of one visitor appended %d bytes to the WAL%n", grown);
        assertTrue(grown > 0 && grown <= 2 * (4096 + 24), "one or two pages, not the gallery: " + grown);
        assertSameVisitors(seenAgain, watcher.load());

        long own = store.externalVersion();
        store.save(List.of(seenAgain.get(4).withGallery(visitors.get(0).samples(), new byte[] {9}, 1)));
        assertEquals(own, store.externalVersion(), "its own commits do not count as outside changes");
    }

    @Test
    void editsByAnotherProcessAreNeverUndoneByARoutineSave() throws Exception {
        VisitorStore store = open(MODEL);
        store.load();
        store.save(visitors);
        try (VisitorStore other = VisitorStores.openExisting(file, null)) {
            other.load();
            assertTrue(other.delete(4));
            other.edit(tx -> tx.put(tx.find(5).orElseThrow().withName("Eve")));
        }
        // this store still holds visitor 4 and an unnamed 5, both seen again since
        List<Visitor> seenAgain = new ArrayList<>();
        for (Visitor v : visitors) {
            seenAgain.add(v.seenAt(v.lastSeen().plusSeconds(1), java.time.Duration.ofMinutes(5)));
        }
        store.save(seenAgain);
        try (VisitorStore other = VisitorStores.open(file, MODEL)) {
            List<Visitor> now = other.load();
            assertEquals(visitors.size() - 1, now.size(), "number of visitors");
            assertTrue(now.stream().noneMatch(v -> v.id() == 4), "the forgotten visitor is not written back");
            Visitor five = now.stream().filter(v -> v.id() == 5).findFirst().orElseThrow();
            assertEquals("Eve", five.name(), "the name given by the other process");
            Visitor six = now.stream().filter(v -> v.id() == 6).findFirst().orElseThrow();
            assertEquals(seenAgain.get(5).lastSeen(), six.lastSeen(), "an unedited visitor is saved");
        }
        // once this store has read the edits, its saves go through again
        VisitorStore.Edits edits = store.editsSince(0);
        assertEquals(java.util.Set.of(4L), edits.removed());
        assertEquals("Eve", edits.find(5).orElseThrow().name());
        Visitor fiveSeen = edits.find(5).orElseThrow().seenAt(seenAgain.get(4).lastSeen().plusSeconds(1),
                java.time.Duration.ofMinutes(5));
        store.save(List.of(fiveSeen));
        try (VisitorStore other = VisitorStores.open(file, MODEL)) {
            Visitor five = other.load().stream().filter(v -> v.id() == 5).findFirst().orElseThrow();
            assertEquals(fiveSeen.lastSeen(), five.lastSeen());
            assertEquals("Eve", five.name());
        }
        // a forgotten id is never given again
        assertTrue(store.newId() > visitors.size());
    }

    @Test
    void deleteRemovesTheVisitorAndItsBytesFromTheFiles() throws Exception {
        VisitorStore store = open(MODEL);
        store.load();
        store.save(visitors);
        Visitor gone = visitors.get(6);
        assertTrue(gone.samples().size() >= 1);
        List<byte[]> secrets = new ArrayList<>();
        for (FaceSample s : gone.samples()) {
            secrets.add(Arrays.copyOfRange(encode(s.encoding()), 0, 64));
        }
        secrets.add(Arrays.copyOfRange(gone.thumbnailJpeg(), 100, 164));
        byte[] kept = Arrays.copyOfRange(visitors.get(7).thumbnailJpeg(), 100, 164);
        for (byte[] secret : secrets) {
            assertTrue(occurs(secret), "before the delete the bytes are in the files");
        }

        assertTrue(store.delete(gone.id()));
        assertFalse(store.delete(gone.id()), "already gone");
        assertFalse(store.delete(999), "never existed");

        List<Visitor> rest = new ArrayList<>(visitors);
        rest.remove(gone);
        assertSameVisitors(rest, store.load());
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM samples WHERE visitor_id = " + gone.id())) {
            r.next();
            assertEquals(0, r.getInt(1), "its samples are deleted");
        }
        for (byte[] secret : secrets) {
            assertFalse(occurs(secret), "an encoding or the photo of the deleted visitor is still in the files");
        }
        assertTrue(occurs(kept), "the other visitors' photos are still there");
    }

    @Test
    void noFileMeansNoVisitorsAndReadingCreatesNothing() throws Exception {
        assertEquals(List.of(), VisitorStores.readAny(file));
        assertFalse(Files.exists(file.getParent()), "reading creates nothing");
        assertEquals(List.of(), open(MODEL).load());
        assertTrue(Files.isRegularFile(file), "loading creates the database");
        assertTrue(log.list.isEmpty());
    }

    @Test
    void readingAnyModelLeavesNoFileBehind() throws Exception {
        try (VisitorStore store = VisitorStores.open(file, "face-api.js resnet")) {
            store.save(visitors);
        }
        assertSameVisitors(visitors, VisitorStores.readAny(file));
        assertEquals(List.of("known_faces.db"), names());
    }

    @Test
    void deletingTheFilesResetsTheStore() throws Exception {
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            store.save(visitors);
        }
        Files.delete(file);
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            assertEquals(List.of(), store.load());
            store.save(visitors.subList(0, 2));
        }
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            assertSameVisitors(visitors.subList(0, 2), store.load());
        }
        assertTrue(log.list.isEmpty(), log.list.toString());
    }

    @Test
    void randomBytesAreMovedAside() throws Exception {
        Files.createDirectories(file.getParent());
        byte[] noise = new byte[50_000];
        new Random(3).nextBytes(noise);
        Files.write(file, noise);
        assertRefused("is not a visitor store (not an SQLite database)");
    }

    @Test
    void aTruncatedDatabaseIsMovedAside() throws Exception {
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            store.save(visitors);
        }
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > 40_000, "several pages: " + bytes.length);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused("is damaged");
    }

    @Test
    void anotherFaceModelsDatabaseIsMovedAsideAndStillReadable() throws Exception {
        try (VisitorStore store = VisitorStores.open(file, "face-api.js resnet")) {
            store.save(TestVisitors.galleryVisitors(20, 7, 3000));  // the same visitors: saved pictures are read from the file
        }
        byte[] original = Files.readAllBytes(file);
        assertSameVisitors(visitors, VisitorStores.readAny(file));
        Path aside = assertMovedAside(original, "face model 'face-api.js resnet'");
        assertSameVisitors(visitors, VisitorStores.readAny(aside));
    }

    @Test
    void aNewerSchemaIsMovedAside() throws Exception {
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            store.save(visitors);
        }
        sql("PRAGMA user_version = " + (SqliteVisitorStore.SCHEMA_VERSION + 1));
        assertRefused("schema version " + (SqliteVisitorStore.SCHEMA_VERSION + 1));
    }

    @Test
    void anotherSqliteDatabaseIsMovedAside() throws Exception {
        Files.createDirectories(file.getParent());
        sql("CREATE TABLE photos (id INTEGER PRIMARY KEY, jpeg BLOB)");
        assertRefused("is not a visitor store");
    }

    @Test
    void aDatabaseWithAMissingTableIsMovedAside() throws Exception {
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            store.save(visitors);
        }
        sql("DROP TABLE samples");
        assertRefused("table samples is missing");
    }

    @Test
    void movedAsideNamesAreNeverReused() throws Exception {
        for (int i = 0; i < 3; i++) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "damaged " + i + " ".repeat(200));
            try (VisitorStore store = VisitorStores.open(file, MODEL)) {
                assertEquals(List.of(), store.load());
            }
            Files.delete(file);
        }
        List<String> aside = names().stream().filter(n -> n.contains(".corrupt-")).toList();
        assertEquals(3, aside.size(), aside.toString());
        for (String name : aside) {
            assertTrue(name.matches("known_faces\\.db\\.corrupt-\\d{8}-\\d{6}(-\\d+)?"), aside.toString());
        }
        for (int i = 0; i < 3; i++) {
            String content = "damaged " + i;
            assertEquals(1, aside.stream().filter(n -> readString(n).startsWith(content)).count(), content);
        }
    }

    @Test
    void onlyTheThreeNewestDamagedCopiesAreKept() throws Exception {
        for (int i = 0; i < 5; i++) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "damaged " + i + " ".repeat(200));
            try (VisitorStore store = VisitorStores.open(file, MODEL)) {
                assertEquals(List.of(), store.load());
            }
            Files.delete(file);
        }
        List<String> aside = names().stream().filter(n -> n.contains(".corrupt-")).toList();
        assertEquals(3, aside.size(), aside.toString());
        for (int i = 0; i < 5; i++) {
            String content = "damaged " + i;
            assertEquals(i < 2 ? 0 : 1, aside.stream().filter(n -> readString(n).startsWith(content)).count(),
                    "the newest three, not " + content + ": " + aside);
        }
    }

    @Test
    void aFolderInPlaceOfTheFileIsLeftAloneAndReported() throws Exception {
        Files.createDirectories(file);
        IOException e = assertThrows(IOException.class, () -> open(MODEL).load());
        assertTrue(e.getMessage().startsWith("cannot read the visitor store " + file), e.getMessage());
        StoreException s = assertThrows(StoreException.class, () -> VisitorStores.readAny(file));
        assertTrue(s.getMessage().startsWith("cannot read the visitor store " + file), s.getMessage());
        assertTrue(Files.isDirectory(file), "left where it is");
        assertTrue(aside().isEmpty());
    }

    @Test
    void aFileWithoutPermissionIsLeftAloneAndReported() throws Exception {
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            store.save(visitors);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        try {
            // root reads any file whatever its permissions, so the case cannot happen there
            assumeFalse(Files.isReadable(file), "running as root: permissions do not stop reading");
            IOException e = assertThrows(IOException.class, () -> open(MODEL).load());
            assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
            assertThrows(StoreException.class, () -> VisitorStores.readAny(file));
            assertTrue(Files.exists(file), "left where it is");
            assertTrue(aside().isEmpty());
        } finally {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** The file is refused by readAny, then moved aside by load; returns the moved file. */
    private Path assertRefused(String reason) throws Exception {
        byte[] original = Files.readAllBytes(file);
        StoreException e = assertThrows(StoreException.class, () -> VisitorStores.readAny(file));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        return assertMovedAside(original, reason);
    }

    /** Moved aside by load (after readAny, which reads any model, moved and changed nothing); returns the moved file. */
    private Path assertMovedAside(byte[] original, String reason) throws Exception {
        assertTrue(Files.exists(file), "readAny moves nothing");
        assertArrayEquals(original, Files.readAllBytes(file), "readAny changes nothing");

        VisitorStore store = open(MODEL);
        assertEquals(List.of(), store.load());
        List<Path> aside = aside();
        assertEquals(1, aside.size(), aside.toString());
        assertTrue(aside.get(0).getFileName().toString().matches("known_faces\\.db\\.corrupt-\\d{8}-\\d{6}(-\\d+)?"),
                aside.toString());
        assertArrayEquals(original, Files.readAllBytes(aside.get(0)), "moved, not changed");

        assertEquals(1, log.list.size(), log.list.toString());
        ILoggingEvent warning = log.list.get(0);
        assertEquals(Level.WARN, warning.getLevel());
        String line = warning.getFormattedMessage();
        assertTrue(line.contains(reason) && line.contains(aside.get(0).toString())
                && line.contains("starting with no known visitors"), line);

        store.save(visitors);
        assertSameVisitors(visitors, store.load());
        store.close();
        try (VisitorStore again = VisitorStores.open(file, MODEL)) {
            assertSameVisitors(visitors, again.load());
        }
        assertArrayEquals(original, Files.readAllBytes(aside.get(0)), "the moved file is kept");
        assertEquals(1, log.list.size(), "one warning only");
        return aside.get(0);
    }

    private void sql(String statement) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = db.createStatement()) {
            s.execute(statement);
        }
    }

    /** True if the bytes occur in the database or its WAL file. */
    private boolean occurs(byte[] needle) throws IOException {
        for (String suffix : List.of("", "-wal")) {
            Path f = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(f) && indexOf(Files.readAllBytes(f), needle) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** An encoding as the schema stores it: 128 big-endian doubles. */
    private static byte[] encode(FaceEncoding e) {
        ByteBuffer b = ByteBuffer.allocate(FaceEncoding.DIMENSIONS * Double.BYTES);
        for (int i = 0; i < FaceEncoding.DIMENSIONS; i++) {
            b.putDouble(e.get(i));
        }
        return b.array();
    }

    private static String permissions(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private List<Path> aside() throws IOException {
        try (Stream<Path> files = Files.list(file.getParent())) {
            return files.filter(p -> p.getFileName().toString().startsWith("known_faces.db.corrupt-")
                    && !p.getFileName().toString().endsWith("-wal") && !p.getFileName().toString().endsWith("-shm"))
                    .toList();
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

    private static Logger logger() {
        return (Logger) LoggerFactory.getLogger(SqliteVisitorStore.class);
    }
}
