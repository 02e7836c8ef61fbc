package org.doorbell.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --people DIR}: a folder of labelled photos, one folder per person, as LFW lays them out. */
final class LabelledPhotosOption {
    @Option(names = "--people", paramLabel = "DIR", defaultValue = "../shared/lfw-dev/lfw-deepfunneled",
            description = "Labelled photos, one folder per person (default: ${DEFAULT-VALUE}).")
    Path dir;

    /** The folder, or null after one line on stderr saying it is missing. */
    Path existing(CommandSpec spec) {
        if (!Files.isDirectory(dir)) {
            spec.commandLine().getErr().println("doorbell: no folder of labelled photos at " + dir + " (give one with --people)");
            return null;
        }
        return dir;
    }
}
