package org.doorbell.recognition;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.doorbell.face.FaceEngine;
import org.doorbell.identity.Identities;
import org.doorbell.identity.TrackOutcome;
import org.doorbell.tracking.EncodePolicy;
import org.doorbell.tracking.Follows;
import org.doorbell.visitors.VisitorEditor;
import org.doorbell.visitors.VisitorRegistry;
import org.doorbell.visitors.VisitorSettings;
import org.doorbell.visitors.VisitorStore;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code run} and {@code replay} share: each analysed frame goes through detection, the
 * quality gate, tracking and identity, and the visitors it changed are committed to the store as
 * it goes: at once when a visitor or a visit starts, otherwise within {@link #COMMIT_EVERY} of
 * capture time or {@code saveEveryFramesWithFaces} frames with faces, whichever comes first.
 *
 * <p>A frame's recognition has two parts: its analysis ({@link FrameAnalyzer}: finding the faces
 * and encoding those worth it), which several threads may do at once, each with an analyzer of
 * its own from {@link #analyzer}; and {@link #apply}, which takes the analyses one at a time in
 * capture order. {@link #process} does both on the calling thread with the pipeline's own engine.
 */
public final class FramePipeline {
    private static final Logger log = LoggerFactory.getLogger(FramePipeline.class);
    static final Duration COMMIT_EVERY = Duration.ofSeconds(10);
    /**
     * After a failed commit (a full disk, a store gone read-only), how long before the next try:
     * the changes stay pending in memory meanwhile, and recognition goes on.
     */
    static final Duration RETRY_SAVE_AFTER = Duration.ofSeconds(30);
    /** How often the store is asked for edits from other processes. */
    static final long REFRESH_EVERY_NANOS = 250_000_000L;

    private final VisitorStore store;
    private final RecognitionSettings settings;
    private final FrameClock clock;
    private final VisitorRegistry registry;
    private final Recognizer recognizer;
    private final Follows follows = new Follows();
    private final EncodePolicy policy;
    private final FrameAnalyzer own;
    private final VisitorEditor editor;
    private Instant lastCommit;
    private int framesWithFacesSinceCommit;
    /** When the last commit failed, by capture time; null while commits succeed. */
    private Instant saveFailedAt;
    private volatile long lastRefreshNanos = System.nanoTime();
    private volatile boolean refreshFailed;

    /**
     * Loads the store; frame times are the wall clock's (still images replayed at given times).
     *
     * @param start    the instant the registry's clock starts at (before the first frame)
     * @param outcomes told each tracked face's final visitor as soon as it is decided
     */
    public FramePipeline(FaceEngine engine, VisitorStore store, VisitorSettings visitorSettings,
                         RecognitionSettings settings, Instant start, Consumer<TrackOutcome> outcomes) throws IOException {
        this(engine, store, visitorSettings, settings, start, null, outcomes);
    }

    /**
     * Loads the store.
     *
     * @param start    the run's time before the first frame
     * @param wall     the wall clock, for the instants stored, when frame times are the run's time
     *                 ({@code org.doorbell.appliance.RunClock}); null when frame times are wall-clock instants themselves
     * @param outcomes told each tracked face's final visitor as soon as it is decided
     */
    public FramePipeline(FaceEngine engine, VisitorStore store, VisitorSettings visitorSettings,
                         RecognitionSettings settings, Instant start, Clock wall, Consumer<TrackOutcome> outcomes)
            throws IOException {
        this.store = store;
        this.settings = settings;
        this.clock = new FrameClock(start);
        // visits are timed by when frames were captured
        this.registry = new VisitorRegistry(visitorSettings, clock, wall != null ? wall : clock, store.load());
        // new ids from the store's counter, so that an enrolment from the command line never takes one
        registry.useIds(() -> {
            try {
                return store.newId();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        this.editor = new VisitorEditor(store, Clock.systemUTC(), visitorSettings.newVisitAfter(), registry);
        editor.refresh();
        log.info("visitor store {}: {} known visitors, matching: {}", store.path(), registry.size(),
                visitorSettings.matching().configName());
        this.recognizer = new Recognizer(Identities.of(visitorSettings.matching(), registry, outcomes), clock, follows,
                registry::atDoor);
        // the reference rule decides every face of every frame afresh, so it needs every encoding
        this.policy = visitorSettings.matching() == VisitorSettings.Matching.REFERENCE || !settings.followFaces()
                ? EncodePolicy.EVERY_FRAME : EncodePolicy.WHEN_USEFUL;
        this.own = new FrameAnalyzer(engine, settings, follows, policy, false, null);
        this.lastCommit = start;
    }

    public VisitorRegistry visitors() {
        return registry;
    }

    /** The newest instant stored for any visitor (their last sightings), or null if there are none. */
    public Instant newestStored() {
        return registry.all().stream().map(org.doorbell.visitors.Visitor::lastSeen).max(Instant::compareTo).orElse(null);
    }

    /** The owner's corrections, applied to the store and to these visitors at once. */
    public VisitorEditor editor() {
        return editor;
    }

    /**
     * An analyzer for another thread, with its own engine (the caller releases it, and closes the
     * engine).
     *
     * @param places      whether to keep each face's surroundings, for moving the labels with the picture on screen
     * @param wholeSearch searches the whole frame on another thread; null: the analyzer does it itself
     */
    public FrameAnalyzer analyzer(FaceEngine engine, boolean places, WholeFrameSearch wholeSearch) {
        return new FrameAnalyzer(engine, settings, follows, policy, places, wholeSearch);
    }

    /** The settings frames are recognised with. */
    public RecognitionSettings settings() {
        return settings;
    }

    /**
     * The faces followed between frames: read by every analyser to plan its search, updated by
     * {@link #apply} and by the whole-frame search thread. Thread-safe.
     */
    public Follows follows() {
        return follows;
    }

    /** Spaces the whole-frame searches by this CPU's search times (see {@link Follows#adaptToCpu}). */
    public void adaptSearchToCpu() {
        follows.adaptToCpu();
    }

    /** For the stats line: the whole-frame search's interval where a slow CPU made it longer, else null. */
    public String searchCadence() {
        Duration d = follows.searchInterval();
        return d.compareTo(Follows.FULL_SEARCH_EVERY) > 0 ? "whole-frame search every " + d.toMillis() + " ms" : null;
    }

    /** Whether faces are followed between whole-frame searches. */
    public boolean followsFaces() {
        return policy != EncodePolicy.EVERY_FRAME;
    }

    /** Analyses one frame captured at {@code capturedAt} (not before the previous one), then applies it. */
    public Recognition process(Mat frame, long sequence, Instant capturedAt) {
        try {
            return apply(own.analyse(frame, sequence, capturedAt));
        } catch (InterruptedException e) {  // only a whole-frame search on another thread is waited for
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Applies an analysed frame: analyses come in capture order, one at a time. */
    public Recognition apply(FrameAnalyzer.Analysis analysis) {
        Recognition r = recognizer.recognize(analysis);
        Instant capturedAt = analysis.capturedAt();
        if (!r.faces().isEmpty()) {
            framesWithFacesSinceCommit++;
        }
        boolean waiting = saveFailedAt != null
                && Duration.between(saveFailedAt, capturedAt).compareTo(RETRY_SAVE_AFTER) < 0;
        if (!waiting && (registry.urgentChangePending()
                || (registry.changePending() && (framesWithFacesSinceCommit >= settings.saveEveryFramesWithFaces()
                || Duration.between(lastCommit, capturedAt).compareTo(COMMIT_EVERY) >= 0)))) {
            commit(capturedAt);
        }
        return r;
    }

    /**
     * Picks up the owner's edits from other processes (the command line), at most every
     * {@link #REFRESH_EVERY_NANOS}: they win over what this process holds, and show in the next
     * frames. Any thread.
     */
    public void refreshEdits() {
        long now = System.nanoTime();
        if (now - lastRefreshNanos < REFRESH_EVERY_NANOS) {
            return;
        }
        lastRefreshNanos = now;
        try {
            if (editor.refresh()) {
                log.info("applied the owner's edits from the store (edit {})", registry.editSeq());
            }
            refreshFailed = false;
        } catch (IOException e) {
            if (!refreshFailed) {
                log.warn("cannot read the owner's edits from the store: {}", e.getMessage());
            }
            refreshFailed = true;
        }
    }

    /** Ends every track (deciding the undecided) and commits what is left. */
    public void finish() {
        recognizer.endTracks();
        commit(clock.instant());
    }

    /**
     * Commits the visitors changed since the last commit. If the store cannot be written (a full
     * disk), the changes stay pending and recognition goes on: this is said once, the save is tried
     * again every {@link #RETRY_SAVE_AFTER} of capture time, and once more at the end; when it
     * succeeds, that is said once too. The store holds its last commit meanwhile (each commit is
     * one transaction).
     */
    public void commit(Instant now) {
        VisitorRegistry.Changes changes = registry.drainChanges();
        lastCommit = now;
        framesWithFacesSinceCommit = 0;
        if (changes.isEmpty()) {
            return;
        }
        try {
            store.save(changes.visitors());
            if (saveFailedAt != null) {
                log.info("the visitor store can be written again: saved {} visitors kept since {}",
                        changes.visitors().size(), saveFailedAt);
                saveFailedAt = null;
            }
        } catch (IOException e) {
            registry.keepPending(changes);
            if (saveFailedAt == null) {
                log.error("{}; recognition goes on, and the changes ({} visitor{}) are kept in memory until the store can "
                        + "be written again (tried every {} s)", e.getMessage(), changes.visitors().size(),
                        changes.visitors().size() == 1 ? "" : "s", RETRY_SAVE_AFTER.toSeconds());
            }
            saveFailedAt = now;
        }
    }

    /** True while the last commit failed and its changes wait in memory. */
    public boolean saveFailing() {
        return saveFailedAt != null;
    }

    public void release() {
        own.release();
    }
}
