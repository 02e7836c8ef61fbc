package org.doorbell.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.doorbell.appliance.ModelFingerprint;
import org.doorbell.config.ConfigLoader;
import org.doorbell.config.DoorbellConfig;
import org.doorbell.enrolment.PhotoFaces;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.visitors.FaceSample;
import org.doorbell.visitors.VisitorEditor;
import org.doorbell.visitors.VisitorStore;
import org.doorbell.visitors.store.VisitorStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code doorbell visitors add --name NAME PHOTO...}: enrols family and friends from photos before
 * they ever ring. Each photo must hold exactly one usable face; if one does not, nothing is added
 * and one line names each such photo and why.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Enrol a person from photos (one face each) so that the doorbell knows them by name.")
final class VisitorsAddCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    VisitorsCommand parent;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The person's name.")
    String name;

    @Option(names = "--store", paramLabel = "FILE",
            description = "Visitor store database (default: store.path from the config file).")
    Path store;

    @Parameters(paramLabel = "PHOTO", arity = "1..*", description = "Photos of the person, alone in each.")
    List<Path> photos;

    @Override
    public Integer call() throws Exception {
        DoorbellConfig config = new ConfigLoader().load(parent.root.config);
        Path file = store != null ? store : config.store();
        PrintWriter err = spec.commandLine().getErr();
        List<FaceSample> samples = new ArrayList<>();
        byte[] picture = null;
        double pictureQuality = -1;
        int problems = 0;
        Instant now = Clock.systemUTC().instant().truncatedTo(ChronoUnit.MILLIS);
        try (FaceEngine engine = DlibFaceEngine.open(config.faces());
             PhotoFaces faces = new PhotoFaces(engine, config.recognition())) {
            for (Path photo : photos) {
                PhotoFaces.PhotoFace face = faces.read(photo, now);
                if (!face.usable()) {
                    err.println("doorbell: " + face.problem() + " (" + name + " not enrolled)");
                    problems++;
                    continue;
                }
                samples.add(face.sample());
                if (face.sample().quality() > pictureQuality) {
                    picture = face.picture();
                    pictureQuality = face.sample().quality();
                }
            }
            err.flush();
            if (problems > 0) {
                return DoorbellCli.EXIT_SOME_FAILED;
            }
            String model = ModelFingerprint.of(config.faces().models().recognition());
            // an existing store is only edited, never moved aside (not even if made with another model)
            try (VisitorStore visitors = java.nio.file.Files.exists(file) ? VisitorStores.openExisting(file, model)
                    : VisitorStores.open(file, model)) {
                visitors.load();
                VisitorEditor.Outcome outcome = VisitorEditor.of(visitors, Clock.systemUTC())
                        .enrol(name, samples, picture, pictureQuality);
                PrintWriter out = outcome.done() ? spec.commandLine().getOut() : err;
                out.println(outcome.done() ? outcome.message() : "doorbell: " + outcome.message());
                out.flush();
                return outcome.done() ? 0 : DoorbellCli.EXIT_SOME_FAILED;
            } catch (IOException e) {
                err.println("doorbell: " + e.getMessage());
                err.flush();
                return DoorbellCli.EXIT_SETUP;
            }
        }
    }
}
