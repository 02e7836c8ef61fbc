package org.doorbell.face.dlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.doorbell.face.FaceEncoding;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.FaceSettings;
import org.doorbell.face.ModelPaths;
import org.doorbell.image.ImageFiles;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * The face ResNet rebuilt from face-api.js's weights computes what face-api.js itself computes:
 * the same aligned 150x150 chips go through our dlib model and through face-api.js in Node.js
 * (its bundled pure-JavaScript TensorFlow.js backend), and every component must agree.
 */
class FaceApiConversionTest {
    /** Float rounding between two correct implementations is about 1e-6. */
    private static final double TOLERANCE = 1e-4;

    private static Path faceApi;

    @BeforeAll
    static void fetchFaceApi() throws Exception {
        List<String> out = run(List.of("bash", "scripts/fetch-faceapi"));
        faceApi = Path.of(out.get(out.size() - 1));
    }

    private static Path manifest() {
        return faceApi.resolve("model/face_recognition_model-weights_manifest.json");
    }

    @Test
    void convertedModelAgreesWithFaceApiJs(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve(ModelPaths.RECOGNITION);
        FaceApiResnetConverter.convert(manifest(), model);
        assertEquals(listedChecksum(), sha256(model), "the conversion is deterministic and matches models/SHA256SUMS");

        List<Path> chips = new ArrayList<>();
        for (String person : List.of("john_salley", "john_savage", "john_schneider", "kaley_cuoco")) {
            chips.add(TestFaces.images(person).get(0));
        }
        FaceSettings settings = TestFaces.settings();
        ModelPaths paths = new ModelPaths(settings.models().landmarks(), model, settings.models().cnnDetector());
        List<FaceEncoding> ours = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of("node", "scripts/faceapi-descriptor.mjs", faceApi.toString()));
        try (FaceEngine engine = DlibFaceEngine.open(new FaceSettings(settings.detector(), 0, 1, paths))) {
            for (Path chip : chips) {
                Mat bgr = ImageFiles.readBgr(chip);
                Mat rgb = new Mat();
                try {
                    ours.add(engine.encodeChip(bgr));
                    Imgproc.cvtColor(bgr, rgb, Imgproc.COLOR_BGR2RGB);
                    byte[] bytes = new byte[150 * 150 * 3];
                    rgb.get(0, 0, bytes);
                    Path raw = tmp.resolve(chip.getFileName() + ".rgb");
                    Files.write(raw, bytes);
                    args.add(raw.toString());
                } finally {
                    bgr.release();
                    rgb.release();
                }
            }
        }
        // face-api.js divides by 255 where dlib divides by 256 (see faceapi-descriptor.mjs):
        // compare the networks on the same input tensor, and report the raw difference too.
        List<String> withDlibInput = new ArrayList<>(args);
        withDlibInput.add(2, "--dlib-input");
        double network = maxDifference(ours, run(withDlibInput), chips);
        double raw = maxDifference(ours, run(args), chips);
        System.out.printf("converter check: %d chips, largest per-component difference from face-api.js %.3g "
                + "on the same input tensor (%.3g when face-api.js normalises by 255 itself)%n", chips.size(), network, raw);
        assertTrue(network < TOLERANCE, "largest difference " + network);
        assertTrue(raw < 10 * TOLERANCE, "largest raw difference " + raw);
    }

    private static double maxDifference(List<FaceEncoding> ours, List<String> lines, List<Path> chips) throws IOException {
        assertEquals(chips.size(), lines.size(), "one descriptor per chip from face-api.js");
        ObjectMapper json = new ObjectMapper();
        double maxDiff = 0;
        for (int c = 0; c < chips.size(); c++) {
            JsonNode theirs = json.readTree(lines.get(c));
            assertEquals(FaceEncoding.DIMENSIONS, theirs.size());
            for (int i = 0; i < FaceEncoding.DIMENSIONS; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(ours.get(c).get(i) - theirs.get(i).asDouble()));
            }
        }
        return maxDiff;
    }

    @Test
    void truncatedWeightsAreRefusedWithAClearMessage(@TempDir Path tmp) throws Exception {
        Files.copy(manifest(), tmp.resolve(manifest().getFileName()));
        byte[] bin = Files.readAllBytes(faceApi.resolve("model/face_recognition_model.bin"));
        Files.write(tmp.resolve("face_recognition_model.bin"), java.util.Arrays.copyOf(bin, bin.length / 2));
        Path out = tmp.resolve("out.dat");
        IOException e = assertThrows(IOException.class,
                () -> FaceApiResnetConverter.convert(tmp.resolve(manifest().getFileName()), out));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertFalse(Files.exists(out), "nothing written");
    }

    private static String listedChecksum() throws IOException {
        return Files.readAllLines(TestFaces.models().resolve("SHA256SUMS")).stream()
                .filter(l -> l.contains(ModelPaths.RECOGNITION) && l.contains("face-api"))
                .map(l -> l.split("\\s+")[0]).findFirst().orElseThrow();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static List<String> run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(TestFaces.projectRoot().toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + " failed");
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
