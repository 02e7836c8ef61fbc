package org.doorbell.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.doorbell.bench.DoorstepClip;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code doorbell bench clip OUT PHOTO...}: a doorstep clip made from photos, for {@code bench pipeline}. */
@Command(name = "clip", mixinStandardHelpOptions = true,
        description = {"Write a doorstep clip (MJPEG in AVI) for 'bench pipeline': each photo's face in turn, drifting"
                + " sideways, at face heights from 150 down to 63 px in 480 lines (in proportion to other heights)."})
final class BenchClipCommand implements Callable<Integer> {
    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "The clip to write (.avi).")
    Path out;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PHOTO", description = "Photos with one face each.")
    List<Path> photos;

    @Option(names = "--size", defaultValue = "640x480", description = "Frame size (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--frames-each", defaultValue = "30", description = "Frames per photo (default: ${DEFAULT-VALUE}).")
    int framesEach;

    @Option(names = "--gap", defaultValue = "0",
            description = "Frames of an empty doorstep after each photo (default: ${DEFAULT-VALUE}).")
    int gap;

    @Option(names = "--fps", defaultValue = "30", description = "Frame rate (default: ${DEFAULT-VALUE}).")
    int fps;

    @Override
    public Integer call() throws Exception {
        String[] wh = size.toLowerCase().split("x");
        if (wh.length != 2 || !wh[0].matches("\\d+") || !wh[1].matches("\\d+") || framesEach < 1 || fps < 1 || gap < 0) {
            throw new IllegalArgumentException("--size must be WIDTHxHEIGHT, --frames-each and --fps at least 1, --gap at least 0");
        }
        int n;
        try (FaceEngine engine = DlibFaceEngine.open(bench.root.faceSettings())) {
            n = DoorstepClip.write(engine, photos, out, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), framesEach, gap, fps);
        }
        spec.commandLine().getOut().printf("%s: %d frames, %s at %d fps%n", out, n, size, fps);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
