package org.doorbell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.doorbell.testing.TestVisitors;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.FaceSample;
import org.doorbell.visitors.VisitorStore;
import org.doorbell.visitors.store.VisitorStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doorbell visitors} on real store files. */
class VisitorsCommandTest {
    @TempDir
    Path tmp;

    private Path store;

    @BeforeEach
    void setUp() throws Exception {
        store = tmp.resolve("known_faces.db");
        List<Visitor> visitors = TestVisitors.visitors(3, 5, 200);
        Instant t = Instant.parse("2026-11-25T19:00:00Z");
        List<Visitor> timed = new ArrayList<>();
        // visitor 2 seen last, then 3, then 1
        long[] lastSeenMinutes = {10, 30, 20};
        for (Visitor v : visitors) {
            Visitor old = new Visitor(v.id(), v.encoding(), v.thumbnailJpeg(), t,
                    t.plusSeconds(60 * lastSeenMinutes[(int) v.id() - 1]), t, (int) v.id() + 1, 10 * v.id());
            if (v.id() == 2) {
                // visitor 2 has a name and a gallery of three samples
                List<FaceSample> gallery = List.of(old.samples().get(0), new FaceSample(v.encoding(), 0.8, t),
                        new FaceSample(v.encoding(), 0.5, t));
                old = new Visitor(2, "Alice", gallery, old.thumbnailJpeg(), 0.8, old.firstSeen(), old.lastSeen(),
                        old.firstSeenThisInteraction(), old.visits(), old.seenFrames());
            }
            timed.add(old);
        }
        try (VisitorStore s = VisitorStores.open(store, "any model")) {
            s.save(timed);
        }
    }

    @Test
    void jsonGivesOneObjectPerVisitorMostRecentFirst() throws Exception {
        CliRunner.Result r = run("--store", store.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        ObjectMapper json = new ObjectMapper();
        List<Long> ids = new ArrayList<>();
        for (String line : lines) {
            JsonNode v = json.readTree(line);
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            assertEquals(List.of("id", "first_seen", "last_seen", "visits", "seen_frames", "name", "samples", "not_same"),
                    keys);
            ids.add(v.get("id").asLong());
        }
        assertEquals(List.of(2L, 3L, 1L), ids);
        JsonNode second = json.readTree(lines.get(0));
        assertEquals("2026-11-25T19:00:00Z", second.get("first_seen").asText());
        assertEquals("2026-11-25T19:30:00Z", second.get("last_seen").asText());
        assertEquals(3, second.get("visits").asInt());
        assertEquals(20, second.get("seen_frames").asLong());
        assertEquals("Alice", second.get("name").asText());
        assertEquals(3, second.get("samples").asInt());
        JsonNode unnamed = json.readTree(lines.get(1));
        assertTrue(unnamed.get("name").isNull(), lines.get(1));
        assertEquals(1, unnamed.get("samples").asInt());
    }

    @Test
    void tableHasAHeaderAndOneRowPerVisitor() {
        CliRunner.Result r = run("--store", store.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(0).contains("ID") && lines.get(0).contains("LAST SEEN")
                && lines.get(0).contains("VISITS"), lines.get(0));
        List<String> row = List.of(lines.get(1).trim().split("\\s+"));
        assertEquals(List.of("2", "Alice", "2026-11-25T19:00:00Z", "2026-11-25T19:30:00Z", "3", "20"), row);
        assertTrue(lines.get(3).trim().startsWith("1 "), lines.get(3));
    }

    @Test
    void aMissingStoreListsNobody() {
        Path missing = tmp.resolve("none.db");
        CliRunner.Result json = run("--store", missing.toString(), "--json");
        assertEquals(0, json.exitCode());
        assertEquals("", json.out());
        assertEquals("", json.err());
        CliRunner.Result table = run("--store", missing.toString());
        assertEquals(0, table.exitCode());
        assertEquals(1, table.out().lines().count(), "only the header");
        assertTrue(Files.notExists(missing));
    }

    @Test
    void aDamagedStoreIsOneErrorLineAndIsLeftInPlace() throws Exception {
        byte[] bytes = Files.readAllBytes(store);
        Files.write(store, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CliRunner.Result r = run("--store", store.toString(), "--json");
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        List<String> err = r.err().lines().toList();
        assertEquals(1, err.size(), r.err());
        assertTrue(err.get(0).startsWith("doorbell: visitor store " + store), err.get(0));
        assertTrue(err.get(0).contains("is damaged"), err.get(0));
        assertTrue(Files.exists(store), "the read-only command moves nothing");
    }

    /** The real command line, as the user types {@code doorbell visitors ...}. */
    private static CliRunner.Result run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "visitors";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRunner.run(all);
    }
}
