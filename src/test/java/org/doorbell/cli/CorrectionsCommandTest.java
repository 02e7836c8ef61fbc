package org.doorbell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.doorbell.testing.SmallDisk;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner's corrections from the command line on real photos and a real store: enrolment from
 * photos then recognition by name in a replay, refused photos, and a split that sticks.
 */
class CorrectionsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    Path tmp;

    /** Where the store lies: in the test's folder, unless a test puts it elsewhere. */
    private Path storeFile;

    private Path store() {
        return storeFile != null ? storeFile : tmp.resolve("known_faces.db");
    }

    private CliRunner.Result cli(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--store");
        all.add(store().toString());
        all.add("--config");
        all.add(CliRunner.config(tmp).toString());
        return CliRunner.run(all.toArray(String[]::new));
    }

    /** Replays photos, two per person 0.2 s apart, each person 10 minutes after the one before. */
    private List<JsonNode> replay(Instant start, String... photos) throws Exception {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < photos.length; i++) {
            Instant at = start.plusSeconds(600L * (i / 2)).plusMillis(200L * (i % 2));
            list.append(at).append(' ').append(TestFaces.file(photos[i]).toAbsolutePath()).append('\n');
        }
        Path file = Files.writeString(Files.createTempFile(tmp, "list", ".txt"), list);
        CliRunner.Result r = cli("replay", "--json", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            JsonNode n = JSON.readTree(line);
            assertEquals(1, n.get("faces").size(), line);
            out.add(n.get("faces").get(0));
        }
        assertEquals(photos.length, out.size(), r.out());
        return out;
    }

    private List<JsonNode> visitors() throws Exception {
        CliRunner.Result r = cli("visitors", "--json");
        assertEquals(0, r.exitCode(), r.err());
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void enrolledPeopleAreRecognisedByNameWhenTheyCome() throws Exception {
        CliRunner.Result penny = cli("visitors", "add", "--name", "Penny", TestFaces.file("kaley_cuoco/penny1.png").toString(),
                TestFaces.file("kaley_cuoco/penny2.png").toString());
        assertEquals(0, penny.exitCode(), penny.err());
        assertEquals("Penny enrolled as visitor #1 from 2 photos.", penny.out().strip());
        CliRunner.Result sheldon = cli("visitors", "add", "--name", "Sheldon",
                TestFaces.file("jim_parsons/sheldon1.png").toString(), TestFaces.file("jim_parsons/sheldon2.png").toString());
        assertEquals(0, sheldon.exitCode(), sheldon.err());
        assertEquals("Sheldon enrolled as visitor #2 from 2 photos.", sheldon.out().strip());
        List<JsonNode> listed = visitors();
        assertEquals(2, listed.size());
        for (JsonNode v : listed) {
            assertEquals(0, v.get("visits").asInt(), "not seen yet: " + v);
            assertEquals(2, v.get("samples").asInt(), "one sample per photo: " + v);
        }

        List<JsonNode> faces = replay(T, "kaley_cuoco/penny3.png", "kaley_cuoco/penny4.png",
                "jim_parsons/sheldon3.png", "jim_parsons/sheldon4.png");
        for (int i = 0; i < 4; i++) {
            long expected = i < 2 ? 1 : 2;
            assertEquals(expected, faces.get(i).get("visitor").asLong(), "photo " + i + ": " + faces.get(i));
            assertEquals(false, faces.get(i).get("new").asBoolean(), faces.get(i).toString());
        }
        assertTrue(faces.stream().anyMatch(f -> f.get("label").asText().startsWith("Penny - at door")), faces.toString());
        assertTrue(faces.stream().anyMatch(f -> f.get("label").asText().startsWith("Sheldon - at door")), faces.toString());
        for (JsonNode v : visitors()) {
            assertEquals(1, v.get("visits").asInt(), "their first visit: " + v);
        }

        // everything stored about them, for the owner, owner-only
        Path out = tmp.resolve("export");
        CliRunner.Result exported = cli("visitors", "export", out.toString());
        assertEquals(0, exported.exitCode(), exported.err());
        assertEquals("Exported 2 visitors to " + out, exported.out().strip());
        JsonNode pennyExported = JSON.readTree(out.resolve("visitor-1.json").toFile());
        assertEquals("Penny", pennyExported.get("name").asText());
        assertEquals(128, pennyExported.get("samples").get(0).get("encoding").size());
        byte[] jpeg = Files.readAllBytes(out.resolve("visitor-1.jpg"));
        assertEquals((byte) 0xFF, jpeg[0]);
        assertEquals((byte) 0xD8, jpeg[1]);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out.resolve("visitor-2.json"))));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    }

    @Test
    void aPhotoWithoutExactlyOneUsableFaceIsRefusedByName() throws Exception {
        Path dog = TestFaces.file("noface/dlib_dog.jpg");
        CliRunner.Result r = cli("visitors", "add", "--name", "Rex", dog.toString());
        assertEquals(DoorbellCli.EXIT_SOME_FAILED, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(dog.toString()) && r.err().contains("no face found"), r.err());

        Path group = TestFaces.file("groups/bbt1.jpg");
        r = cli("visitors", "add", "--name", "Raj", TestFaces.file("kunal_nayyar").resolve(
                Files.list(TestFaces.file("kunal_nayyar")).sorted().findFirst().orElseThrow().getFileName()).toString(),
                group.toString());
        assertEquals(DoorbellCli.EXIT_SOME_FAILED, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(group.toString()) && r.err().contains(" faces found; use a photo of this person alone"), r.err());
        assertEquals(0, visitors().size(), "nobody enrolled");
    }

    @Test
    void aSplitVisitDoesNotFallBackIntoTheOldVisitor() throws Exception {
        List<JsonNode> first = replay(T, "kaley_cuoco/penny1.png", "kaley_cuoco/penny2.png",
                "jim_parsons/sheldon1.png", "jim_parsons/sheldon2.png");
        assertEquals(1, first.get(0).get("visitor").asLong());
        assertEquals(2, first.get(2).get("visitor").asLong());
        // a wrong merge: Sheldon's visit into Penny
        CliRunner.Result merged = cli("visitors", "merge", "2", "1");
        assertEquals(0, merged.exitCode(), merged.err());
        assertEquals("Visitor #2 merged into Visitor #1: 2 visits.", merged.out().strip());
        // not this person: the latest visit, Sheldon's, becomes a visitor of its own
        CliRunner.Result split = cli("visitors", "split", "1");
        assertEquals(0, split.exitCode(), split.err());
        assertEquals("The latest visit is now Visitor #3.", split.out().strip());
        List<JsonNode> listed = visitors();
        assertEquals(2, listed.size(), listed.toString());
        for (JsonNode v : listed) {
            assertEquals(1, v.get("visits").asInt(), v.toString());
            assertEquals(List.of(v.get("id").asLong() == 1 ? 3L : 1L), List.of(v.get("not_same").get(0).asLong()));
        }

        List<JsonNode> again = replay(T.plusSeconds(1800), "jim_parsons/sheldon3.png", "jim_parsons/sheldon4.png",
                "kaley_cuoco/penny3.png", "kaley_cuoco/penny4.png");
        for (int i = 0; i < 2; i++) {
            assertNotEquals(1, again.get(i).get("visitor").asLong(), "Sheldon is not Penny again: " + again.get(i));
            assertEquals(3, again.get(i).get("visitor").asLong(), "Sheldon is his own visitor: " + again.get(i));
            assertEquals(1, again.get(i + 2).get("visitor").asLong(), "Penny is still Penny: " + again.get(i + 2));
        }
        // ids are never given twice, not even after a forget
        assertEquals(0, cli("visitors", "forget", "3").exitCode());
        CliRunner.Result gone = cli("visitors", "forget", "3");
        assertEquals(DoorbellCli.EXIT_SOME_FAILED, gone.exitCode());
        assertEquals("doorbell: There is no visitor #3.", gone.err().strip());
        List<JsonNode> last = replay(T.plusSeconds(3600), "jim_parsons/sheldon5.png", "jim_parsons/sheldon1.png");
        assertEquals(4, last.get(0).get("visitor").asLong(), "a new id after a forget: " + last.get(0));
    }

    @Test
    void onAFullDiskACorrectionFailsWithOneLineAndTheStoreKeepsWhatItHad() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(tmp.resolve("disk"), 2 << 20)) {
            storeFile = disk.dir().resolve("known_faces.db");
            replay(T, "kaley_cuoco/penny1.png", "kaley_cuoco/penny2.png");
            disk.fill();

            CliRunner.Result named = cli("visitors", "name", "1", "Penny");
            assertNotEquals(0, named.exitCode(), named.err());
            assertEquals(1, named.err().strip().lines().count(), named.err());
            assertTrue(named.err().contains(disk.dir() + ") is full; free some space"), named.err());
            CliRunner.Result added = cli("visitors", "add", "--name", "Sheldon", TestFaces.file("jim_parsons/sheldon1.png").toString());
            assertNotEquals(0, added.exitCode(), added.err());
            assertEquals(1, added.err().strip().lines().count(), added.err());
            assertTrue(added.err().contains("is full"), added.err());

            Files.delete(disk.dir().resolve("filler"));
            List<JsonNode> kept = visitors();
            assertEquals(1, kept.size(), kept.toString());
            assertTrue(kept.get(0).path("name").isNull() || kept.get(0).path("name").asText().isEmpty(), kept.toString());
        }
    }
}
