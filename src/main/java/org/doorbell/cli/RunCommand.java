package org.doorbell.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.doorbell.appliance.ModelFingerprint;
import org.doorbell.appliance.OwnerActions;
import org.doorbell.camera.CameraSettings;
import org.doorbell.camera.Cameras;
import org.doorbell.config.ConfigLoader;
import org.doorbell.config.DoorbellConfig;
import org.doorbell.display.Display;
import org.doorbell.display.SwingDisplay;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.visitors.VisitorStore;
import org.doorbell.visitors.store.VisitorStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code doorbell run}: the appliance. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the doorbell: camera, face recognition, visitors, screen.",
                "Stops on Esc/q at the screen, on SIGTERM (saving the store), or at the end of a file with --exit-at-end.",
                "After a failure it cannot recover from it saves the store and exits with status 75: restart it."})
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @ParentCommand
    DoorbellCli root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--source", paramLabel = "S",
            description = "auto, csi, usb, usb:/dev/videoN, file:PATH, images:DIR, rtsp://..., pipeline:GST-LAUNCH (default: from the config file)")
    String source;

    @Option(names = "--store", paramLabel = "FILE", description = "Known-visitor store (default: from the config file).")
    Path store;

    @Option(names = "--headless", description = "No window (recognition and the store only).")
    boolean headless;

    @Option(names = "--json", description = "Print one JSON object per analysed frame with faces: {\"frame\", "
            + "\"time\", \"faces\": [{\"box\": [top, right, bottom, left], \"visitor\", \"label\"}]} "
            + "(the labels the screen shows); with --exit-at-end the summary last, as {\"summary\": {...}}.")
    boolean json;

    @Option(names = "--exit-at-end", description = "Stop when a file or images source ends, instead of starting it over, "
            + "and print a summary: frames, analysed frames per second, visitors (known, new), latency.")
    boolean exitAtEnd;

    @Override
    public Integer call() throws Exception {
        try (RunLogLevel info = RunLogLevel.info()) {
            return runAppliance();
        }
    }

    private int runAppliance() throws Exception {
        log.info("{} (Java {}), config {}", spec.root().version()[0], Runtime.version(), root.config.toAbsolutePath());
        DoorbellConfig config = new ConfigLoader().load(root.config);
        String noDisplay = headless ? null : displayProblem();
        if (noDisplay != null) {
            spec.commandLine().getErr().println("doorbell: no display to show the video on: " + noDisplay + ".");
            return DoorbellCli.EXIT_SETUP;
        }
        CameraSettings camera = config.camera().withExitAtEnd(exitAtEnd);
        if (source != null) {
            camera = camera.withSource(source);
        }
        final CameraSettings cameraSettings = camera;
        Path storeFile = store != null ? store : config.store();
        ApplianceRun run = new ApplianceRun(spec.commandLine().getOut(), spec.commandLine().getErr(), json, exitAtEnd,
                ApplianceRun.FAILURE_GRACE);
        // the engine checks the model files first, so a missing one gets its own clear message
        try (FaceEngine engine = DlibFaceEngine.open(config.faces());
             VisitorStore visitorStore = VisitorStores.open(storeFile,
                     ModelFingerprint.of(config.faces().models().recognition()))) {
            Display display = null;
            if (headless) {
                log.info("no screen (--headless)");
            } else {
                display = SwingDisplay.open(config.display().width(), config.display().height(),
                        config.display().fullscreen(), Display.VisitorDirectory.of(
                                () -> run.appliance() == null ? List.of() : run.appliance().allCards(),
                                id -> run.appliance() == null ? java.util.Optional.empty() : run.appliance().card(id)),
                        new OwnerActions(() -> run.appliance() == null ? null : run.appliance().editor()),
                        Clock.systemDefaultZone());
            }
            try {
                return run.run(engine, visitorStore, config, display, listener -> Cameras.open(cameraSettings, listener));
            } finally {
                if (display != null) {
                    display.close();
                }
            }
        }
    }

    /** Why the screen cannot open, with what to do about it; null if it can. */
    private static String displayProblem() {
        if (!java.awt.GraphicsEnvironment.isHeadless()) {
            try {
                java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices();
                return null;
            } catch (Throwable e) {  // AWTError or InternalError when the X server cannot be reached
                return whyHeadless(false, System.getProperty("java.awt.headless"), System.getenv("DISPLAY"),
                        Path.of(System.getProperty("java.home")), String.valueOf(e.getMessage()));
            }
        }
        return whyHeadless(true, System.getProperty("java.awt.headless"), System.getenv("DISPLAY"),
                Path.of(System.getProperty("java.home")), null);
    }

    /**
     * The real cause of a missing display: Java told to be headless, no DISPLAY, a Java without the
     * AWT X11 library (a -headless JDK package), or an X server that does not answer.
     */
    static String whyHeadless(boolean headlessJava, String headlessProperty, String display, Path javaHome,
            String connectError) {
        if (!headlessJava) {
            return "cannot connect to the X server at DISPLAY=" + display + ": " + connectError
                    + "; check that it is running and that this user may use it (XAUTHORITY, or xhost +SI:localuser:"
                    + System.getProperty("user.name") + " in the desktop session), or add --headless";
        }
        if ("true".equalsIgnoreCase(headlessProperty)) {
            return "Java was started with -Djava.awt.headless=true; remove it, or add --headless";
        }
        if (display == null || display.isBlank()) {
            return "DISPLAY is not set; run it on the touchscreen's desktop, set DISPLAY=:0, or add --headless";
        }
        if (!Files.exists(javaHome.resolve("lib").resolve("libawt_xawt.so"))) {
            return "the Java in " + javaHome + " has no AWT X11 library (lib/libawt_xawt.so), as in a -headless JDK "
                    + "package; install the full JDK (scripts/setup installs openjdk-17-jdk), or add --headless";
        }
        return "Java cannot use DISPLAY=" + display + "; add --headless to run without a screen";
    }
}
