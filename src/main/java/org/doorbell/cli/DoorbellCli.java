package org.doorbell.cli;

import java.nio.file.Path;
import org.doorbell.camera.CameraException;
import org.doorbell.config.ConfigException;
import org.doorbell.config.ConfigLoader;
import org.doorbell.face.FaceEngineException;
import org.doorbell.face.FaceSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code doorbell <command>}: the appliance's command line. */
@Command(name = "doorbell", mixinStandardHelpOptions = true, version = "doorbell 0.1.0",
        description = "Face-recognition doorbell.",
        subcommands = {RunCommand.class, ReplayCommand.class, VisitorsCommand.class, FacesCommand.class, DistanceCommand.class, BenchCommand.class,
            ModelsCommand.class})
public final class DoorbellCli {
    /** Exit status when some inputs failed but the others were processed. */
    public static final int EXIT_SOME_FAILED = 1;
    /** Exit status for bad configuration, missing models and other set-up errors. */
    public static final int EXIT_SETUP = 3;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            defaultValue = "${env:DOORBELL_CONFIG:-config/doorbell.json}",
            description = "Configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    /** The face settings of the configuration file. */
    FaceSettings faceSettings() {
        return new ConfigLoader().faceSettings(config);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with errors turned into one clear message and an exit status. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new DoorbellCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof FaceEngineException || e instanceof ConfigException || e instanceof CameraException) {
                commandLine.getErr().println("doorbell: " + e.getMessage());
                return EXIT_SETUP;
            }
            if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println("doorbell: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            throw e;
        });
        return cli;
    }
}
