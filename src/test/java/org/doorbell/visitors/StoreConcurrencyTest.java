package org.doorbell.visitors;

import static org.doorbell.testing.TestVisitors.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.doorbell.visitors.store.VisitorStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers in other processes while a writer process commits continuously: every read sees one
 * committed state, whole, never an older one than before.
 */
class StoreConcurrencyTest {
    @TempDir
    Path tmp;

    @Test
    void readersInOtherProcessesSeeWholeCommittedStates() throws Exception {
        Path file = tmp.resolve("known_faces.db");
        try (VisitorStore store = VisitorStores.open(file, MODEL)) {
            store.save(StoreWriterMain.initial());
        }
        Process writer = StoreCrashTest.startWriter(file);
        List<String> written = new ArrayList<>();
        StoreCrashTest.readLines(writer, written);
        try {
            StoreCrashTest.awaitReady(writer, written);
            Process reader = child(StoreReaderMain.class.getName(), file.toString(), "6000");

            // meanwhile, the visitors command as a user runs it
            ObjectMapper json = new ObjectMapper();
            long previous = -1;
            for (int i = 0; i < 3; i++) {
                Process cli = child("org.doorbell.cli.DoorbellCli", "visitors", "--json", "--store", file.toString());
                String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String err = new String(cli.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(cli.waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, cli.exitValue(), err);
                Map<Long, JsonNode> byId = new HashMap<>();
                for (String line : out.lines().toList()) {
                    JsonNode v = json.readTree(line);
                    byId.put(v.get("id").asLong(), v);
                    long c = v.get("seen_frames").asLong();
                    assertEquals("v" + v.get("id").asLong() + "@" + c, v.get("name").asText(), line);
                    assertEquals(1 + c % 3, v.get("samples").asLong(), "the gallery of the same change: " + line);
                }
                long c = byId.get(1L).get("seen_frames").asLong();
                assertEquals(c, byId.get(2 + c % StoreWriterMain.SPREAD).get("seen_frames").asLong(),
                        "both visitors of change " + c);
                assertTrue(c >= previous);
                previous = c;
            }

            String result = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(reader.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, reader.exitValue(), result);
            String[] ok = result.split(" ");
            long reads = Long.parseLong(ok[1]);
            long first = Long.parseLong(ok[2]);
            long last = Long.parseLong(ok[3]);
            System.out.printf("concurrency: the reader process read %d states (changes %d to %d), the visitors"
                    + " command 3 (last at change %d) while the writer committed%n", reads, first, last, previous);
            assertTrue(reads >= 10 && last > first, "reads overlapped the writer's commits: " + result);
        } finally {
            writer.destroyForcibly();
            writer.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static Process child(String main, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).start();
    }
}
