package org.doorbell.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.doorbell.appliance.Appliance;
import org.doorbell.appliance.RunSummary;
import org.doorbell.camera.Camera;
import org.doorbell.camera.FrameListener;
import org.doorbell.config.DoorbellConfig;
import org.doorbell.display.Display;
import org.doorbell.events.DoorEvents;
import org.doorbell.events.DoorstepPictures;
import org.doorbell.events.EventPublisher;
import org.doorbell.events.HomeAssistantCommands;
import org.doorbell.events.MqttPublisher;
import org.doorbell.events.MqttSettings;
import org.doorbell.events.Topics;
import org.doorbell.face.FaceEngine;
import org.doorbell.recognition.Recognition;
import org.doorbell.recognition.RecognizedFace;
import org.doorbell.visitors.VisitorStore;

/**
 * One run of the appliance, from opened parts to an exit status: {@code run} calls it with the
 * dlib engine, the store, the screen and the camera it opened, and tests call it with parts of
 * their own (an engine that fails, a camera listener that throws), so that what they check is what
 * the service does.
 * <p>
 * For as long as it runs, an exception nobody caught on any thread (the camera's above all)
 * fails the appliance: it saves the store and stops, and the status is
 * {@link DoorbellCli#EXIT_FAILED_RUNNING}, so that systemd's {@code Restart=on-failure} starts a
 * fresh process. A watchdog halts the process with that status if the stop takes longer than
 * the failure grace, {@link #FAILURE_GRACE} for {@code run} (a thread stuck in native code, or
 * memory too short to finish).
 * SIGTERM saves the store, and the JVM exits with 143.
 */
final class ApplianceRun {
    /** How long SIGTERM waits for the store to be saved (systemd's TimeoutStopSec is 30 s). */
    static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** How long a failed appliance has to stop before the process is halted. */
    static final Duration FAILURE_GRACE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean summary;
    private final Duration failureGrace;
    private volatile Appliance appliance;
    /** The run's MQTT events; closed by the SIGTERM hook too, so that the last events and "offline" go out. */
    private volatile EventPublisher events = EventPublisher.NONE;

    /**
     * @param out     results: the --json lines and the summary
     * @param err     the one-line message of a store that cannot be opened
     * @param json    one JSON line per analysed frame with faces
     * @param summary print the run's totals at the end (a file played to its end)
     * @param failureGrace how long a failed appliance has to stop before the process is halted
     */
    ApplianceRun(PrintWriter out, PrintWriter err, boolean json, boolean summary, Duration failureGrace) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.summary = summary;
        this.failureGrace = failureGrace;
    }

    /** The appliance once made (the screen asks it for cards and actions); null before. */
    Appliance appliance() {
        return appliance;
    }

    /**
     * Makes the appliance (loading the store and opening the camera) and runs it until it stops.
     *
     * @return 0 when it stopped as asked or at the end of a file, {@link DoorbellCli#EXIT_SETUP} if
     *         the store cannot be read, {@link DoorbellCli#EXIT_FAILED_RUNNING} after a failure
     */
    int run(FaceEngine engine, VisitorStore store, DoorbellConfig config, Display display,
            Function<FrameListener, Camera> cameras) throws InterruptedException {
        Appliance a;
        try {
            a = new Appliance(engine, store, config.visitors(), config.recognition(), Clock.systemUTC(), display, cameras);
        } catch (IOException e) {
            // the store's messages name the file and say why
            err.println("doorbell: " + e.getMessage()
                    + "; it was left as it is. Fix its permissions or choose another with --store.");
            return DoorbellCli.EXIT_SETUP;
        }
        appliance = a;
        try (EventPublisher publisher = events(a, config)) {
            events = publisher;
            return run(a);
        }
    }

    /**
     * The MQTT events of this run, started (their thread never blocks the appliance's), or
     * {@link EventPublisher#NONE} when mqtt is not enabled.
     */
    private static EventPublisher events(Appliance a, DoorbellConfig config) {
        MqttSettings mqtt = config.mqtt();
        if (mqtt == null || !mqtt.enabled()) {
            return EventPublisher.NONE;
        }
        Topics topics = new Topics(mqtt.topicPrefix());
        MqttPublisher publisher = MqttPublisher.create(mqtt, Clock.systemUTC());
        DoorEvents door = new DoorEvents(publisher, topics, config.visitors(), Clock.systemDefaultZone(),
                a.visitors().all(), a.visitors(), new DoorstepPictures(mqtt.imageWidth()), mqtt);
        HomeAssistantCommands commands = new HomeAssistantCommands(a.editor(), door::lastEventVisitor, topics);
        commands.subscribe(publisher);
        a.visitors().addVisitListener(door);
        a.setEvents(door);
        door.start();
        publisher.start();
        // at the stop, the commands under way finish (each is its own transaction) before the connection closes
        return new EventPublisher() {
            @Override
            public void publish(org.doorbell.events.Message message) {
                publisher.publish(message);
            }

            @Override
            public String statsLine() {
                return publisher.statsLine();
            }

            @Override
            public void close() {
                commands.close();
                publisher.close();
            }
        };
    }

    private int run(Appliance a) throws InterruptedException {
        if (json) {
            a.addObserver(r -> {
                if (!r.faces().isEmpty()) {
                    out.println(jsonLine(r));
                    out.flush();
                }
            });
        }
        Thread watchdog = watchdog(a, failureGrace, err);
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> a.fail(thread.getName() + " thread", e));
        Thread hook = new Thread(() -> {
            try {
                a.stopAndWait(STOP_GRACE);
                events.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            a.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Throwable e) {  // an Error on this thread fails the run as on any other
            a.fail(Thread.currentThread().getName() + " thread", e);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
            if (!Thread.currentThread().isInterrupted()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // SIGTERM: the hook is waiting for run() to finish; nothing to undo
                }
            }
            watchdog.interrupt();  // from here main's System.exit ends the process
        }
        if (summary) {
            printSummary(a.summary());
        }
        return a.failure() != null ? DoorbellCli.EXIT_FAILED_RUNNING : 0;
    }

    /** Started before anything can fail, so that halting needs no new thread when memory is short. */
    private static Thread watchdog(Appliance a, Duration grace, PrintWriter err) {
        Thread t = new Thread(() -> {
            try {
                while (a.failure() == null) {
                    Thread.sleep(250);
                }
                Thread.sleep(grace.toMillis());
                err.println("doorbell: the appliance did not stop within " + grace.toSeconds()
                        + " s of its failure; halting");
                err.flush();
                Runtime.getRuntime().halt(DoorbellCli.EXIT_FAILED_RUNNING);
            } catch (InterruptedException stoppedInTime) {
                // the run returned: nothing to do
            }
        }, "failure-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void printSummary(RunSummary s) {
        if (json) {
            ObjectNode line = JSON.createObjectNode();
            ObjectNode o = line.putObject("summary");
            o.put("frames", s.frames());
            o.put("analysed", s.analysed());
            o.put("seconds", Math.round(s.seconds() * 10) / 10.0);
            o.put("analysed_per_second", Math.round(s.analysedPerSecond() * 10) / 10.0);
            o.put("visitors", s.visitorsKnown());
            o.put("new_visitors", s.visitorsNew());
            if (s.latencyMedianMs() >= 0) {
                o.put("latency_median_ms", s.latencyMedianMs());
                o.put("latency_p90_ms", s.latencyP90Ms());
            } else {
                o.putNull("latency_median_ms");
                o.putNull("latency_p90_ms");
            }
            out.println(line);
        } else {
            out.println(s.line());
        }
        out.flush();
    }

    static String jsonLine(Recognition r) {
        ObjectNode line = JSON.createObjectNode();
        line.put("frame", r.sequence());
        line.put("time", r.capturedAt().toString());
        ArrayNode faces = line.putArray("faces");
        for (RecognizedFace f : r.faces()) {
            FaceJson.add(faces, f.box(), f.visitorId()).put("label", f.label());
        }
        return line.toString();
    }
}
