package org.doorbell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doorbell faces} and {@code doorbell distance} on real photos. */
class FacesCommandTest {
    @TempDir
    Path tmp;

    @Test
    void jsonGivesOneObjectPerImageAndKeepsGoingAfterAnError() throws Exception {
        Path group = TestFaces.file("groups/bbt1.jpg");
        Path missing = tmp.resolve("missing.jpg");
        Path noFace = TestFaces.file("noface/dlib_dogs.jpg");
        CliRunner.Result r = CliRunner.run("faces", "--config", CliRunner.config(tmp).toString(), "--json",
                group.toString(), missing.toString(), noFace.toString());
        assertEquals(1, r.exitCode(), "some images failed: exit status 1");
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        ObjectMapper json = new ObjectMapper();

        JsonNode first = json.readTree(lines.get(0));
        assertEquals(group.toString(), first.get("file").asText());
        assertEquals(4, first.get("faces").size());
        for (JsonNode face : first.get("faces")) {
            JsonNode box = face.get("box");
            assertEquals(4, box.size());
            int top = box.get(0).asInt();
            int right = box.get(1).asInt();
            int bottom = box.get(2).asInt();
            int left = box.get(3).asInt();
            assertTrue(top < bottom && left < right && right < 1366 && bottom < 768, box.toString());
            assertEquals(128, face.get("encoding").size());
        }

        JsonNode second = json.readTree(lines.get(1));
        assertEquals(missing.toString(), second.get("file").asText());
        assertTrue(second.get("error").asText().contains("no such file"), second.toString());
        assertTrue(!second.has("faces"));

        JsonNode third = json.readTree(lines.get(2));
        assertEquals(0, third.get("faces").size());
    }

    @Test
    void boxesAreInTheImagesOwnPixelsWithUpsampling() throws Exception {
        // VOC photo whose faces HOG finds only after upsampling; boxes must map back to the original.
        Path photo = TestFaces.file("groups/voc_2008_002079.jpg");
        CliRunner.Result r = CliRunner.run("faces", "--config", CliRunner.config(tmp).toString(), "--json",
                "--upsample", "1", photo.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode faces = new ObjectMapper().readTree(r.out()).get("faces");
        assertEquals(6, faces.size());
        org.opencv.core.Mat image = org.doorbell.image.ImageFiles.readBgr(photo);
        try {
            for (JsonNode f : faces) {
                assertTrue(f.get("box").get(1).asInt() < image.cols() && f.get("box").get(2).asInt() < image.rows());
            }
        } finally {
            image.release();
        }
    }

    @Test
    void tableIsReadable() throws Exception {
        Path photo = TestFaces.file("angelina_jolie/img10.jpg");
        CliRunner.Result r = CliRunner.run("faces", "--config", CliRunner.config(tmp).toString(), photo.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("FILE"), r.out());
        assertTrue(lines.get(1).startsWith(photo.toString()) && lines.get(1).contains("(128 values)"), r.out());
    }

    @Test
    void distanceSaysSameOrDifferent() throws Exception {
        String config = CliRunner.config(tmp).toString();
        CliRunner.Result same = CliRunner.run("distance", "--config", config,
                TestFaces.file("angelina_jolie/img10.jpg").toString(), TestFaces.file("angelina_jolie/img4.jpg").toString());
        assertEquals(0, same.exitCode(), same.err());
        double d = Double.parseDouble(same.out().split(" ")[0]);
        assertTrue(d < 0.6 && same.out().contains("same person"), same.out());

        CliRunner.Result different = CliRunner.run("distance", "--config", config,
                TestFaces.file("angelina_jolie/img10.jpg").toString(), TestFaces.file("katy_perry/img26.jpg").toString());
        assertTrue(different.out().contains("different people"), different.out());
    }

    @Test
    void distanceWithoutAFaceIsAClearError() throws Exception {
        CliRunner.Result r = CliRunner.run("distance", "--config", CliRunner.config(tmp).toString(),
                TestFaces.file("noface/dlib_dogs.jpg").toString(), TestFaces.file("angelina_jolie/img10.jpg").toString());
        assertEquals(1, r.exitCode());
        assertEquals("doorbell: " + TestFaces.file("noface/dlib_dogs.jpg") + ": no face found", r.err().strip());
    }

    @Test
    void missingModelIsOneClearMessage() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty-models"));
        Path config = Files.writeString(tmp.resolve("c.json"), "{\"faces\": {\"modelsDir\": \"empty-models\"}}");
        CliRunner.Result r = CliRunner.run("faces", "--config", config.toString(), TestFaces.file("angelina_jolie/img10.jpg").toString());
        assertEquals(DoorbellCli.EXIT_SETUP, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(empty.resolve("shape_predictor_68_face_landmarks.dat") + " (shape predictor (landmarks)) is missing. "
                + "Run scripts/fetch-models"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void badConfigListsEveryProblem() throws Exception {
        Path config = Files.writeString(tmp.resolve("c.json"), "{\"faces\": {\"upsample\": -1, \"detector\": \"x\"}}");
        CliRunner.Result r = CliRunner.run("faces", "--config", config.toString(), "x.jpg");
        assertEquals(DoorbellCli.EXIT_SETUP, r.exitCode());
        assertTrue(r.err().contains("faces.detector must be") && r.err().contains("faces.upsample must be"), r.err());
    }

    @Test
    void badOptionIsAUsageError() {
        CliRunner.Result r = CliRunner.run("faces", "--detector", "sift", "x.jpg");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("expected hog or cnn, got 'sift'"), r.err());
    }
}
