package org.doorbell.camera;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.opencv.core.Mat;

/** A listener that keeps what tests look at: states, sequence numbers, sizes and a few pixels. */
class Recorder implements FrameListener {
    static final Duration WAIT = Duration.ofSeconds(30);

    record Frame(long sequence, int width, int height, double[] first, double[] second, double[] last) {
    }

    record State(CameraState state, String detail) {
    }

    private final List<Frame> frames = new ArrayList<>();
    private final List<State> states = new ArrayList<>();

    @Override
    public synchronized void onFrame(Mat frame, long sequence) {
        frames.add(new Frame(sequence, frame.cols(), frame.rows(), frame.get(0, 0), frame.get(1, 0),
                frame.get(frame.rows() - 1, frame.cols() - 1)));
        notifyAll();
    }

    @Override
    public synchronized void onState(CameraState state, String detail) {
        states.add(new State(state, detail));
        notifyAll();
    }

    synchronized List<Frame> frames() {
        return List.copyOf(frames);
    }

    synchronized List<State> states() {
        return List.copyOf(states);
    }

    synchronized long count(CameraState state) {
        return states.stream().filter(s -> s.state() == state).count();
    }

    /** Waits until the condition holds on this recorder; false if it does not within {@link #WAIT}. */
    synchronized boolean await(Predicate<Recorder> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.test(this)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        return true;
    }

    /** The states in order, skipping repeats of the same state. */
    synchronized List<CameraState> stateSequence() {
        List<CameraState> seq = new ArrayList<>();
        for (State s : states) {
            if (seq.isEmpty() || seq.get(seq.size() - 1) != s.state()) {
                seq.add(s.state());
            }
        }
        return seq;
    }
}
