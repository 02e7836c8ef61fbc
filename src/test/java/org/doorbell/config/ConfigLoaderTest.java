package org.doorbell.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.doorbell.events.MqttSettings;
import org.doorbell.face.DetectorKind;
import org.doorbell.face.FaceSettings;
import org.doorbell.face.ModelPaths;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path tmp;

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void theShippedConfigIsValid() {
        FaceSettings s = loader.faceSettings(TestFaces.projectRoot().resolve("config/doorbell.json"));
        assertEquals(DetectorKind.HOG, s.detector());
        assertEquals(0, s.upsample());
        assertEquals(1, s.jitters());
        assertEquals(TestFaces.projectRoot().resolve("models").toAbsolutePath().normalize()
                .resolve(ModelPaths.LANDMARKS_68), s.models().landmarks());
    }

    @Test
    void everyBadValueIsReportedOnceWithWhatIsAllowed() throws Exception {
        Path f = Files.writeString(tmp.resolve("doorbell.json"), """
                {"faces": {"detector": "sift", "upsample": 9, "jitters": 0, "modelsDir": "nowhere",
                           "landmarksModel": "mine.dat"}}""");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.faceSettings(f));
        assertEquals(5, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).contains("faces.detector must be \"hog\" or \"cnn\" (got \"sift\")"));
        assertTrue(e.problems().get(1).contains("faces.upsample must be between 0 and 3 (got 9)"));
        assertTrue(e.problems().get(2).contains("faces.jitters must be between 1 and 100 (got 0)"));
        assertTrue(e.problems().get(3).contains("nowhere is not a folder"));
        assertTrue(e.problems().get(4).contains("faces.landmarksModel must be"));
        assertTrue(e.getMessage().startsWith(f.toString()));
    }

    @Test
    void unknownKeysAreReported() throws Exception {
        Path f = Files.writeString(tmp.resolve("doorbell.json"), "{\"face\": {}, \"faces\": {\"upsampel\": 1}}");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.faceSettings(f));
        assertTrue(e.getMessage().contains("unknown key \"face\""), e.getMessage());
    }

    @Test
    void unknownKeyInsideASection() throws Exception {
        Path f = Files.writeString(tmp.resolve("doorbell.json"), "{\"faces\": {\"upsampel\": 1}}");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.faceSettings(f));
        assertTrue(e.problems().contains("unknown key \"faces.upsampel\""), e.problems().toString());
    }

    @Test
    void wrongTypeIsReported() throws Exception {
        Path f = Files.writeString(tmp.resolve("doorbell.json"), "{\"faces\": {\"upsample\": \"two\"}}");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.faceSettings(f));
        assertTrue(e.problems().get(0).startsWith("faces.upsample:"), e.problems().toString());
    }

    @Test
    void brokenJsonNamesTheLine() throws Exception {
        Path f = Files.writeString(tmp.resolve("doorbell.json"), "{\n  \"faces\": {\n    \"upsample\": 1,\n  }\n");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.faceSettings(f));
        assertTrue(e.getMessage().contains("not valid JSON") && e.getMessage().contains("line 4"), e.getMessage());
    }

    @Test
    void everySectionIsChecked() throws Exception {
        Files.createDirectories(tmp.resolve("models"));
        Path f = Files.writeString(tmp.resolve("doorbell.json"), """
                {"faces": {"modelsDir": "models"},
                 "camera": {"fps": 0, "retryInitialMs": 5000, "retryMaxMs": 100, "source": ""},
                 "recognition": {"minFaceFraction": 3},
                 "visitors": {"tolerance": "close"},
                 "store": {"file": "x"},
                 "display": {"fullscreen": "yes"}}""");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertEquals(List.of(
                "camera.source: expected a non-empty string, got \"\"",
                "camera.fps must be between 1 and 240 (got 0)",
                "camera.retryMaxMs must not be less than camera.retryInitialMs",
                "recognition.minFaceFraction must be between 0.02 and 1.0 (got 3.0)",
                "visitors.tolerance: expected a number, got \"close\"",
                "unknown key \"store.file\"",
                "display.fullscreen: expected true or false, got \"yes\""), e.problems());
    }

    @Test
    void theShippedConfigHoldsTheReferenceNumbers() {
        DoorbellConfig c = loader.load(TestFaces.projectRoot().resolve("config/doorbell.json"));
        assertEquals(0.65, c.visitors().tolerance());
        assertEquals(300, c.visitors().newVisitAfter().toSeconds());
        assertEquals(10, c.visitors().recentWindow().toSeconds());
        assertEquals(300, c.recognition().saveEveryFramesWithFaces());
        assertEquals("auto", c.camera().source());
        assertEquals(TestFaces.projectRoot().resolve("data/known_faces.db").toAbsolutePath().normalize(), c.store());
    }

    @Test
    void mqttIsOffByDefaultAndTheShippedSectionIsValid() throws Exception {
        MqttSettings shipped = loader.load(TestFaces.projectRoot().resolve("config/doorbell.json")).mqtt();
        assertFalse(shipped.enabled());
        assertEquals("tcp://homeassistant.local:1883", shipped.broker());
        assertEquals("doorbell", shipped.topicPrefix());
        assertTrue(shipped.discovery());
        assertEquals(1280, shipped.imageWidth());
        assertFalse(shipped.perPerson());
        Files.createDirectories(tmp.resolve("models"));
        MqttSettings none = loader.load(Files.writeString(tmp.resolve("doorbell.json"),
                "{\"faces\": {\"modelsDir\": \"models\"}}")).mqtt();
        assertFalse(none.enabled());
        assertTrue(none.clientId().startsWith("doorbell"), none.clientId());
    }

    @Test
    void mqttPasswordFromAFileNeverShown() throws Exception {
        Files.createDirectories(tmp.resolve("models"));
        Files.writeString(tmp.resolve("mqtt-password"), "s3cret-word\n");
        Files.writeString(tmp.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Path f = Files.writeString(tmp.resolve("doorbell.json"), """
                {"faces": {"modelsDir": "models"},
                 "mqtt": {"enabled": true, "broker": "ssl://broker.lan:8883", "username": "doorbell",
                          "passwordFile": "mqtt-password", "topicPrefix": "home/front-door", "clientId": "front-door",
                          "discovery": false, "caFile": "ca.pem", "imageWidth": 640, "perPerson": true}}""");
        MqttSettings m = loader.load(f).mqtt();
        assertTrue(m.enabled());
        assertEquals("ssl://broker.lan:8883", m.broker());
        assertEquals("doorbell", m.username());
        assertEquals("s3cret-word", m.password());
        assertEquals("home/front-door", m.topicPrefix());
        assertEquals("front-door", m.clientId());
        assertFalse(m.discovery());
        assertEquals(tmp.resolve("ca.pem"), m.caFile());
        assertEquals(640, m.imageWidth());
        assertTrue(m.perPerson());
        assertFalse(m.toString().contains("s3cret"), m.toString());
    }

    @Test
    void everyBadMqttValueIsReportedOnceAndNoPasswordShown() throws Exception {
        Files.createDirectories(tmp.resolve("models"));
        Path f = Files.writeString(tmp.resolve("doorbell.json"), """
                {"faces": {"modelsDir": "models"},
                 "mqtt": {"enabled": "yes", "broker": "http://broker:80", "password": "hunter2", "passwordFile": "pw",
                          "topicPrefix": "door/#", "clientId": "a b", "discovery": 1, "caFile": "none.pem", "port": 1883,
                          "imageWidth": 1920, "perPerson": "no"}}""");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertEquals(List.of(
                "mqtt.enabled: expected true or false, got \"yes\"",
                "mqtt.broker must be tcp://HOST:PORT or ssl://HOST:PORT (got \"http://broker:80\")",
                "mqtt.passwordFile cannot be given with mqtt.password: choose one",
                "mqtt.topicPrefix must be a topic without wildcards (+, #) or empty levels, e.g. \"doorbell\" (got \"door/#\")",
                "mqtt.clientId must be 1-64 letters, digits, '_', '-' or '.' (got \"a b\")",
                "mqtt.discovery: expected true or false, got 1",
                "mqtt.caFile " + tmp.resolve("none.pem") + " is not a readable file",
                "mqtt.imageWidth must be between 160 and 1280 (got 1920)",
                "mqtt.perPerson: expected true or false, got \"no\"",
                "unknown key \"mqtt.port\""), e.problems());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());

        Path enabledWithoutBroker = Files.writeString(tmp.resolve("doorbell.json"), """
                {"faces": {"modelsDir": "models"}, "mqtt": {"enabled": true, "password": ""}}""");
        ConfigException e2 = assertThrows(ConfigException.class, () -> loader.load(enabledWithoutBroker));
        assertEquals(List.of(
                "mqtt.broker is required when mqtt.enabled is true, e.g. \"tcp://homeassistant.local:1883\"",
                "mqtt.password: expected a non-empty string"), e2.problems());
    }

    @Test
    void missingFileMeansDefaults() throws Exception {
        Files.createDirectories(tmp.resolve("models"));
        FaceSettings s = loader.faceSettings(tmp.resolve("config/doorbell.json"));
        assertEquals(DetectorKind.HOG, s.detector());
        assertEquals(tmp.resolve("models").resolve(ModelPaths.RECOGNITION), s.models().recognition());
    }
}
