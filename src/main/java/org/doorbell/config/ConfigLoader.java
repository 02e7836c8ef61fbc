package org.doorbell.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.doorbell.face.DetectorKind;
import org.doorbell.face.FaceSettings;
import org.doorbell.face.ModelPaths;

/**
 * Reads config/doorbell.json and checks every value at start-up, reporting each bad one with its
 * key, what is allowed and what was found. Missing keys take their defaults.
 */
public final class ConfigLoader {
    private static final Set<String> TOP_LEVEL = Set.of("faces");
    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The face settings of {@code file}; a missing file gives the defaults, relative to its folder. */
    public FaceSettings faceSettings(Path file) {
        Path base = file.toAbsolutePath().getParent();
        FaceConfig faces = readFaces(file).orElse(FaceConfig.DEFAULTS);
        List<String> problems = new ArrayList<>();
        DetectorKind detector = null;
        try {
            detector = DetectorKind.parse(faces.detector());
        } catch (IllegalArgumentException e) {
            problems.add("faces.detector must be \"hog\" or \"cnn\" (got \"" + faces.detector() + "\")");
        }
        if (faces.upsample() < 0 || faces.upsample() > FaceSettings.MAX_UPSAMPLE) {
            problems.add("faces.upsample must be between 0 and " + FaceSettings.MAX_UPSAMPLE + " (got " + faces.upsample() + ")");
        }
        if (faces.jitters() < 1 || faces.jitters() > FaceSettings.MAX_JITTERS) {
            problems.add("faces.jitters must be between 1 and " + FaceSettings.MAX_JITTERS + " (got " + faces.jitters() + ")");
        }
        Path models = base.resolve(faces.modelsDir()).normalize();
        if (!Files.isDirectory(models)) {
            problems.add("faces.modelsDir " + models + " is not a folder (run scripts/fetch-models to create it)");
        }
        String lm = faces.landmarksModel();
        if (!lm.equals(ModelPaths.LANDMARKS_68) && !lm.equals(ModelPaths.LANDMARKS_5)) {
            problems.add("faces.landmarksModel must be \"" + ModelPaths.LANDMARKS_68 + "\" or \""
                    + ModelPaths.LANDMARKS_5 + "\" (got \"" + lm + "\")");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(file, problems);
        }
        return new FaceSettings(detector, faces.upsample(), faces.jitters(), ModelPaths.in(models, lm));
    }

    private FaceConfig readFaces(Path file) {
        JsonNode root;
        try {
            root = mapper.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            return FaceConfig.DEFAULTS;
        } catch (JsonProcessingException e) {
            throw new ConfigException(file, List.of("not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new ConfigException(file, List.of("cannot read: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(file, List.of("must hold one JSON object"));
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_LEVEL.contains(key)) {
                problems.add("unknown key \"" + key + "\" (known: " + String.join(", ", TOP_LEVEL) + ")");
            }
        }
        FaceConfig faces = null;
        if (root.has("faces")) {
            try {
                faces = mapper.treeToValue(root.get("faces"), FaceConfig.class);
            } catch (UnrecognizedPropertyException e) {
                problems.add("unknown key \"faces." + e.getPropertyName() + "\"");
            } catch (JsonProcessingException e) {
                problems.add("faces." + fieldOf(e) + ": " + e.getOriginalMessage().toLowerCase(Locale.ROOT));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(file, problems);
        }
        return faces == null ? FaceConfig.DEFAULTS : faces;
    }

    private static String fieldOf(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            return m.getPath().get(m.getPath().size() - 1).getFieldName();
        }
        return "?";
    }
}
