package org.doorbell.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        assertEquals(100, c.recognition().saveEveryFramesWithFaces());
        assertEquals("auto", c.camera().source());
        assertEquals(TestFaces.projectRoot().resolve("data/known_faces.db").toAbsolutePath().normalize(), c.store());
    }

    @Test
    void missingFileMeansDefaults() throws Exception {
        Files.createDirectories(tmp.resolve("models"));
        FaceSettings s = loader.faceSettings(tmp.resolve("config/doorbell.json"));
        assertEquals(DetectorKind.HOG, s.detector());
        assertEquals(tmp.resolve("models").resolve(ModelPaths.RECOGNITION), s.models().recognition());
    }
}
