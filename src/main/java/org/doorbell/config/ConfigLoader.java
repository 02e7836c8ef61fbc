package org.doorbell.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.doorbell.camera.CameraSettings;
import org.doorbell.display.DisplaySettings;
import org.doorbell.events.MqttSettings;
import org.doorbell.face.DetectorKind;
import org.doorbell.face.FaceSettings;
import org.doorbell.face.ModelPaths;
import org.doorbell.recognition.RecognitionSettings;
import org.doorbell.visitors.VisitorSettings;

/**
 * Reads config/doorbell.json and checks every value at start-up, reporting each bad one with its
 * key, what is allowed and what was found, all at once. Missing keys take their defaults; a
 * missing file means all defaults. Relative paths are relative to the file's folder.
 */
public final class ConfigLoader {
    private static final List<String> SECTIONS = List.of("faces", "camera", "recognition", "visitors", "store", "display", "mqtt");
    private final ObjectMapper mapper = new ObjectMapper();

    /** The whole configuration. */
    public DoorbellConfig load(Path file) {
        JsonNode root = readRoot(file);
        Path base = file.toAbsolutePath().getParent();
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!SECTIONS.contains(key)) {
                problems.add("unknown key \"" + key + "\" (known: " + String.join(", ", SECTIONS) + ")");
            }
        }
        DoorbellConfig config = new DoorbellConfig(faces(new Fields("faces", root.get("faces"), problems), base),
                camera(new Fields("camera", root.get("camera"), problems)),
                recognition(new Fields("recognition", root.get("recognition"), problems)),
                visitors(new Fields("visitors", root.get("visitors"), problems)),
                store(new Fields("store", root.get("store"), problems), base),
                display(new Fields("display", root.get("display"), problems)),
                mqtt(new Fields("mqtt", root.get("mqtt"), problems), base));
        if (!problems.isEmpty()) {
            throw new ConfigException(file, problems);
        }
        return config;
    }

    /** The face settings alone (the one-shot commands need nothing else). */
    public FaceSettings faceSettings(Path file) {
        return load(file).faces();
    }

    private static FaceSettings faces(Fields f, Path base) {
        String detector = f.choice("detector", "hog", List.of("hog", "cnn"));
        int upsample = f.integer("upsample", 0, 0, FaceSettings.MAX_UPSAMPLE);
        int jitters = f.integer("jitters", 1, 1, FaceSettings.MAX_JITTERS);
        Path models = base.resolve(f.text("modelsDir", "../models")).normalize();
        if (!Files.isDirectory(models)) {
            f.problem("modelsDir", models + " is not a folder (run scripts/fetch-models to create it)");
        }
        String landmarks = f.choice("landmarksModel", ModelPaths.LANDMARKS_68,
                List.of(ModelPaths.LANDMARKS_68, ModelPaths.LANDMARKS_5));
        f.finish();
        return new FaceSettings(DetectorKind.parse(detector), upsample, jitters, ModelPaths.in(models, landmarks));
    }

    private static CameraSettings camera(Fields f) {
        CameraSettings d = CameraSettings.defaults("auto");
        CameraSettings c = new CameraSettings(f.text("source", d.source()), f.integer("width", d.width(), 16, 8192),
                f.integer("height", d.height(), 16, 8192), f.integer("fps", d.fps(), 1, 240),
                f.integer("csiSensorMode", d.csiSensorMode(), -1, 16), f.integer("csiFlipMethod", d.csiFlipMethod(), 0, 7),
                Duration.ofMillis(f.integer("retryInitialMs", (int) d.retryInitial().toMillis(), 1, 600_000)),
                Duration.ofMillis(f.integer("retryMaxMs", (int) d.retryMax().toMillis(), 1, 3_600_000)), false);
        if (c.retryMax().compareTo(c.retryInitial()) < 0) {
            f.problem("retryMaxMs", "must not be less than camera.retryInitialMs");
        }
        f.finish();
        return c;
    }

    private static RecognitionSettings recognition(Fields f) {
        RecognitionSettings d = RecognitionSettings.DEFAULTS;
        RecognitionSettings r = new RecognitionSettings(f.number("minFaceFraction", d.minFaceFraction(), 0.02, 1.0),
                f.integer("minFacePixels", d.minFacePixels(), 0, 4096), f.number("minSharpness", d.minSharpness(), 0, 1e6),
                f.integer("saveEveryFramesWithFaces", d.saveEveryFramesWithFaces(), 1, 1_000_000),
                f.integer("threads", d.threads(), 0, 64), f.bool("followFaces", d.followFaces()));
        f.finish();
        return r;
    }

    private static VisitorSettings visitors(Fields f) {
        VisitorSettings d = VisitorSettings.DEFAULTS;
        VisitorSettings v = new VisitorSettings(f.number("tolerance", d.tolerance(), 0.1, 2.0),
                Duration.ofSeconds(f.integer("newVisitAfterSeconds", (int) d.newVisitAfter().toSeconds(), 1, 86_400 * 365)),
                Duration.ofSeconds(f.integer("recentSeconds", (int) d.recentWindow().toSeconds(), 1, 86_400)),
                VisitorSettings.Matching.valueOf(f.choice("matching", d.matching().configName(),
                        List.of("gallery", "reference")).toUpperCase(java.util.Locale.ROOT)),
                Duration.ofDays(f.integer("forgetAfterDays", (int) d.forgetAfter().toDays(), 0, 36_500)),
                f.integer("maxVisitors", d.maxVisitors(), 0, 10_000_000));
        f.finish();
        return v;
    }

    private static Path store(Fields f, Path base) {
        Path p = base.resolve(f.text("path", "../data/known_faces.db")).normalize();
        f.finish();
        return p;
    }

    private static DisplaySettings display(Fields f) {
        DisplaySettings d = DisplaySettings.DEFAULTS;
        DisplaySettings s = new DisplaySettings(f.integer("width", d.width(), 160, 8192),
                f.integer("height", d.height(), 120, 8192), f.bool("fullscreen", d.fullscreen()));
        f.finish();
        return s;
    }

    /**
     * The MQTT client: types and forms are checked whether or not it is enabled; the broker is
     * required only when it is. The password comes from {@code password} or from the first line of
     * {@code passwordFile} (relative to the config file), never both; it is never shown in a problem.
     */
    private static MqttSettings mqtt(Fields f, Path base) {
        MqttSettings d = MqttSettings.DISABLED;
        boolean enabled = f.bool("enabled", false);
        String broker = f.text("broker", null);
        if (broker != null && !broker.matches("(tcp|ssl)://[^/:\\s]+(:\\d{1,5})?/?")) {
            f.problem("broker", "must be tcp://HOST:PORT or ssl://HOST:PORT (got \"" + broker + "\")");
            broker = null;
        } else if (broker == null && enabled) {
            f.problem("broker", "is required when mqtt.enabled is true, e.g. \"tcp://homeassistant.local:1883\"");
        }
        String username = f.text("username", null);
        String password = f.secret("password");
        String passwordFile = f.text("passwordFile", null);
        if (password != null && passwordFile != null) {
            f.problem("passwordFile", "cannot be given with mqtt.password: choose one");
        } else if (passwordFile != null) {
            Path p = base.resolve(passwordFile).normalize();
            try {
                password = Files.readAllLines(p).stream().findFirst().orElse("").strip();
                if (password.isEmpty()) {
                    f.problem("passwordFile", p + " is empty");
                    password = null;
                }
            } catch (IOException | RuntimeException e) {
                f.problem("passwordFile", "cannot read " + p + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        String prefix = f.text("topicPrefix", d.topicPrefix());
        if (!prefix.matches("[^#+\\u0000]+") || prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
            f.problem("topicPrefix", "must be a topic without wildcards (+, #) or empty levels, e.g. \"doorbell\" (got \""
                    + prefix + "\")");
            prefix = d.topicPrefix();
        }
        String clientId = f.text("clientId", enabled ? MqttSettings.defaultClientId() : d.clientId());
        if (!clientId.matches("[A-Za-z0-9_.-]{1,64}")) {
            f.problem("clientId", "must be 1-64 letters, digits, '_', '-' or '.' (got \"" + clientId + "\")");
            clientId = d.clientId();
        }
        boolean discovery = f.bool("discovery", d.discovery());
        Path caFile = null;
        String ca = f.text("caFile", null);
        if (ca != null) {
            caFile = base.resolve(ca).normalize();
            if (!Files.isReadable(caFile)) {
                f.problem("caFile", caFile + " is not a readable file");
            } else if (broker != null && !broker.startsWith("ssl://")) {
                f.problem("caFile", "is only for an ssl:// broker (got " + broker + ")");
            }
        }
        int imageWidth = f.integer("imageWidth", MqttSettings.MAX_IMAGE_WIDTH, MqttSettings.MIN_IMAGE_WIDTH,
                MqttSettings.MAX_IMAGE_WIDTH);
        boolean perPerson = f.bool("perPerson", false);
        f.finish();
        return new MqttSettings(enabled, broker, username, password, prefix, clientId, discovery, caFile, imageWidth,
                perPerson);
    }

    private JsonNode readRoot(Path file) {
        JsonNode root;
        try {
            root = mapper.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            return mapper.createObjectNode();
        } catch (JsonProcessingException e) {
            throw new ConfigException(file, List.of("not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new ConfigException(file, List.of("cannot read: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(file, List.of("must hold one JSON object"));
        }
        return root;
    }
}
