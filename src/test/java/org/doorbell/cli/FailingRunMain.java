package org.doorbell.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.doorbell.appliance.ModelFingerprint;
import org.doorbell.camera.CameraSettings;
import org.doorbell.camera.CameraState;
import org.doorbell.camera.Cameras;
import org.doorbell.camera.FrameListener;
import org.doorbell.config.ConfigLoader;
import org.doorbell.config.DoorbellConfig;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.testing.ForwardingFaceEngine;
import org.doorbell.visitors.VisitorStore;
import org.doorbell.visitors.store.VisitorStores;
import org.opencv.core.Mat;

/**
 * Child process of {@link RunFailureTest}: {@code run --headless} as {@link RunCommand} wires it
 * ({@link ApplianceRun} with the real dlib engine, store and GStreamer camera, and the process's
 * exit status from it, as {@link DoorbellCli#main} exits), but with one part that fails after a
 * while:
 * <ul>
 * <li>{@code recognizer-oom N}: from the N-th detection on, the engine fills the heap until the
 *     JVM throws a real OutOfMemoryError, on the recogniser thread;</li>
 * <li>{@code camera-error N}: the N-th camera frame throws an InternalError on the camera thread;</li>
 * <li>{@code stuck N}: the N-th detection never returns (as if dlib hung), and the camera frame
 *     N + 10 throws an InternalError: the stop waits for the recogniser for ever, and the watchdog
 *     must end the process.</li>
 * </ul>
 * Arguments: CONFIG STORE VIDEO MODE N GRACE_SECONDS.
 */
public final class FailingRunMain {
    private FailingRunMain() {
    }

    public static void main(String[] args) throws Exception {
        DoorbellConfig config = new ConfigLoader().load(Path.of(args[0]));
        Path store = Path.of(args[1]);
        CameraSettings camera = config.camera().withSource("file:" + args[2]);
        String mode = args[3];
        int n = Integer.parseInt(args[4]);
        java.time.Duration grace = java.time.Duration.ofSeconds(Long.parseLong(args[5]));
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status;
        try (FaceEngine dlib = DlibFaceEngine.open(config.faces());
             VisitorStore visitors = VisitorStores.open(store, ModelFingerprint.of(config.faces().models().recognition()))) {
            FaceEngine engine = switch (mode) {
                case "recognizer-oom" -> new FailingEngine(dlib, n, false);
                case "stuck" -> new FailingEngine(dlib, n, true);
                default -> dlib;
            };
            int cameraFailsAt = switch (mode) {
                case "camera-error" -> n;
                case "stuck" -> n + 10;
                default -> Integer.MAX_VALUE;
            };
            ApplianceRun run = new ApplianceRun(out, err, false, false, grace);
            status = run.run(engine, visitors, config, null,
                    listener -> Cameras.open(camera, new FailsOnFrame(listener, cameraFailsAt)));
        }
        System.exit(status);
    }

    /**
     * The real engine until the n-th detection; from then on every detection fills the heap until
     * the JVM throws a real OutOfMemoryError, or (hang) never returns.
     */
    private static final class FailingEngine extends ForwardingFaceEngine {
        private final int failAt;
        private final boolean hang;
        private final AtomicInteger detections = new AtomicInteger();

        FailingEngine(FaceEngine engine, int failAt, boolean hang) {
            super(engine);
            this.failAt = failAt;
            this.hang = hang;
        }

        @Override
        public List<FaceBox> detect(Mat bgr, int upsample) {
            if (detections.incrementAndGet() >= failAt && hang) {
                while (true) {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        // as native code would, it does not notice
                    }
                }
            }
            if (detections.get() >= failAt) {
                List<long[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new long[1 << 20]);
                }
            }
            return super.detect(bgr, upsample);
        }
    }

    /** Passes frames on until the n-th, which throws an InternalError on the camera thread. */
    private record FailsOnFrame(FrameListener listener, int failAt) implements FrameListener {
        @Override
        public void onFrame(Mat frame, long sequence) {
            if (sequence + 1 >= failAt) {
                throw new InternalError("injected camera failure at frame " + sequence);
            }
            listener.onFrame(frame, sequence);
        }

        @Override
        public void onState(CameraState state, String detail) {
            listener.onState(state, detail);
        }
    }
}
