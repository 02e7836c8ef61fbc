package org.doorbell.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.doorbell.testing.TestFaces;
import picocli.CommandLine;

/** Runs the real command line in-process and captures what it prints. */
final class CliRunner {
    record Result(int exitCode, String out, String err) {
    }

    private CliRunner() {
    }

    /** A config file whose models folder is the project's models/. */
    static Path config(Path dir) throws Exception {
        return Files.writeString(dir.resolve("doorbell.json"), "{\"faces\": {\"modelsDir\": \""
                + TestFaces.models().toAbsolutePath().toString().replace("\\", "\\\\") + "\"}}");
    }

    static Result run(String... args) {
        CommandLine cli = DoorbellCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
