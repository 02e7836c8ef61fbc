package org.doorbell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doorbell bench clip} then {@code bench pipeline --json} on it: one object per approach
 * with the fields, and what each approach can find (speed is not asserted). The clip:
 * Penny, Sheldon, Leonard, 12 frames each, faces 150, 120 and 100 px tall.
 */
class BenchPipelineCommandTest {
    private static final Set<String> FIELDS = Set.of("approach", "frames", "analysed_fps", "faces", "encodings",
            "min_face_px", "visitors", "latency_p50_ms", "latency_p90_ms", "cpu_pct", "threads");

    @TempDir
    static Path tmp;
    private static Path clip;
    private static Path config;

    @BeforeAll
    static void makeClip() throws Exception {
        config = CliRunner.config(tmp);
        clip = tmp.resolve("door.avi");
        CliRunner.Result r = CliRunner.run("--config", config.toString(), "bench", "clip", clip.toString(),
                TestFaces.file("kaley_cuoco/penny1.png").toString(), TestFaces.file("jim_parsons/sheldon1.png").toString(),
                TestFaces.file("johnny_galecki/leonard1.png").toString(), "--frames-each", "12");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("36 frames, 640x480 at 30 fps"), r.out());
    }

    private static Map<String, JsonNode> byApproach(String out) throws Exception {
        Map<String, JsonNode> map = new HashMap<>();
        for (String line : out.strip().lines().toList()) {
            JsonNode o = new ObjectMapper().readTree(line);
            assertEquals(FIELDS, new TreeSet<>(iterable(o.fieldNames())), line);
            map.put(o.get("approach").asText(), o);
        }
        return map;
    }

    @Test
    void eachApproachIsOneObject() throws Exception {
        CliRunner.Result r = CliRunner.run("--config", config.toString(), "bench", "pipeline", clip.toString(), "--json",
                "--threads", "2");
        assertEquals(0, r.exitCode(), r.err());
        Map<String, JsonNode> a = byApproach(r.out());
        assertEquals(Set.of("reference-quarter", "reference-scaled", "appliance", "appliance-every-frame"), a.keySet());
        for (JsonNode o : a.values()) {
            assertEquals(36, o.get("frames").asInt(), o.toString());
            assertTrue(o.get("analysed_fps").asDouble() > 0, o.toString());
            assertTrue(o.get("latency_p50_ms").asDouble() <= o.get("latency_p90_ms").asDouble(), o.toString());
        }
        // every approach finds the 150 px face; the reference at 1/4 misses the 100 px one
        assertTrue(a.get("reference-quarter").get("min_face_px").asInt() > 110, a.toString());
        assertTrue(a.get("reference-scaled").get("min_face_px").asInt() < 110, a.toString());
        assertTrue(a.get("appliance").get("min_face_px").asInt() < 110, a.toString());
        // the appliance finds a face in about as many frames (a new face within 150 ms), encoding far fewer
        JsonNode app = a.get("appliance");
        JsonNode every = a.get("appliance-every-frame");
        assertTrue(app.get("faces").asInt() >= every.get("faces").asInt() - 6, a.toString());
        assertEquals(every.get("faces").asInt(), every.get("encodings").asInt(), every.toString());
        assertTrue(app.get("encodings").asInt() < every.get("encodings").asInt() / 2, a.toString());
        assertEquals(2, app.get("threads").asInt(), app.toString());
    }

    @Test
    void coresPinsTheProcess() throws Exception {
        Path out = tmp.resolve("pinned.json");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.doorbell.cli.DoorbellCli", "--config", config.toString(),
                "bench", "pipeline", clip.toString(), "--json", "--cores", "1", "--approach", "appliance")
                .redirectOutput(out.toFile()).redirectError(tmp.resolve("pinned.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("pinned.log")));
        JsonNode o = byApproach(Files.readString(out)).get("appliance");
        assertEquals(1, o.get("threads").asInt(), "one processor, one thread: " + o);
        assertTrue(o.get("cpu_pct").asDouble() <= 110, "at most one core's worth: " + o);
    }

    @Test
    void aClipThatCannotBeReadIsOneClearMessage() {
        CliRunner.Result r = CliRunner.run("--config", config.toString(), "bench", "pipeline",
                tmp.resolve("missing.avi").toString());
        assertEquals(2, r.exitCode(), r.out());
        assertTrue(r.err().contains("cannot read") && r.err().contains("missing.avi"), r.err());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
