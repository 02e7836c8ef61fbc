package org.doorbell.recognition;

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.image.ImageFiles;
import org.doorbell.testing.SmallDisk;
import org.doorbell.testing.TestFaces;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorSettings;
import org.doorbell.visitors.VisitorStore;
import org.doorbell.visitors.store.VisitorStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.slf4j.LoggerFactory;

/**
 * A full disk under the store, for real: a small tmpfs that a filler file fills. Recognition goes
 * on, the failure is said once, the changes wait in memory and are saved when space returns, and
 * the store on disk holds its last commit throughout.
 */
class FullDiskTest {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    /** A new face: not sure yet, then "New visitor!" when its track is decided, then its visitor. */
    private static final List<RecognizedFace.Kind> SEEN_NEW = List.of(RecognizedFace.Kind.UNSURE,
            RecognizedFace.Kind.NEW_VISITOR, RecognizedFace.Kind.KNOWN_VISITOR);

    @TempDir
    Path tmp;

    @Test
    void recognitionGoesOnAndTheStoreIsSavedWhenSpaceReturns() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        logger.addAppender(log);
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO);
        try (SmallDisk disk = SmallDisk.mount(tmp.resolve("disk"), 2 << 20);
             DlibFaceEngine engine = DlibFaceEngine.open(TestFaces.settings())) {
            Path file = disk.dir().resolve("known_faces.db");
            Mat penny = ImageFiles.readBgr(TestFaces.file("kaley_cuoco/penny1.png"));
            Mat sheldon = ImageFiles.readBgr(TestFaces.file("jim_parsons/sheldon1.png"));
            Mat howard = ImageFiles.readBgr(TestFaces.file("simon_helberg/" + firstPhoto("simon_helberg")));
            try (VisitorStore store = VisitorStores.open(file, TestVisitors.MODEL)) {
                FramePipeline pipeline = new FramePipeline(engine, store, VisitorSettings.DEFAULTS,
                        RecognitionSettings.DEFAULTS, T0, o -> { });
                Frames frames = new Frames(pipeline);
                assertEquals(SEEN_NEW, frames.show(penny, T0, 15));
                assertEquals(1, VisitorStores.readAny(file).size(), "Penny saved at once");

                Path filler = disk.fill();
                // two new visitors while nothing can be written: both are recognised and shown
                assertEquals(SEEN_NEW, frames.show(sheldon, T0.plusSeconds(10), 15));
                assertEquals(SEEN_NEW, frames.show(howard, T0.plusSeconds(15), 15));
                assertEquals(List.of(RecognizedFace.Kind.KNOWN_VISITOR), frames.show(sheldon, T0.plusSeconds(20), 5));
                assertTrue(pipeline.saveFailing());
                assertEquals(3, pipeline.visitors().size());
                assertEquals(List.of(1L), ids(VisitorStores.readAny(file)), "the store holds its last commit");
                assertEquals(1, count(log, Level.ERROR, "cannot save"), messages(log));
                assertEquals(1, count(log, Level.ERROR, ""), "one error: " + messages(log));
                assertTrue(count(log, Level.WARN, "") <= 1, "at most the id counter's warning: " + messages(log));

                Files.delete(filler);
                // the next try, 30 s of capture time after the last failed one, saves both
                frames.show(sheldon, T0.plusSeconds(60), 5);
                assertFalse(pipeline.saveFailing());
                assertEquals(List.of(1L, 2L, 3L), ids(VisitorStores.readAny(file)));
                assertEquals(1, count(log, Level.INFO, "can be written again"), messages(log));
                assertEquals(1, count(log, Level.ERROR, "cannot save"), messages(log));
                pipeline.finish();
            } finally {
                penny.release();
                sheldon.release();
                howard.release();
            }
            try (VisitorStore reopened = VisitorStores.open(file, TestVisitors.MODEL)) {
                assertEquals(List.of(1L, 2L, 3L), ids(reopened.load()), "intact, and opens as the appliance opens it");
            }
        } finally {
            logger.detachAppender(log);
            logger.setLevel(before);
        }
    }

    /** Shows one photo as frames 0.1 s apart, from {@code start}; returns the label of the last frame. */
    private static final class Frames {
        private final FramePipeline pipeline;
        private long sequence;

        Frames(FramePipeline pipeline) {
            this.pipeline = pipeline;
        }

        List<RecognizedFace.Kind> show(Mat photo, Instant start, int count) {
            java.util.LinkedHashSet<RecognizedFace.Kind> kinds = new java.util.LinkedHashSet<>();
            for (int i = 0; i < count; i++) {
                Recognition r = pipeline.process(photo, sequence++, start.plus(Duration.ofMillis(100L * i)));
                assertEquals(1, r.faces().size(), "one face");
                kinds.add(r.faces().get(0).kind());
            }
            return List.copyOf(kinds);
        }
    }

    private static String firstPhoto(String person) throws IOException {
        try (var files = Files.list(TestFaces.file(person))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png") || n.endsWith(".jpg"))
                    .sorted().findFirst().orElseThrow();
        }
    }

    private static List<Long> ids(List<Visitor> visitors) {
        return visitors.stream().map(Visitor::id).sorted().toList();
    }

    private static long count(ListAppender<ILoggingEvent> log, Level level, String text) {
        return log.list.stream().filter(e -> e.getLevel() == level && e.getFormattedMessage().contains(text)).count();
    }

    private static String messages(ListAppender<ILoggingEvent> log) {
        return String.join("\n", log.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }
}
