package org.doorbell.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.doorbell.face.FaceBox;

/**
 * python-api-boxes (src/test/cpp, built into target/test-native by the test build): the boxes
 * dlib's Python API gives for {@code dlib.get_frontal_face_detector()(rgb, upsample)}, as
 * face_recognition calls it, before face_recognition trims them to the image.
 */
public final class PythonApiBoxes {
    private PythonApiBoxes() {
    }

    /** The untrimmed boxes of each PNG, in the order dlib gives them. */
    public static Map<Path, List<FaceBox>> of(int upsample, List<Path> pngs) throws Exception {
        Path program = TestFaces.projectRoot().resolve("target/test-native/python-api-boxes");
        assertTrue(Files.isExecutable(program), program + " is missing: build it with `mvn test-compile`");
        List<String> command = new ArrayList<>(List.of(program.toString(), String.valueOf(upsample)));
        pngs.forEach(p -> command.add(p.toString()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + " failed");
        Map<Path, List<FaceBox>> boxes = new LinkedHashMap<>();
        for (String line : out.lines().toList()) {
            String[] fields = line.split("\t", -1);
            List<FaceBox> faces = new ArrayList<>();
            for (String css : fields[1].isEmpty() ? new String[0] : fields[1].split(" ")) {
                String[] v = css.split(",");
                faces.add(new FaceBox(Integer.parseInt(v[0]), Integer.parseInt(v[1]), Integer.parseInt(v[2]),
                        Integer.parseInt(v[3])));
            }
            boxes.put(Path.of(fields[0]), faces);
        }
        assertEquals(pngs.size(), boxes.size(), out);
        return boxes;
    }
}
