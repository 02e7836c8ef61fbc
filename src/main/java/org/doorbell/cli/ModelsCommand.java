package org.doorbell.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.doorbell.face.dlib.FaceApiResnetConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code doorbell models ...}: model file tools used by scripts/fetch-models. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Model file tools.",
        subcommands = ModelsCommand.ConvertFaceApi.class)
final class ModelsCommand {

    @Command(name = "convert-faceapi", mixinStandardHelpOptions = true,
            description = "Rebuild dlib_face_recognition_resnet_model_v1.dat from face-api.js's face recognition weights.")
    static final class ConvertFaceApi implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "MANIFEST", description = "face_recognition_model-weights_manifest.json")
        Path manifest;

        @Parameters(index = "1", paramLabel = "OUT", description = "the .dat file to write")
        Path out;

        @Override
        public Integer call() {
            try {
                FaceApiResnetConverter.convert(manifest, out);
                spec.commandLine().getOut().println("wrote " + out);
                return 0;
            } catch (IOException | RuntimeException e) {
                spec.commandLine().getErr().println("doorbell: cannot convert " + manifest + ": " + e.getMessage());
                return DoorbellCli.EXIT_SETUP;
            }
        }
    }
}
