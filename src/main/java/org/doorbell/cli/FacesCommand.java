package org.doorbell.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.doorbell.face.Face;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.FaceEngineException;
import org.doorbell.image.ImageFiles;
import org.doorbell.image.ImageReadException;
import org.opencv.core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code doorbell faces}: every face's box and 128-D encoding, per image. */
@Command(name = "faces", mixinStandardHelpOptions = true,
        description = "Print every face's box (top, right, bottom, left) and 128-D encoding, per image.")
final class FacesCommand extends EngineCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--json", description = "One JSON object per image and line.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<Path> images;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int failed = 0;
        try (FaceEngine engine = openEngine()) {
            if (!json) {
                out.printf("%-40s %5s  %-26s %s%n", "FILE", "FACE", "BOX (top,right,bottom,left)", "ENCODING");
            }
            for (Path file : images) {
                try {
                    List<Face> faces = facesIn(engine, file);
                    out.println(json ? jsonLine(file, faces) : table(file, faces));
                } catch (ImageReadException | FaceEngineException e) {
                    failed++;
                    out.println(json ? errorLine(file, e.getMessage()) : String.format("%-40s error: %s", file, e.getMessage()));
                }
                out.flush();
            }
        }
        return failed == 0 ? 0 : DoorbellCli.EXIT_SOME_FAILED;
    }

    static List<Face> facesIn(FaceEngine engine, Path file) throws ImageReadException {
        Mat image = ImageFiles.readBgr(file);
        try {
            return engine.faces(image);
        } finally {
            image.release();
        }
    }

    private static String jsonLine(Path file, List<Face> faces) {
        ObjectNode line = JSON.createObjectNode();
        line.put("file", file.toString());
        ArrayNode list = line.putArray("faces");
        for (Face face : faces) {
            ObjectNode f = list.addObject();
            ArrayNode box = f.putArray("box");
            for (int v : face.box().toArray()) {
                box.add(v);
            }
            ArrayNode enc = f.putArray("encoding");
            for (double v : face.encoding().toArray()) {
                enc.add(v);
            }
        }
        return line.toString();
    }

    private static String errorLine(Path file, String message) {
        ObjectNode line = JSON.createObjectNode();
        line.put("file", file.toString());
        line.put("error", message);
        return line.toString();
    }

    private static String table(Path file, List<Face> faces) {
        if (faces.isEmpty()) {
            return String.format("%-40s %5s  no face", file, "-");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < faces.size(); i++) {
            Face f = faces.get(i);
            int[] b = f.box().toArray();
            String box = String.format("%d,%d,%d,%d", b[0], b[1], b[2], b[3]);
            String enc = String.format("%.4f %.4f %.4f ... (%d values)", f.encoding().get(0), f.encoding().get(1),
                    f.encoding().get(2), 128);
            if (i > 0) {
                sb.append(System.lineSeparator());
            }
            sb.append(String.format("%-40s %5d  %-26s %s", i == 0 ? file.toString() : "", i + 1, box, enc));
        }
        return sb.toString();
    }
}
