package org.doorbell.face.dlib;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds dlib's face ResNet ({@code dlib_face_recognition_resnet_model_v1.dat}) from the TF.js
 * export that face-api.js ships ({@code face_recognition_model-weights_manifest.json} plus its
 * {@code .bin} shards), for machines that cannot reach dlib.net.
 *
 * <p>The export holds the same 117 tensors as dlib's network, mostly uint8-quantised (value =
 * q * scale + min). This class reads and dequantises them in the manifest's order; the native
 * side ({@code convert_face_resnet} in doorbell_dlib.h) lays them into dlib's layers and
 * serialises the network.
 */
public final class FaceApiResnetConverter {
    /** Tensors in face-api.js's face recognition export: 29 convolutions x 4, plus the fc matrix. */
    public static final int TENSORS = 117;

    private FaceApiResnetConverter() {
    }

    /** Converts the export described by {@code manifest} into a dlib model file at {@code out}. */
    public static void convert(Path manifest, Path out) throws IOException {
        float[] params = readParameters(manifest);
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try {
            DlibNative.convertFaceResnet(params, params.length, tmp.toString());
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** All tensors of the export, dequantised and concatenated in manifest order. */
    static float[] readParameters(Path manifest) throws IOException {
        JsonNode groups = new ObjectMapper().readTree(manifest.toFile());
        if (!groups.isArray() || groups.isEmpty()) {
            throw new IOException(manifest + " is not a TF.js weights manifest (expected a JSON array of groups)");
        }
        List<float[]> tensors = new ArrayList<>();
        int total = 0;
        for (JsonNode group : groups) {
            ByteBuffer data = readShards(manifest.getParent(), group.path("paths"));
            for (JsonNode w : group.path("weights")) {
                float[] t = readTensor(w, data);
                tensors.add(t);
                total += t.length;
            }
            if (data.hasRemaining()) {
                throw new IOException("weights files of " + manifest + " hold " + data.remaining() + " bytes more than the manifest describes");
            }
        }
        if (tensors.size() != TENSORS) {
            throw new IOException(manifest + " holds " + tensors.size() + " tensors; dlib's face ResNet has " + TENSORS);
        }
        float[] all = new float[total];
        int at = 0;
        for (float[] t : tensors) {
            System.arraycopy(t, 0, all, at, t.length);
            at += t.length;
        }
        return all;
    }

    private static ByteBuffer readShards(Path dir, JsonNode paths) throws IOException {
        if (!paths.isArray() || paths.isEmpty()) {
            throw new IOException("weights manifest group without paths");
        }
        List<byte[]> parts = new ArrayList<>();
        int size = 0;
        for (JsonNode p : paths) {
            byte[] bytes = Files.readAllBytes(dir.resolve(p.asText()));
            parts.add(bytes);
            size += bytes.length;
        }
        ByteBuffer all = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        parts.forEach(all::put);
        return all.flip();
    }

    private static float[] readTensor(JsonNode w, ByteBuffer data) throws IOException {
        String name = w.path("name").asText();
        int count = 1;
        for (JsonNode d : w.path("shape")) {
            count = Math.multiplyExact(count, d.asInt());
        }
        if (!"float32".equals(w.path("dtype").asText())) {
            throw new IOException("tensor " + name + " has dtype " + w.path("dtype").asText() + "; expected float32");
        }
        JsonNode q = w.get("quantization");
        float[] values = new float[count];
        if (q == null) {
            requireBytes(data, 4L * count, name);
            data.asFloatBuffer().get(values);
            data.position(data.position() + 4 * count);
        } else {
            if (!"uint8".equals(q.path("dtype").asText())) {
                throw new IOException("tensor " + name + " is quantised as " + q.path("dtype").asText() + "; expected uint8");
            }
            double scale = q.path("scale").asDouble();
            double min = q.path("min").asDouble();
            requireBytes(data, count, name);
            for (int i = 0; i < count; i++) {
                values[i] = (float) ((data.get() & 0xff) * scale + min);
            }
        }
        return values;
    }

    private static void requireBytes(ByteBuffer data, long bytes, String name) throws IOException {
        if (data.remaining() < bytes) {
            throw new IOException("weights file ends inside tensor " + name + " (truncated download?)");
        }
    }
}
