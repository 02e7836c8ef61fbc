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
@Command(name = "doorbell", mixinStandardHelpOptions = true, versionProvider = DoorbellCli.Version.class,
        description = "Face-recognition doorbell.",
        subcommands = {RunCommand.class, ReplayCommand.class, VisitorsCommand.class, FacesCommand.class, DistanceCommand.class, BenchCommand.class,
            ModelsCommand.class, EventsCommand.class})
public final class DoorbellCli {
    /** "doorbell VERSION", the build's version ({@link org.doorbell.BuildVersion}). */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"doorbell " + org.doorbell.BuildVersion.get()};
        }
    }

    /** Exit status when some inputs failed but the others were processed. */
    public static final int EXIT_SOME_FAILED = 1;
    /** Exit status for bad configuration, missing models and other set-up errors. */
    public static final int EXIT_SETUP = 3;
    /**
     * Exit status of {@code run} when the running appliance failed (an Error such as
     * OutOfMemoryError, or an exception nobody caught): the store was saved as far as it could be,
     * and a supervisor should start it again (systemd's {@code Restart=on-failure}). 75 is
     * sysexits.h's EX_TEMPFAIL, "try again later", which systemd shows as {@code 75/TEMPFAIL}; the
     * small numbers have LSB meanings there (4 would read {@code 4/NOPERMISSION}).
     */
    public static final int EXIT_FAILED_RUNNING = 75;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            defaultValue = "${env:DOORBELL_CONFIG:-config/doorbell.json}",
            description = "Configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    /** The face settings of the configuration file. */
    FaceSettings faceSettings() {
        return new ConfigLoader().faceSettings(config);
    }

    public static void main(String[] args) {
        int status = CommandLine.ExitCode.SOFTWARE;
        try {
            status = commandLine().execute(args);
        } catch (Throwable e) {  // picocli passes Errors on: exit all the same, whatever threads are left
            e.printStackTrace();
        }
        System.exit(status);
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
