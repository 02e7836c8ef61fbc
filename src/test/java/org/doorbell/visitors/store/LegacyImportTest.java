package org.doorbell.visitors.store;

import static org.doorbell.testing.TestVisitors.MODEL;
import static org.doorbell.testing.TestVisitors.assertSameVisitors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A store file of format 1 ({@code known_faces.dat}) is imported once into the database and kept aside. */
class LegacyImportTest {
    @TempDir
    Path tmp;

    private Path dat;
    private Path db;
    private final List<Visitor> visitors = TestVisitors.visitors(25, 11, 2500);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Level level;

    @BeforeEach
    void setUp() throws IOException {
        dat = tmp.resolve("known_faces.dat");
        db = tmp.resolve("known_faces.db");
        new LegacyVisitorFile(dat, MODEL).save(visitors);
        log.start();
        level = logger().getLevel();
        logger().setLevel(Level.INFO);
        logger().addAppender(log);
    }

    @AfterEach
    void tearDown() {
        logger().detachAppender(log);
        logger().setLevel(level);
    }

    @Test
    void theOldFileBesideTheDatabaseIsImportedOnce() throws Exception {
        byte[] old = Files.readAllBytes(dat);
        try (VisitorStore store = VisitorStores.open(db, MODEL)) {
            assertSameVisitors(visitors, store.load());
        }
        assertImported(old, db);

        // a second start imports nothing, even if an old file appears again
        new LegacyVisitorFile(dat, MODEL).save(TestVisitors.visitors(2, 12, 100));
        try (VisitorStore store = VisitorStores.open(db, MODEL)) {
            assertSameVisitors(visitors, store.load());
        }
        assertEquals(1, log.list.size(), log.list.toString());
        assertTrue(Files.exists(dat), "a file that was not imported is left alone");
    }

    @Test
    void aStorePathNamingTheOldFileImportsIntoTheSameNameWithDb() throws Exception {
        byte[] old = Files.readAllBytes(dat);
        try (VisitorStore store = VisitorStores.open(dat, MODEL)) {
            assertEquals(db, store.path());
            assertSameVisitors(visitors, store.load());
        }
        assertImported(old, db);

        // the service keeps passing the old name: the same database, nothing imported again
        try (VisitorStore store = VisitorStores.open(dat, MODEL)) {
            assertEquals(db, store.path());
            assertSameVisitors(visitors, store.load());
            store.save(visitors.subList(0, 1));
        }
        assertEquals(1, log.list.size(), log.list.toString());
        assertSameVisitors(visitors, VisitorStores.readAny(dat));
    }

    @Test
    void theOldFileCanBeListedBeforeItIsImported() throws Exception {
        assertSameVisitors(visitors, VisitorStores.readAny(db));
        assertSameVisitors(visitors, VisitorStores.readAny(dat));
        assertFalse(Files.exists(db), "reading imports nothing");
        assertTrue(Files.exists(dat));
    }

    @Test
    void aDamagedOldFileIsMovedAsideAndTheStoreStartsEmpty() throws Exception {
        byte[] bytes = Files.readAllBytes(dat);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(dat, bytes);
        assertRefused(bytes, "checksum mismatch");
    }

    @Test
    void anOldFileOfAnotherModelIsMovedAside() throws Exception {
        new LegacyVisitorFile(dat, "face-api.js resnet").save(visitors);
        assertRefused(Files.readAllBytes(dat), "face model 'face-api.js resnet'");
    }

    private void assertRefused(byte[] bytes, String reason) throws Exception {
        try (VisitorStore store = VisitorStores.open(db, MODEL)) {
            assertEquals(List.of(), store.load());
            store.save(visitors.subList(0, 3));
        }
        List<Path> aside = files("known_faces.dat.corrupt-");
        assertEquals(1, aside.size(), aside.toString());
        assertArrayEquals(bytes, Files.readAllBytes(aside.get(0)));
        assertFalse(Files.exists(dat));
        assertEquals(1, log.list.size(), log.list.toString());
        assertEquals(Level.WARN, log.list.get(0).getLevel());
        String line = log.list.get(0).getFormattedMessage();
        assertTrue(line.contains(reason) && line.contains("starting with no known visitors"), line);
        try (VisitorStore store = VisitorStores.open(db, MODEL)) {
            assertSameVisitors(visitors.subList(0, 3), store.load());
        }
    }

    private void assertImported(byte[] old, Path into) throws IOException {
        assertFalse(Files.exists(dat), "the old file is renamed");
        List<Path> kept = files("known_faces.dat.imported-");
        assertEquals(1, kept.size(), kept.toString());
        assertTrue(kept.get(0).getFileName().toString().matches("known_faces\\.dat\\.imported-\\d{8}-\\d{6}"),
                kept.toString());
        assertArrayEquals(old, Files.readAllBytes(kept.get(0)), "kept as it was");
        assertTrue(Files.exists(into));
        assertEquals(1, log.list.size(), log.list.toString());
        ILoggingEvent line = log.list.get(0);
        assertEquals(Level.INFO, line.getLevel());
        assertTrue(line.getFormattedMessage().contains("imported " + visitors.size() + " visitors from " + dat),
                line.getFormattedMessage());
    }

    private List<Path> files(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    private static Logger logger() {
        return (Logger) LoggerFactory.getLogger(SqliteVisitorStore.class);
    }
}
