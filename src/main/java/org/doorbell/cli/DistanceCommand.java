package org.doorbell.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.doorbell.face.Face;
import org.doorbell.face.FaceEngine;
import org.doorbell.image.ImageReadException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code doorbell distance A B}: the face distance between the first face of each image. */
@Command(name = "distance", mixinStandardHelpOptions = true,
        description = {"Print the face distance between the first face of each image.",
                "Below 0.6 is usually the same person (dlib's threshold)."})
final class DistanceCommand extends EngineCommand implements Callable<Integer> {
    /** dlib's recommended same-person threshold for this model. */
    static final double SAME_PERSON = 0.6;

    @Parameters(index = "0", paramLabel = "IMAGE_A")
    Path a;

    @Parameters(index = "1", paramLabel = "IMAGE_B")
    Path b;

    @Override
    public Integer call() {
        try (FaceEngine engine = openEngine()) {
            Face fa = firstFace(engine, a);
            Face fb = firstFace(engine, b);
            double d = fa.encoding().distanceTo(fb.encoding());
            spec.commandLine().getOut().printf("%.6f %s%n", d,
                    d < SAME_PERSON ? "same person" : "different people");
            return 0;
        } catch (ImageReadException | NoFaceException e) {
            spec.commandLine().getErr().println("doorbell: " + e.getMessage());
            return DoorbellCli.EXIT_SOME_FAILED;
        }
    }

    private static Face firstFace(FaceEngine engine, Path file) throws ImageReadException, NoFaceException {
        List<Face> faces = FacesCommand.facesIn(engine, file);
        if (faces.isEmpty()) {
            throw new NoFaceException(file + ": no face found");
        }
        return faces.get(0);
    }

    static final class NoFaceException extends Exception {
        NoFaceException(String message) {
            super(message);
        }
    }
}
