package org.doorbell.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.doorbell.testing.Mosquitto;
import org.doorbell.testing.Subscriber;
import org.doorbell.testing.Subscriber.Received;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} with MQTT on, a file played to its end, watched by a subscriber on a mosquitto of the
 * test's own; the same run with the broker gone; and {@code events test}.
 */
class EventsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path config(String mqtt) throws Exception {
        return Files.writeString(tmp.resolve("doorbell.json"), "{\"faces\": {\"modelsDir\": \""
                + TestFaces.models().toAbsolutePath() + "\"}, \"visitors\": {\"newVisitAfterSeconds\": 10}, \"mqtt\": "
                + mqtt + "}");
    }

    private static String mqtt(String broker) {
        return "{\"enabled\": true, \"broker\": \"" + broker + "\", \"clientId\": \"doorbell-run-test\"}";
    }

    @Test
    void aFileRunTellsTheBrokerWhoCameAndWentAndRecognitionIgnoresABrokerThatIsGone() throws Exception {
        Path clip = RunCommandTest.clip(tmp, List.of("kaley_cuoco/penny1.png", "kaley_cuoco/penny2.png",
                "jim_parsons/sheldon1.png"));
        Path store = tmp.resolve("known_faces.db");
        try (Mosquitto broker = Mosquitto.start(Files.createDirectories(tmp.resolve("broker")));
             Subscriber sub = new Subscriber(broker.url(), "#")) {
            Path config = config(mqtt(broker.url()));
            long start = System.nanoTime();
            CliRunner.Result r = CliRunner.run("run", "--headless", "--exit-at-end", "--config", config.toString(),
                    "--source", "file:" + clip, "--store", store.toString());
            System.out.printf("run with MQTT: %.1f s; %s%n", (System.nanoTime() - start) / 1e9, r.out().strip());
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("visitors 2 known, 2 new"), r.out());
            List<Received> all = sub.await(l -> l.stream().anyMatch(m -> m.topic().equals("doorbell/availability")
                    && m.text().equals("offline")), 10_000);

            // Penny, then Sheldon: two arrivals of new visitors, each with a photo, and each visit's end
            List<Received> arrived = sub.on("doorbell/visitor/arrived");
            assertEquals(2, arrived.size(), Subscriber.describe(all));
            for (int i = 0; i < 2; i++) {
                JsonNode a = JSON.readTree(arrived.get(i).payload());
                assertEquals(i + 1, a.get("visitor").asInt(), a.toString());
                assertTrue(a.get("new").asBoolean() && a.get("visits").asInt() == 1 && a.get("name").isNull(), a.toString());
            }
            // (a photo still waiting when the next one comes is replaced by it: only the latest matters)
            List<Received> snapshots = sub.on("doorbell/visitor/snapshot");
            assertTrue(snapshots.size() == 1 || snapshots.size() == 2, Subscriber.describe(all));
            assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xD8},
                    java.util.Arrays.copyOf(snapshots.get(snapshots.size() - 1).payload(), 2), "a JPEG");
            List<Received> left = sub.on("doorbell/visitor/left");
            assertEquals(2, left.size(), Subscriber.describe(all));
            assertEquals(java.util.Set.of(1, 2), java.util.Set.of(JSON.readTree(left.get(0).payload()).get("visitor").asInt(),
                    JSON.readTree(left.get(1).payload()).get("visitor").asInt()));
            JsonNode lastState = JSON.readTree(sub.on("doorbell/state").get(sub.on("doorbell/state").size() - 1).payload());
            assertEquals(false, lastState.get("someone_at_door").asBoolean(), lastState.toString());
            assertEquals(2, lastState.get("visitors_today").asInt(), lastState.toString());
            assertEquals("Visitor #2", lastState.get("last_visitor").get("label").asText(), lastState.toString());
            assertTrue(sub.on("doorbell/state").stream().anyMatch(s -> s.text().contains("\"camera\":\"ok\"")),
                    Subscriber.describe(all));
            for (String t : List.of("binary_sensor/doorbell-run-test/someone_at_door", "sensor/doorbell-run-test/last_visitor",
                    "camera/doorbell-run-test/snapshot")) {
                assertEquals(1, sub.on("homeassistant/" + t + "/config").size(), t + Subscriber.describe(all));
            }

            // the events test command, against the same broker
            CliRunner.Result test = CliRunner.run("events", "test", "--config", config.toString());
            assertEquals(0, test.exitCode(), test.err());
            assertEquals("the broker at " + broker.url() + " took the test event on doorbell/test", test.out().strip());
            assertEquals(1, sub.await("doorbell/test", 1, 5000).size());
        }

        // the broker is gone: the same run recognises the same two visitors, with one line about it
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path gone = config(mqtt("tcp://127.0.0.1:" + port));
        long start = System.nanoTime();
        CliRunner.Result r = CliRunner.run("run", "--headless", "--exit-at-end", "--config", gone.toString(),
                "--source", "file:" + clip, "--store", store.toString());
        System.out.printf("run with no broker: %.1f s; %s%n", (System.nanoTime() - start) / 1e9, r.out().strip());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("visitors 2 known, 0 new"), r.out());

        CliRunner.Result test = CliRunner.run("events", "test", "--config", gone.toString());
        assertEquals(1, test.exitCode(), test.out());
        assertEquals("doorbell: the broker at tcp://127.0.0.1:" + port + " did not take the test event: cannot reach it "
                + "(Connection refused)", test.err().strip());

        CliRunner.Result off = CliRunner.run("events", "test", "--config", config("{\"enabled\": false}").toString());
        assertEquals(DoorbellCli.EXIT_SETUP, off.exitCode());
        assertTrue(off.err().contains("mqtt is not enabled"), off.err());
    }
}
