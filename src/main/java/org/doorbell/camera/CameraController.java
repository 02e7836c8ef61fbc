package org.doorbell.camera;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camera thread: opens a {@link FrameSource}, passes its frames to the listener, and when the
 * source fails, ends or stays silent, closes it and opens a new one after a growing wait. This
 * thread alone opens and closes sources.
 * <p>
 * Only the source's failures are retried (exceptions, and a LinkageError from its native
 * library). Any other Error, from the source or the listener (OutOfMemoryError, InternalError),
 * closes the source and ends the thread through its uncaught-exception handler: retrying would
 * hide it, and the application decides (the appliance saves and exits for a restart).
 */
final class CameraController implements Camera {
    /** A source that delivers no frame for this long counts as failed. */
    static final Duration NO_FRAME_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Frames for this long end an outage: the next failure is logged again and waits the first
     * wait. A source that fails again sooner stays in the same outage, so a flapping camera logs
     * once and backs off.
     */
    static final Duration STEADY_FLOW = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(CameraController.class);

    private final String name;
    private final Supplier<FrameSource> sources;
    private final FrameListener listener;
    private final boolean exitAtEnd;
    private final Backoff backoff;
    private final Object lock = new Object();
    private final Consumer<Mat> deliver = this::deliver;
    private Thread thread;
    private boolean closed;
    // Used by the camera thread only.
    private long sequence;
    private boolean flowing;
    private boolean steady;
    private long flowingSince;
    private boolean outage;
    private int failedAttempts;
    private boolean listenerFailed;

    /**
     * @param name      the source as the user wrote it, for logs
     * @param sources   a new source for each attempt (may throw {@link CameraException}, counted as a failure)
     * @param listener  receives frames and states on the camera thread
     * @param settings  retry waits and exitAtEnd
     */
    CameraController(String name, Supplier<FrameSource> sources, FrameListener listener, CameraSettings settings) {
        this.name = name;
        this.sources = sources;
        this.listener = listener;
        this.exitAtEnd = settings.exitAtEnd();
        this.backoff = new Backoff(settings.retryInitial(), settings.retryMax());
    }

    @Override
    public void start() {
        synchronized (lock) {
            if (closed || thread != null) {
                throw new IllegalStateException(closed ? "camera is closed" : "camera already started");
            }
            thread = new Thread(this::run, "camera");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public void close() {
        Thread running;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            running = thread;
            lock.notifyAll();
        }
        if (running == null) {
            state(CameraState.ENDED, "closed");
        } else if (running != Thread.currentThread()) {
            boolean interrupted = false;
            while (running.isAlive()) {
                try {
                    running.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean closed() {
        synchronized (lock) {
            return closed;
        }
    }

    private void run() {
        String detail = "closed";
        while (!closed()) {
            state(CameraState.STARTING, name);
            Attempt attempt = attempt();
            if (closed()) {
                break;
            }
            if (attempt.ended && exitAtEnd) {
                detail = "end of " + name;
                break;
            }
            if (attempt.ended) {
                LOG.info("Camera {}: {}, starting over", name, attempt.reason);
                backoff.reset();
            } else if (!outage) {
                LOG.warn("Camera {} unavailable ({}); retrying until it is back", name, attempt.reason);
                outage = true;
            } else {
                LOG.debug("Camera {} still unavailable ({}), attempt {}", name, attempt.reason, failedAttempts);
            }
            if (!attempt.ended) {
                failedAttempts++;
            }
            state(CameraState.RETRYING, attempt.reason);
            pause(backoff.next());
        }
        state(CameraState.ENDED, detail);
    }

    /** How one opening of the source ended. */
    private record Attempt(boolean ended, String reason) {
    }

    private Attempt attempt() {
        flowing = false;
        try (FrameSource source = sources.get()) {
            source.open();
            long lastFrame = System.nanoTime();
            while (!closed()) {
                FrameSource.Poll poll = source.next(deliver);
                if (poll == FrameSource.Poll.FRAME) {
                    lastFrame = System.nanoTime();
                } else if (poll == FrameSource.Poll.END) {
                    return source.finite() ? new Attempt(true, "end of input") : new Attempt(false, "the stream ended");
                } else if (System.nanoTime() - lastFrame > NO_FRAME_TIMEOUT.toNanos()) {
                    return new Attempt(false, "no frame for " + NO_FRAME_TIMEOUT.toSeconds() + " s");
                }
            }
            return new Attempt(false, "closed");
        } catch (SourceFailure | CameraException e) {
            return new Attempt(false, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("Camera {} failed", name, e);
            return new Attempt(false, e.toString());
        }
    }

    private void deliver(Mat frame) {
        if (!flowing) {
            flowing = true;
            steady = false;
            flowingSince = System.nanoTime();
            state(CameraState.RUNNING, "");
        } else if (!steady && System.nanoTime() - flowingSince >= STEADY_FLOW.toNanos()) {
            steady = true;
            backoff.reset();
            if (outage) {
                LOG.info("Camera {} is back after {} failed attempt(s)", name, failedAttempts);
                outage = false;
            }
            failedAttempts = 0;
        }
        try {
            listener.onFrame(frame, sequence++);
        } catch (RuntimeException e) {
            if (!listenerFailed) {
                listenerFailed = true;
                LOG.warn("Frame listener failed; later failures are logged at debug level", e);
            } else {
                LOG.debug("Frame listener failed", e);
            }
        }
    }

    private void state(CameraState state, String detail) {
        try {
            listener.onState(state, detail);
        } catch (RuntimeException e) {
            LOG.warn("Camera state listener failed on {}", state, e);
        }
    }

    private void pause(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (lock) {
            long left;
            while (!closed && (left = deadline - System.nanoTime()) > 0) {
                try {
                    lock.wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    // Only close() stops the camera thread.
                }
            }
        }
    }
}
