package org.doorbell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.FaceSettings;
import org.doorbell.face.Landmarks;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.image.ImageFiles;
import org.doorbell.image.ImageReadException;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code doorbell bench ...}: speed measurements. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure speed.",
        subcommands = {BenchCommand.Faces.class, BenchVisitorsCommand.class, BenchPairsCommand.class,
                BenchStoreCommand.class, BenchPipelineCommand.class, BenchClipCommand.class})
final class BenchCommand {
    @ParentCommand
    DoorbellCli root;

    /**
     * Times each stage of the face chain in Java, then the same facade calls in a C++ program
     * linked to the same dlib (target/native/doorbell-bench-native) on the same pixels, and prints
     * both with the ratio Java / C++.
     */
    @Command(name = "faces", mixinStandardHelpOptions = true,
            description = "Median and p90 ms of each face stage, Java beside C++.")
    static final class Faces implements Callable<Integer> {
        private static final int WARMUP = 2;
        private static final String[] STAGES = {"detect_full", "detect_quarter", "landmarks", "descriptor"};
        private static final String[] LABELS = {"detection, full size", "detection, 1/4 size",
            "landmarks, per face", "descriptor, per face"};

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "IMAGE")
        Path image;

        @Option(names = "--runs", defaultValue = "20", description = "Timed runs per stage (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--native", paramLabel = "PROGRAM",
                description = "The C++ bench program (default: native/doorbell-bench-native beside the jar).")
        Path nativeProgram;

        @Override
        public Integer call() throws Exception {
            if (runs < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--runs must be at least 1");
            }
            FaceSettings settings = bench.root.faceSettings();
            Mat full;
            try {
                full = ImageFiles.readBgr(image);
            } catch (ImageReadException e) {
                spec.commandLine().getErr().println("doorbell: " + e.getMessage());
                return DoorbellCli.EXIT_SOME_FAILED;
            }
            Mat quarter = new Mat();
            Path dir = Files.createTempDirectory("doorbell-bench");
            try (FaceEngine engine = DlibFaceEngine.open(settings.withDetector(org.doorbell.face.DetectorKind.HOG))) {
                Imgproc.resize(full, quarter, new Size(), 0.25, 0.25, Imgproc.INTER_AREA);
                Map<String, Samples> java = timeJava(engine, full, quarter);
                Path fullPng = dir.resolve("full.png");
                Path quarterPng = dir.resolve("quarter.png");
                Imgcodecs.imwrite(fullPng.toString(), full);
                Imgcodecs.imwrite(quarterPng.toString(), quarter);
                Map<String, Samples> cpp = timeNative(settings, fullPng, quarterPng);
                print(spec.commandLine().getOut(), full, settings, java, cpp);
                return 0;
            } finally {
                full.release();
                quarter.release();
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(dir);
            }
        }

        private Map<String, Samples> timeJava(FaceEngine engine, Mat full, Mat quarter) {
            List<List<Double>> t = new ArrayList<>();
            for (int i = 0; i < STAGES.length; i++) {
                t.add(new ArrayList<>());
            }
            for (int run = -WARMUP; run < runs; run++) {
                long t0 = System.nanoTime();
                List<FaceBox> boxes = engine.detect(full);
                double detFull = ms(t0);
                t0 = System.nanoTime();
                engine.detect(quarter);
                double detQuarter = ms(t0);
                t0 = System.nanoTime();
                List<Landmarks> shapes = new ArrayList<>(boxes.size());
                for (FaceBox b : boxes) {
                    shapes.add(engine.landmarks(full, b));
                }
                double lm = ms(t0);
                t0 = System.nanoTime();
                engine.encode(full, shapes);
                double enc = ms(t0);
                if (run < 0) {
                    continue;
                }
                t.get(0).add(detFull);
                t.get(1).add(detQuarter);
                if (!boxes.isEmpty()) {
                    t.get(2).add(lm / boxes.size());
                    t.get(3).add(enc / boxes.size());
                }
            }
            Map<String, Samples> out = new LinkedHashMap<>();
            for (int i = 0; i < STAGES.length; i++) {
                out.put(STAGES[i], new Samples(t.get(i).stream().mapToDouble(Double::doubleValue).toArray()));
            }
            return out;
        }

        private static double ms(long t0) {
            return (System.nanoTime() - t0) / 1e6;
        }

        private Map<String, Samples> timeNative(FaceSettings settings, Path fullPng, Path quarterPng)
                throws IOException, InterruptedException {
            Path program = nativeProgram != null ? nativeProgram : defaultNativeProgram();
            if (program == null || !Files.isExecutable(program)) {
                spec.commandLine().getErr().println("doorbell: C++ bench program not found"
                        + (program == null ? "" : " at " + program) + "; build it with `mvn package` (or pass --native)."
                        + " Showing Java only.");
                return Map.of();
            }
            ProcessBuilder pb = new ProcessBuilder(program.toString(), fullPng.toString(), quarterPng.toString(),
                    String.valueOf(runs), String.valueOf(settings.upsample()),
                    settings.models().landmarks().toString(), settings.models().recognition().toString());
            // the child inherits this JVM's environment (OPENBLAS_NUM_THREADS included): same conditions
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                spec.commandLine().getErr().println("doorbell: C++ bench program failed; showing Java only.");
                return Map.of();
            }
            JsonNode json = new ObjectMapper().readTree(output);
            Map<String, Samples> out = new LinkedHashMap<>();
            for (String stage : STAGES) {
                double[] v = new double[json.path(stage).size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = json.path(stage).get(i).asDouble();
                }
                out.put(stage, new Samples(v));
            }
            return out;
        }

        private static Path defaultNativeProgram() {
            try {
                Path code = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                // target/doorbell.jar or target/classes: both sit beside target/native
                return code.getParent().resolve("native").resolve("doorbell-bench-native");
            } catch (URISyntaxException | RuntimeException e) {
                return null;
            }
        }

        private void print(PrintWriter out, Mat full, FaceSettings settings, Map<String, Samples> java,
                           Map<String, Samples> cpp) {
            out.printf("image %s, %dx%d, upsample %d, %d runs (+%d warm-up), OPENBLAS_NUM_THREADS=%s%n", image,
                    full.cols(), full.rows(), settings.upsample(), runs, WARMUP,
                    System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "unset"));
            out.printf("%-22s %12s %12s %12s %12s %10s%n", "stage (ms)", "Java median", "Java p90", "C++ median",
                    "C++ p90", "Java/C++");
            for (int i = 0; i < STAGES.length; i++) {
                Samples j = java.get(STAGES[i]);
                Samples c = cpp.get(STAGES[i]);
                if (j.isEmpty()) {
                    out.printf("%-22s %12s%n", LABELS[i], "no face");
                    continue;
                }
                boolean hasC = c != null && !c.isEmpty();
                out.printf("%-22s %12.2f %12.2f %12s %12s %10s%n", LABELS[i], j.median(), j.p90(),
                        hasC ? String.format("%.2f", c.median()) : "-", hasC ? String.format("%.2f", c.p90()) : "-",
                        hasC ? String.format("%.3f", j.median() / c.median()) : "-");
            }
            out.flush();
        }
    }

    /** {@code v} rounded to {@code places} decimals, for the benches' JSON. */
    static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
