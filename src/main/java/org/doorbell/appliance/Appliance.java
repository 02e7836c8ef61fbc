package org.doorbell.appliance;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.doorbell.camera.Camera;
import org.doorbell.camera.CameraState;
import org.doorbell.camera.FrameListener;
import org.doorbell.display.Display;
import org.doorbell.display.DisplayFrame;
import org.doorbell.display.VisitorCard;
import org.doorbell.face.FaceEngine;
import org.doorbell.recognition.FramePipeline;
import org.doorbell.recognition.Recognition;
import org.doorbell.recognition.RecognitionSettings;
import org.doorbell.recognition.detect.FacePlace;
import org.doorbell.recognition.threads.LatestFrame;
import org.doorbell.recognition.threads.RecognitionWorkers;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorEditor;
import org.doorbell.visitors.VisitorRegistry;
import org.doorbell.visitors.VisitorSettings;
import org.doorbell.visitors.VisitorStore;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The doorbell: camera frames go straight to the screen at the camera's rate, while a recogniser
 * thread works on the newest frame whenever it is free (older ones are dropped) and the screen
 * draws its latest results. Visitors are committed to the store as they change
 * ({@link FramePipeline}) and when the appliance stops.
 * <p>
 * Any Throwable on the recogniser thread, or given to {@link #fail} from another thread (the
 * camera's, through an uncaught-exception handler), stops the whole appliance the same way as a
 * quit: the store is saved, and {@link #failure()} tells the caller to exit with an error so that
 * a supervisor starts it afresh. Carrying on is worse: the screen would show live video while
 * nobody is recognised, and a process that looks alive is never restarted.
 */
public final class Appliance implements FrameListener {
    private static final Logger log = LoggerFactory.getLogger(Appliance.class);
    static final String CAMERA_RETRYING = "Camera unavailable \u2014 retrying";
    private static final long STATS_PERIOD_NANOS = 60_000_000_000L;

    private final FramePipeline pipeline;
    private final VisitorRegistry registry;
    /** The run's time, for frame capture times: moves on monotonically from the wall clock at start. */
    private final RunClock clock;
    private final Display display;
    private final Camera camera;
    private final LatestFrame latest = new LatestFrame();
    private final AtomicReference<List<LabelMover.Anchor>> anchors = new AtomicReference<>(List.of());
    private final LabelMover labels = new LabelMover();  // camera thread only
    private final RunStats stats = new RunStats();
    private final RetentionSchedule retention;
    private volatile ApplianceEvents events = ApplianceEvents.NONE;

    private final List<Consumer<Recognition>> observers = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean ended;
    private final FaceEngine engine;
    private final int threads;
    private RecognitionWorkers workers;

    /**
     * @param store         the known-visitor store, loaded now and saved as the appliance runs
     * @param clock         the wall clock: the run's time starts from it (or from the newest stored
     *                      instant, if it is behind that) and moves on monotonically
     * @param cameraFactory opens the camera with this appliance as its listener
     * @param display       the screen, or null when headless
     */
    public Appliance(FaceEngine engine, VisitorStore store, VisitorSettings visitorSettings, RecognitionSettings settings,
                     Clock clock, Display display, Function<FrameListener, Camera> cameraFactory) throws IOException {
        this(engine, store, visitorSettings, settings, new RunClock(clock, System::nanoTime), clock, display,
                cameraFactory);
    }

    /** As the other constructor, with the run's clock given (tests step the wall clock under it). */
    Appliance(FaceEngine engine, VisitorStore store, VisitorSettings visitorSettings, RecognitionSettings settings,
              RunClock runClock, Clock wall, Display display, Function<FrameListener, Camera> cameraFactory)
            throws IOException {
        this.clock = runClock;
        this.pipeline = new FramePipeline(engine, store, visitorSettings, settings, runClock.instant(), wall, outcome -> {
            if (outcome.registered()) {
                stats.newVisitor();
            }
            events.outcome(outcome);
        });
        Instant newest = pipeline.newestStored();
        if (newest != null && runClock.notBefore(newest)) {
            log.warn("the wall clock ({}) is behind the newest visit in the store ({}): visits are timed from that"
                    + " instead until the next start", wall.instant(), newest);
        }
        // live, the whole-frame searches are spaced by this CPU's own search times (a Nano at 720p)
        pipeline.adaptSearchToCpu();
        stats.addDetail(pipeline::searchCadence);
        this.retention = new RetentionSchedule(pipeline.visitors(), pipeline.editor(), visitorSettings, runClock);
        this.registry = pipeline.visitors();
        this.display = display;
        this.engine = engine;
        this.threads = settings.threadsFor(Runtime.getRuntime().availableProcessors());
        this.camera = cameraFactory.apply(this);
    }

    /** The known visitors. */
    public VisitorRegistry visitors() {
        return registry;
    }

    /** The owner's corrections (the screen's card buttons). */
    public VisitorEditor editor() {
        return pipeline.editor();
    }

    /** Told of camera states, ticks and the stop (MQTT events); set before {@link #run()}. */
    public void setEvents(ApplianceEvents events) {
        this.events = events;
        stats.addDetail(events::statsLine);
    }

    /** Called with every recognised frame, on the recogniser's thread (tests, logging). */
    public void addObserver(Consumer<Recognition> observer) {
        observers.add(observer);
    }

    /** Runs until {@link #stop()}, the screen's quit, or the end of a file source with exit-at-end. */
    public void run() throws InterruptedException {
        retention.maybeRun();
        // the threads' engines are opened here, and closed as the threads end
        workers = new RecognitionWorkers(pipeline, engine, threads, display != null, latest, this::recognised, this::fail);
        workers.start();
        stats.started();
        try {
            camera.start();
            while (!stopped.await(100, TimeUnit.MILLISECONDS)) {
                if (display != null && display.quitRequested()) {
                    log.info("quit requested on the screen");
                    break;
                }
                if (ended) {
                    break;
                }
                stats.maybeLog(STATS_PERIOD_NANOS, display == null ? 0 : display.framesPainted());
                pipeline.refreshEdits();
                retention.maybeRun();
                events.tick(clock.instant());
            }
        } finally {
            shutdown();
        }
    }

    /** Asks {@link #run()} to finish (any thread). */
    public void stop() {
        stopped.countDown();
    }

    /**
     * Something the appliance depends on has failed for good on thread {@code where} (an Error, or
     * an exception nobody caught): stops as {@link #stop()} does, and logs it, the first failure at
     * ERROR with its stack trace, later ones (often its consequences) in one WARN line each.
     * Allocates as little as it can before the stop, as it may be called on an OutOfMemoryError.
     */
    public void fail(String where, Throwable error) {
        failed(where, error, "saving the store and stopping");
    }

    private void failed(String where, Throwable error, String then) {
        boolean first = failure.compareAndSet(null, error);
        stop();
        try {
            if (first) {
                log.error("{} failed: {}; {}", where, error, then, error);
            } else {
                log.warn("{} failed too: {}", where, error.toString());
            }
        } catch (Throwable logging) {  // the stop above is what matters
            // nothing more can be said
        }
    }

    /** The first failure given to {@link #fail} or met by the recogniser; null if none. */
    public Throwable failure() {
        return failure.get();
    }

    /** The run's totals; complete once {@link #run()} has returned. */
    public RunSummary summary() {
        return stats.summary(registry.size());
    }

    /** Stops and waits until the store is saved (a SIGTERM hook: the JVM exits when hooks return). */
    public void stopAndWait(Duration timeout) throws InterruptedException {
        stop();
        if (!finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("shutdown took longer than {}", timeout);
        }
    }

    /** Each step is tried even if one before it failed: saving the store matters most. */
    private void shutdown() throws InterruptedException {
        try {
            step("closing the camera", camera::close);
            if (ended) {
                latest.closeAfterNewest();  // the end of a file: its last frame is analysed too
            } else {
                latest.close();
            }
            workers.join();
            stats.stopped();
            step("saving the store", pipeline::finish);
            step("ending the events", () -> events.stopping(clock.instant()));
            step("releasing frames", () -> {
                pipeline.release();
                latest.release();
                labels.release();
            });
            log.info("stopped with {} known visitors; {}", registry.size(), summary().line());
        } finally {
            finished.countDown();
        }
    }

    private void step(String what, Runnable step) {
        try {
            step.run();
        } catch (Throwable e) {  // an Error here must not skip the steps after it
            failed(what, e, "going on with the stop");
        }
    }

    @Override
    public void onFrame(Mat frame, long sequence) {
        stats.frameArrived();
        latest.offer(frame, sequence, clock.instant(), System.nanoTime());
        if (display != null) {
            display.show(new DisplayFrame(frame, labels.move(frame, anchors.get()), recentCards(), null));
        }
    }

    @Override
    public void onState(CameraState state, String detail) {
        events.cameraState(state);
        // STARTING and RUNNING change nothing on screen: frames (or the retry banner) say it all
        if (state == CameraState.RETRYING && display != null) {
            // the screen keeps the last picture under the banner
            display.show(new DisplayFrame(null, List.of(), recentCards(), CAMERA_RETRYING));
        } else if (state == CameraState.ENDED) {
            ended = true;
            stop();
        }
    }

    private List<VisitorCard> recentCards() {
        return cards(registry.recent());
    }

    /** Every known visitor as the screen shows them, most recently seen first; a card is made when its row is drawn. */
    public List<VisitorCard> allCards() {
        return org.doorbell.display.VisitorRows.of(registry.all(), Visitor::id, this::card);
    }

    /** One visitor as the screen shows them, or empty if there is no such visitor. */
    public java.util.Optional<VisitorCard> card(long id) {
        return registry.find(id).map(this::card);
    }

    private List<VisitorCard> cards(List<Visitor> visitors) {
        List<VisitorCard> cards = new ArrayList<>(visitors.size());
        for (Visitor v : visitors) {
            cards.add(card(v));
        }
        return cards;
    }

    private VisitorCard card(Visitor v) {
        return new VisitorCard(v.id(), v.name(), v.bestPicture(), v.firstSeen(), v.lastSeen(), v.visits(), registry.atDoor(v));
    }

    /** Each recognised frame, in capture order, on the thread that applied it. */
    private void recognised(RecognitionWorkers.Done done) {
        Recognition r = done.recognition();
        if (display != null) {
            List<FacePlace> places = new ArrayList<>(done.analysis().faces().size());
            done.analysis().faces().forEach(f -> places.add(f.place()));
            anchors.set(LabelMover.anchor(r.faces(), places));
        }
        observers.forEach(o -> o.accept(r));
        events.decided(r, done.frame());
        stats.recognised(done.taken().arrivedNanos());
    }
}
