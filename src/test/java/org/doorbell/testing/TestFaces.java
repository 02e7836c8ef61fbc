package org.doorbell.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.doorbell.face.DetectorKind;
import org.doorbell.face.FaceSettings;
import org.doorbell.face.ModelPaths;

/** The shared photos in ../shared/faces (never copied into the project) and the model files. */
public final class TestFaces {
    private static final Set<String> NOT_PEOPLE = Set.of("groups", "unknown", "noface", "edge_cases", "video");

    private TestFaces() {
    }

    public static Path root() {
        Path p = Path.of(System.getProperty("doorbell.faces", "../shared/faces"));
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("test photos not found at " + p.toAbsolutePath());
        }
        return p;
    }

    public static Path models() {
        return Path.of(System.getProperty("doorbell.models", "models"));
    }

    public static Path projectRoot() {
        return Path.of(System.getProperty("doorbell.root", "."));
    }

    /** HOG, no upsampling, one jitter, the 68-point landmarks: the appliance's defaults. */
    public static FaceSettings settings() {
        return new FaceSettings(DetectorKind.HOG, 0, 1, ModelPaths.in(models(), ModelPaths.LANDMARKS_68));
    }

    /** Photos per person, by folder name, sorted. */
    public static Map<String, List<Path>> people() {
        Map<String, List<Path>> people = new TreeMap<>();
        for (Path dir : list(root())) {
            if (Files.isDirectory(dir) && !NOT_PEOPLE.contains(dir.getFileName().toString())) {
                people.put(dir.getFileName().toString(), images(dir));
            }
        }
        return people;
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }

    /** The image files (not the annotation XML) of one folder, sorted. */
    public static List<Path> images(String folder) {
        return images(root().resolve(folder));
    }

    private static List<Path> images(Path dir) {
        return list(dir).stream().filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png|webp|bmp)$")).toList();
    }

    /** MANIFEST.tsv's "hog" and "hog_up1" columns: faces dlib 19.24's HOG finds, by file. */
    public static Map<String, String[]> manifestHogCounts() {
        Map<String, String[]> counts = new TreeMap<>();
        try (Stream<String> lines = Files.lines(root().resolve("MANIFEST.tsv"))) {
            lines.skip(1).map(l -> l.split("\t")).forEach(c -> counts.put(c[0], new String[] {c[3], c[4]}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
