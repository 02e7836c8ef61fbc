package org.doorbell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.testing.Scenes;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;

/** {@code doorbell replay} on real photos through the appliance's recognition, real dlib and a real store. */
class ReplayCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FaceEngine engine;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() {
        engine = DlibFaceEngine.open(TestFaces.settings());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private CliRunner.Result replay(Path list, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--config", CliRunner.config(tmp).toString(), "replay",
                "--store", tmp.resolve("known_faces.db").toString()));
        args.addAll(List.of(extra));
        args.add(list.toString());
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String l : out.lines().toList()) {
            nodes.add(JSON.readTree(l));
        }
        return nodes;
    }

    private static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            k.add(it.next());
        }
        return k;
    }

    /** A 640x480 frame with this person's face 150 px tall in the middle, written as PNG. */
    private Path scene(String name, String photo) throws Exception {
        Mat frame = Scenes.withFace(engine, TestFaces.file(photo), 150, 640, 480);
        try {
            Path out = tmp.resolve(name + ".png");
            assertTrue(Imgcodecs.imwrite(out.toString(), frame));
            return out;
        } finally {
            frame.release();
        }
    }

    /** Two people side by side in one 960x480 frame. */
    private Path pair(String name, String left, String right) throws Exception {
        Mat a = Scenes.withFace(engine, TestFaces.file(left), 150, 480, 480);
        Mat b = Scenes.withFace(engine, TestFaces.file(right), 150, 480, 480);
        Mat frame = new Mat(480, 960, a.type());
        try {
            Mat l = frame.submat(new Rect(0, 0, 480, 480));
            Mat r = frame.submat(new Rect(480, 0, 480, 480));
            a.copyTo(l);
            b.copyTo(r);
            l.release();
            r.release();
            Path out = tmp.resolve(name + ".png");
            assertTrue(Imgcodecs.imwrite(out.toString(), frame));
            return out;
        } finally {
            a.release();
            b.release();
            frame.release();
        }
    }

    @Test
    void jsonLinesInInputOrderWithCommentsErrorsAndTheFinalVisitor() throws Exception {
        Path list = Files.writeString(tmp.resolve("list.txt"), String.join("\n",
                "# Penny at the door, twice 0.2 s apart; then a broken file; then nobody",
                "",
                "2026-11-27T10:00:00Z " + TestFaces.file("kaley_cuoco/penny1.png").toAbsolutePath() + "   # first",
                "2026-11-27T10:00:00.200Z " + TestFaces.file("kaley_cuoco/penny2.png").toAbsolutePath(),
                "   # indented comment",
                "2026-11-27T10:05:00Z " + tmp.resolve("missing.jpg"),
                "2026-11-27T11:10:00+01:00 " + TestFaces.file("noface/dlib_dog.jpg").toAbsolutePath(),
                ""));
        CliRunner.Result r = replay(list, "--json");
        assertEquals(DoorbellCli.EXIT_SOME_FAILED, r.exitCode(), r.err());
        List<JsonNode> out = lines(r.out());
        assertEquals(4, out.size(), r.out());

        JsonNode first = out.get(0);
        assertEquals(List.of("file", "time", "faces"), keys(first));
        assertTrue(first.get("file").asText().endsWith("penny1.png"));
        assertEquals("2026-11-27T10:00:00Z", first.get("time").asText());
        JsonNode face = first.get("faces").get(0);
        assertEquals(List.of("box", "visitor", "new", "label"), keys(face));
        assertEquals(4, face.get("box").size());
        // shown as not sure on the first frame, finally attributed to the visitor its track registered
        assertEquals("Not sure yet", face.get("label").asText());
        assertEquals(1, face.get("visitor").asLong());
        assertTrue(face.get("new").asBoolean());

        JsonNode second = out.get(1).get("faces").get(0);
        assertEquals(1, second.get("visitor").asLong());
        assertEquals("New visitor!", second.get("label").asText());

        assertEquals(List.of("file", "time", "error"), keys(out.get(2)));
        assertTrue(out.get(2).get("error").asText().contains("missing.jpg"), out.get(2).toString());
        assertEquals("2026-11-27T10:10:00Z", out.get(3).get("time").asText());
        assertEquals(0, out.get(3).get("faces").size());

        // the store holds the visitor, seen in both frames
        CliRunner.Result v = CliRunner.run("visitors", "--json", "--store", tmp.resolve("known_faces.db").toString());
        List<JsonNode> visitors = lines(v.out());
        assertEquals(1, visitors.size(), v.out());
        assertEquals(2, visitors.get(0).get("seen_frames").asLong());
        assertEquals(1, visitors.get(0).get("visits").asInt());
    }

    @Test
    void textOutputNamesTheVisitors() throws Exception {
        Path list = Files.writeString(tmp.resolve("list.txt"),
                "2026-11-27T10:00:00Z " + TestFaces.file("kaley_cuoco/penny1.png").toAbsolutePath() + "\n");
        CliRunner.Result r = replay(list);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("penny1.png: new visitor #1 (\"Not sure yet\")"), r.out());
    }

    @Test
    void linesOutOfTimeOrderAreAnErrorNamingTheLine() throws Exception {
        Path photo = TestFaces.file("kaley_cuoco/penny1.png").toAbsolutePath();
        Path list = Files.writeString(tmp.resolve("list.txt"), "2026-11-27T10:00:00Z " + photo + "\n# c\n"
                + "2026-11-27T09:59:59Z " + photo + "\n");
        CliRunner.Result r = replay(list, "--json");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("list.txt:3:") && r.err().contains("time order"), r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(tmp.resolve("known_faces.db")), "nothing replayed, no store made");

        Files.writeString(list, "yesterday " + photo + "\n");
        CliRunner.Result bad = replay(list);
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("list.txt:1:") && bad.err().contains("ISO-8601"), bad.err());
    }

    @Test
    void aStrangerAtTheResidentsBoxInTheNextFrameIsANewVisitor() throws Exception {
        Path resident1 = scene("resident1", "kaley_cuoco/penny1.png");
        Path resident2 = scene("resident2", "kaley_cuoco/penny2.png");
        Path stranger1 = scene("stranger1", "jim_parsons/sheldon1.png");
        Path stranger2 = scene("stranger2", "jim_parsons/sheldon2.png");
        Path list = Files.writeString(tmp.resolve("list.txt"), String.join("\n",
                "2026-11-27T10:00:00.000Z " + resident1,
                "2026-11-27T10:00:00.100Z " + resident2,
                "2026-11-27T10:00:00.200Z " + stranger1,
                "2026-11-27T10:00:00.300Z " + stranger2, ""));
        CliRunner.Result r = replay(list, "--json");
        assertEquals(0, r.exitCode(), r.err());
        List<JsonNode> out = lines(r.out());
        JsonNode resident = out.get(1).get("faces").get(0);
        JsonNode stranger = out.get(2).get("faces").get(0);
        // the stranger stands where the resident stood, one analysed frame later
        assertEquals(resident.get("box").get(0).asInt(), stranger.get("box").get(0).asInt(), 20.0);
        assertNotEquals(resident.get("visitor").asLong(), stranger.get("visitor").asLong());
        assertTrue(stranger.get("new").asBoolean());
        assertEquals(stranger.get("visitor").asLong(), out.get(3).get("faces").get(0).get("visitor").asLong());
        assertEquals(2, lines(CliRunner.run("visitors", "--json", "--store", tmp.resolve("known_faces.db").toString()).out()).size());
    }

    @Test
    void twoPeopleInOneFrameAreTwoVisitors() throws Exception {
        Path f1 = pair("f1", "kaley_cuoco/penny1.png", "jim_parsons/sheldon1.png");
        Path f2 = pair("f2", "kaley_cuoco/penny2.png", "jim_parsons/sheldon2.png");
        Path f3 = pair("f3", "kaley_cuoco/penny3.png", "jim_parsons/sheldon3.png");
        Path list = Files.writeString(tmp.resolve("list.txt"), "2026-11-27T10:00:00Z " + f1 + "\n"
                + "2026-11-27T10:00:00.100Z " + f2 + "\n2026-11-27T10:00:00.200Z " + f3 + "\n");
        CliRunner.Result r = replay(list, "--json");
        assertEquals(0, r.exitCode(), r.err());
        for (JsonNode line : lines(r.out())) {
            JsonNode faces = line.get("faces");
            assertEquals(2, faces.size(), line.toString());
            assertNotEquals(faces.get(0).get("visitor").asLong(), faces.get(1).get("visitor").asLong(), line.toString());
            assertNotEquals(0, faces.get(0).get("visitor").asLong());
        }
        assertEquals(2, lines(CliRunner.run("visitors", "--json", "--store", tmp.resolve("known_faces.db").toString()).out()).size());
    }
}
