package org.doorbell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.doorbell.testing.Await;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code run} process on a looping clip (Penny, Sheldon, Leonard, four seconds each) while
 * the owner's corrections run from another process: every edit shows in the labels of the next
 * frames, and survives the run's own saves and a restart.
 */
class LiveCorrectionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every frame captured this long after an edit's command returned shows it. */
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(1);
    /** How often the labels are read again while waiting for a face. */
    private static final Duration POLL = Duration.ofMillis(200);

    @TempDir
    Path tmp;

    private Path store;
    private Path config;
    private Path labels;

    private record Face(Instant time, long visitor, String label) {
    }

    @Test
    void editsFromTheCommandLineShowInTheRunningAppliance() throws Exception {
        store = tmp.resolve("data/known_faces.db");
        config = CliRunner.config(tmp);
        Path clip = RunCommandTest.clip(tmp, List.of("kaley_cuoco/penny1.png", "jim_parsons/sheldon1.png",
                "johnny_galecki/leonard1.png"), 40);
        labels = tmp.resolve("labels.jsonl");
        Process run = start(clip, labels, false);
        try {
            // enrol Leonard while the appliance runs, before he first comes to the door
            CliRunner.Result leonard = cli("visitors", "add", "--name", "Leonard",
                    TestFaces.file("johnny_galecki/leonard2.png").toString(), TestFaces.file("johnny_galecki/leonard3.png").toString());
            assertEquals(0, leonard.exitCode(), leonard.err());
            long leonardId = idIn(leonard.out());
            // Penny and Sheldon are registered as they come: the first two other visitors seen
            List<Long> seen = await(run, faces -> distinctVisitors(faces, leonardId).size() >= 2, Duration.ofSeconds(60),
                    "Penny and Sheldon registered");
            long penny = seen.get(0);
            long sheldon = seen.get(1);

            Instant named = edit("visitors", "name", Long.toString(penny), "Penny");
            awaitFace(run, named, f -> f.visitor() == penny && f.label().startsWith("Penny - at door"), "Penny named");
            assertNever(named, f -> f.visitor() == penny && !f.label().startsWith("Penny - at door"),
                    "Penny without her name after the edit");
            awaitFace(run, named, f -> f.visitor() == leonardId && f.label().startsWith("Leonard - at door"),
                    "enrolled Leonard recognised by name");

            // Sheldon enrolled too, then his visitor merged into the enrolment
            CliRunner.Result enrolled = cli("visitors", "add", "--name", "Sheldon",
                    TestFaces.file("jim_parsons/sheldon2.png").toString(), TestFaces.file("jim_parsons/sheldon3.png").toString());
            assertEquals(0, enrolled.exitCode(), enrolled.err());
            long sheldonEnrolled = idIn(enrolled.out());
            Instant merged = edit("visitors", "merge", Long.toString(sheldon), Long.toString(sheldonEnrolled));
            awaitFace(run, merged, f -> f.visitor() == sheldonEnrolled && f.label().startsWith("Sheldon - at door"),
                    "Sheldon merged into his enrolment");
            assertNever(merged, f -> f.visitor() == sheldon, "the merged visitor is gone from the labels");

            Instant forgotten = edit("visitors", "forget", Long.toString(penny));
            Face after = awaitFace(run, forgotten, f -> f.visitor() != penny && f.visitor() > 0
                    && f.visitor() != sheldonEnrolled && f.visitor() != leonardId, "Penny, forgotten, is a new visitor");
            assertTrue(after.visitor() > sheldonEnrolled, "a new id: " + after);
            assertNever(forgotten, f -> f.visitor() == penny, "the forgotten visitor is gone from the labels");
            // a few more seconds of the run (faces captured 3 s after the forget) and its own saves, then a stop
            // as systemd does it
            Instant more = forgotten.plusSeconds(3);
            await(run, faces -> faces.stream().anyMatch(f -> !f.time().isBefore(more)), Duration.ofSeconds(60),
                    "faces captured 3 s after the forget");
            run.destroy();
            assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        } finally {
            run.destroyForcibly();
        }
        Map<Long, JsonNode> byId = listed();
        assertFalse(byId.containsKey(penny(byId)), "no visitor named Penny after the forget");
        assertEquals("Sheldon", byId.values().stream().filter(v -> "Sheldon".equals(v.get("name").asText(null)))
                .findFirst().orElseThrow().get("name").asText());
        assertEquals(1, byId.values().stream().filter(v -> "Leonard".equals(v.get("name").asText(null))).count());

        // a restart: the names are still there, and in the labels
        Path again = tmp.resolve("labels-again.jsonl");
        Process restart = start(clip, again, true);
        try {
            assertTrue(restart.waitFor(120, TimeUnit.SECONDS), "the clip played to its end");
        } finally {
            restart.destroyForcibly();
        }
        List<Face> faces = faces(again);
        assertTrue(faces.stream().anyMatch(f -> f.label().startsWith("Sheldon - at door")), faces.toString());
        assertTrue(faces.stream().anyMatch(f -> f.label().startsWith("Leonard - at door")), faces.toString());
        assertFalse(faces.stream().anyMatch(f -> f.label().startsWith("Penny")), faces.toString());
    }

    private static Long penny(Map<Long, JsonNode> byId) {
        return byId.entrySet().stream().filter(e -> "Penny".equals(e.getValue().get("name").asText(null)))
                .map(Map.Entry::getKey).findFirst().orElse(-1L);
    }

    private Process start(Path clip, Path out, boolean exitAtEnd) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.doorbell.cli.DoorbellCli", "run", "--headless", "--json",
                "--config", config.toString(), "--store", store.toString(), "--source", "file:" + clip));
        if (exitAtEnd) {
            cmd.add("--exit-at-end");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(tmp.resolve(out.getFileName() + ".log").toFile());
        pb.environment().put("DOORBELL_LOG_LEVEL", "INFO");
        return pb.start();
    }

    private CliRunner.Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--store", store.toString(), "--config", config.toString()));
        return CliRunner.run(all.toArray(String[]::new));
    }

    /** Runs an edit; returns when it had been committed. */
    private Instant edit(String... args) {
        CliRunner.Result r = cli(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
        return Instant.now();
    }

    private static long idIn(String enrolled) {
        Matcher m = Pattern.compile("visitor #(\\d+)").matcher(enrolled);
        assertTrue(m.find(), enrolled);
        return Long.parseLong(m.group(1));
    }

    private static List<Long> distinctVisitors(List<Face> faces, long except) {
        Set<Long> ids = new LinkedHashSet<>();
        for (Face f : faces) {
            if (f.visitor() > 0 && f.visitor() != except) {
                ids.add(f.visitor());
            }
        }
        return new ArrayList<>(ids);
    }

    private List<Long> await(Process run, Predicate<List<Face>> done, Duration timeout, String what) throws Exception {
        List<List<Face>> seen = new ArrayList<>(List.of(List.of()));
        boolean found = Await.until(() -> {
            assertTrue(run.isAlive(), "the appliance stopped: " + log());
            seen.set(0, faces(labels));
            return done.test(seen.get(0));
        }, timeout, POLL);
        if (!found) {
            fail(what + " within " + timeout + ": " + faces(labels));
        }
        List<Face> faces = seen.get(0);
        return distinctVisitors(faces, -1).stream().filter(id -> faces.stream()
                .noneMatch(f -> f.visitor() == id && f.label().contains(" - "))).collect(Collectors.toList());
    }

    /** The first face captured after the edit that shows it (within one loop of the clip). */
    private Face awaitFace(Process run, Instant edited, Predicate<Face> expected, String what) throws Exception {
        Instant from = edited;
        AtomicReference<Face> shown = new AtomicReference<>();
        Await.until(() -> {
            assertTrue(run.isAlive(), "the appliance stopped: " + log());
            faces(labels).stream().filter(f -> !f.time().isBefore(from) && expected.test(f)).findFirst()
                    .ifPresent(shown::set);
            return shown.get() != null;
        }, Duration.ofSeconds(40), POLL);
        Face f = shown.get();
        if (f == null) {
            fail(what + ": no such face since " + from + ": " + faces(labels));
        }
        System.out.printf("live edit: %s shown in a frame captured %d ms after the command returned%n", what,
                Duration.between(edited, f.time()).toMillis());
        return f;
    }

    /** No face captured {@link #VISIBLE_WITHIN} after the edit or later is {@code wrong}. */
    private void assertNever(Instant edited, Predicate<Face> wrong, String what) throws Exception {
        Instant from = edited.plus(VISIBLE_WITHIN);
        for (Face f : faces(labels)) {
            assertFalse(!f.time().isBefore(from) && wrong.test(f), what + ": " + f);
        }
    }

    private static List<Face> faces(Path file) throws Exception {
        List<Face> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || !line.endsWith("}")) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            if (!n.has("faces")) {
                continue;  // the summary at the end of a run with --exit-at-end
            }
            for (JsonNode f : n.get("faces")) {
                out.add(new Face(Instant.parse(n.get("time").asText()), f.get("visitor").asLong(0), f.get("label").asText()));
            }
        }
        return out;
    }

    private Map<Long, JsonNode> listed() throws Exception {
        CliRunner.Result r = CliRunner.run("visitors", "--json", "--store", store.toString());
        assertEquals(0, r.exitCode(), r.err());
        Map<Long, JsonNode> out = new java.util.TreeMap<>();
        for (String line : r.out().lines().toList()) {
            JsonNode v = JSON.readTree(line);
            out.put(v.get("id").asLong(), v);
        }
        return out;
    }

    private String log() throws Exception {
        Path f = tmp.resolve(labels.getFileName() + ".log");
        return Files.exists(f) ? Files.readString(f) : "";
    }
}
