package org.doorbell.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
        assertEquals("unknown key \"faces.upsampel\"", e.problems().get(0));
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
    void missingFileMeansDefaults() throws Exception {
        Files.createDirectories(tmp.resolve("models"));
        FaceSettings s = loader.faceSettings(tmp.resolve("config/doorbell.json"));
        assertEquals(DetectorKind.HOG, s.detector());
        assertEquals(tmp.resolve("models").resolve(ModelPaths.RECOGNITION), s.models().recognition());
    }
}
