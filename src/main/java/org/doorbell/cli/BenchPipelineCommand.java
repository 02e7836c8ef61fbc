package org.doorbell.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.doorbell.bench.PipelineBench;
import org.doorbell.camera.Camera;
import org.doorbell.camera.CameraSettings;
import org.doorbell.camera.CameraState;
import org.doorbell.camera.Cameras;
import org.doorbell.camera.FrameListener;
import org.doorbell.config.ConfigLoader;
import org.doorbell.config.DoorbellConfig;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.opencv.core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code doorbell bench pipeline CLIP}: decodes the clip once into memory, then feeds the same
 * frames, free-running, through the reference loop as published, the reference loop at the
 * appliance's detection scale, and the appliance's own recognition ({@link PipelineBench}).
 * {@code --cores N} runs the whole command again pinned to the first N processors (taskset).
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"The reference loop (1/4 size; then at the appliance's detection scale) and the appliance's"
                + " recognition on the same frames of CLIP, held in memory and fed as fast as they are taken:"
                + " analysed frames/s, faces, smallest face, visitors, frame-to-label latency, CPU, and also the encodings and the full-search-every-frame appliance. With --json one"
                + " object per approach: {\"approach\", \"frames\", \"analysed_fps\", \"faces\", \"min_face_px\","
                + " \"visitors\", \"latency_p50_ms\", \"latency_p90_ms\", \"cpu_pct\", \"threads\", \"encodings\"}."})
final class BenchPipelineCommand implements Callable<Integer> {
    static final String PINNED = "DOORBELL_BENCH_PINNED";

    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CLIP", description = "A video file (any format GStreamer decodes).")
    Path clip;

    @Option(names = "--cores", paramLabel = "N", description = "Pin the process to the first N processors.")
    Integer cores;

    @Option(names = "--fps", defaultValue = "30", description = "The clip's frame rate, for the frames' capture times"
            + " (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--threads", paramLabel = "N",
            description = "The appliance's recognising threads (default: one per processor; the bench has no camera or screen).")
    Integer threads;

    @Option(names = "--approach", paramLabel = "NAME", split = ",",
            description = "Only these: reference-quarter, reference-scaled, appliance, appliance-every-frame (default: all).")
    List<String> approaches;

    @Option(names = "--json", description = "One JSON object per approach instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (cores != null && System.getenv(PINNED) == null) {
            return pinned();
        }
        if (fps <= 0) {
            throw new ParameterException(spec.commandLine(), "--fps must be positive");
        }
        List<String> chosen = approaches == null ? PipelineBench.names() : approaches;
        for (String a : chosen) {
            if (!PipelineBench.names().contains(a)) {
                throw new ParameterException(spec.commandLine(), "unknown approach '" + a + "'; use one of "
                        + String.join(", ", PipelineBench.names()));
            }
        }
        if (!Files.isReadable(clip)) {
            throw new IllegalArgumentException("cannot read " + clip);
        }
        DoorbellConfig config = new ConfigLoader().load(bench.root.config);
        List<Mat> frames = decode(clip);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException(clip + " has no video frames");
        }
        int processors = Runtime.getRuntime().availableProcessors();
        int appThreads = threads != null ? threads : processors;
        List<PipelineBench.Approach> results = new ArrayList<>();
        try (FaceEngine engine = DlibFaceEngine.open(config.faces())) {
            for (String a : chosen) {
                results.add(switch (a) {
                    case "reference-quarter" -> PipelineBench.reference(a, engine, frames, 0.25, 1);
                    case "reference-scaled" -> PipelineBench.referenceAtApplianceScale(a, engine, frames, config);
                    case "appliance" -> PipelineBench.appliance(a, engine, frames, fps, appThreads, true, config);
                    default -> PipelineBench.appliance(a, engine, frames, fps, appThreads, false, config);
                });
            }
        } finally {
            frames.forEach(Mat::release);
        }
        print(results, frames.size(), processors);
        return 0;
    }

    private void print(List<PipelineBench.Approach> results, int frames, int processors) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            for (PipelineBench.Approach r : results) {
                ObjectNode o = mapper.createObjectNode();
                o.put("approach", r.approach());
                o.put("frames", r.frames());
                o.put("analysed_fps", BenchCommand.round(r.analysedFps(), 2));
                o.put("faces", r.faces());
                o.put("encodings", r.encodings());
                o.put("min_face_px", r.minFacePx());
                o.put("visitors", r.visitors());
                o.put("latency_p50_ms", BenchCommand.round(r.latencyP50Ms(), 2));
                o.put("latency_p90_ms", BenchCommand.round(r.latencyP90Ms(), 2));
                o.put("cpu_pct", BenchCommand.round(r.cpuPct(), 1));
                o.put("threads", r.threads());
                out.println(o);
            }
        } else {
            out.printf("%s: %d frames in memory, %d processor(s)%n", clip.getFileName(), frames, processors);
            out.printf("%-22s %10s %6s %10s %9s %9s %12s %12s %6s %8s%n", "approach", "analysed/s", "faces", "encodings",
                    "min face", "visitors", "latency p50", "latency p90", "CPU %", "threads");
            for (PipelineBench.Approach r : results) {
                out.printf("%-22s %10.1f %6d %10d %9d %9d %12.1f %12.1f %6.0f %8d%n", r.approach(), r.analysedFps(),
                        r.faces(), r.encodings(), r.minFacePx(), r.visitors(), r.latencyP50Ms(), r.latencyP90Ms(),
                        r.cpuPct(), r.threads());
            }
        }
        out.flush();
    }

    /** This command again, pinned to the first N processors, with its output passed through. */
    private int pinned() throws IOException, InterruptedException {
        int available = Runtime.getRuntime().availableProcessors();
        if (cores < 1 || cores > available) {
            throw new ParameterException(spec.commandLine(), "--cores must be 1 to " + available);
        }
        List<String> command = new ArrayList<>(List.of("taskset", "-c", cores == 1 ? "0" : "0-" + (cores - 1)));
        for (String part : Files.readString(Path.of("/proc/self/cmdline"), StandardCharsets.UTF_8).split("\0")) {
            if (!part.isEmpty()) {
                command.add(part);
            }
        }
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().put(PINNED, String.valueOf(cores));
        return pb.start().waitFor();
    }

    /** Every frame of the clip, decoded as fast as it goes (copies the caller releases). */
    static List<Mat> decode(Path clip) throws InterruptedException {
        List<Mat> frames = new ArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        String[] problem = {null};
        String location = clip.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"");
        CameraSettings settings = CameraSettings.defaults("pipeline:filesrc location=\"" + location + "\" ! decodebin")
                .withExitAtEnd(true);
        try (Camera camera = Cameras.open(settings, new FrameListener() {
            @Override
            public void onFrame(Mat frame, long sequence) {
                Mat copy = new Mat();
                frame.copyTo(copy);
                frames.add(copy);
            }

            @Override
            public void onState(CameraState state, String detail) {
                if (state == CameraState.RETRYING) {
                    problem[0] = detail;
                    ended.countDown();
                } else if (state == CameraState.ENDED) {
                    ended.countDown();
                }
            }
        })) {
            camera.start();
            if (!ended.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("decoding " + clip + " took over 10 minutes");
            }
        }
        if (problem[0] != null && frames.isEmpty()) {
            throw new IllegalArgumentException("cannot decode " + clip + ": " + problem[0]);
        }
        return frames;
    }
}
