package org.doorbell.camera;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Decides what {@code camera.source: auto} means on this machine by trying the cameras in turn:
 * the CSI camera only if its sensor answers, else the first {@code /dev/video*} that gives frames.
 * The mere presence of {@code nvarguscamerasrc} says nothing: JetPack installs it on every Jetson,
 * with or without a sensor on the ribbon, and a USB webcam also makes a metadata node that is no
 * capture device. "Answers" means a frame reaches the appsink within {@link #ANSWER_WITHIN}; for a
 * live source that is when the pipeline reaches PLAYING. Each try is a whole {@link GstFrameSource},
 * closed (stopped and every GStreamer object disposed) before the next, so the chosen device is
 * free for the camera itself.
 */
final class CameraProbe {
    /** How long a candidate has to deliver its first frame (an Argus cold start takes 1-3 s). */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

    /**
     * A source that "auto" may choose.
     *
     * @param source   as {@code --source} spells it: "csi" or "usb:/dev/videoN"
     * @param pipeline the gst-launch text to try, ending in an appsink named "sink"
     */
    record Candidate(String source, String pipeline) {
        boolean csi() {
            return source.equals("csi");
        }

        String failure(String why) {
            return csi() ? "CSI sensor did not answer: " + why
                    : source.substring(source.indexOf(':') + 1) + " gave no frames: " + why;
        }
    }

    /**
     * What "auto" chose.
     *
     * @param source     the chosen source, as {@code --source} spells it
     * @param passedOver why each camera tried before it (or missing) was not chosen
     */
    record Choice(String source, List<String> passedOver) {
        /** One line for the log: "auto chose usb:/dev/video0 (CSI sensor did not answer: ...)". */
        String describe() {
            return "auto chose " + source + (passedOver.isEmpty() ? "" : " (" + String.join("; ", passedOver) + ")");
        }
    }

    private final Function<String, String> answer;

    /** @param answer null if the pipeline gives a frame in time, else why not (one line) */
    CameraProbe(Function<String, String> answer) {
        this.answer = answer;
    }

    /** Tries real GStreamer pipelines, each given {@code within} for its first frame. */
    static CameraProbe gstreamer(Duration within) {
        return new CameraProbe(pipeline -> firstFrame(pipeline, within));
    }

    /**
     * The first candidate that answers, in order (CSI first, then the devices in number order).
     *
     * @throws CameraException naming {@code --source} and why each candidate was passed over, if none answers
     */
    Choice choose(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            throw new CameraException(PipelineFactory.NO_CAMERA);
        }
        List<String> passedOver = new ArrayList<>();
        if (candidates.stream().noneMatch(Candidate::csi)) {
            passedOver.add("no CSI camera");
        }
        for (Candidate c : candidates) {
            String why = answer.apply(c.pipeline());
            if (why == null) {
                return new Choice(c.source(), List.copyOf(passedOver));
            }
            passedOver.add(c.failure(why));
        }
        if (candidates.stream().allMatch(Candidate::csi)) {
            passedOver.add("no /dev/video*");
        }
        throw new CameraException("No camera found (" + String.join("; ", passedOver) + "). "
                + PipelineFactory.CHOOSE_SOURCE);
    }

    /** Null if the pipeline delivers a BGR frame within {@code within}, else why not. */
    static String firstFrame(String pipeline, Duration within) {
        try (GstFrameSource source = new GstFrameSource(pipeline, false)) {
            source.open();
            long deadline = System.nanoTime() + within.toNanos();
            do {
                FrameSource.Poll poll = source.next(frame -> {
                });
                if (poll == FrameSource.Poll.FRAME) {
                    return null;
                }
                if (poll == FrameSource.Poll.END) {
                    return "the stream ended before its first frame";
                }
            } while (System.nanoTime() < deadline);
            return "no frame within " + within.toMillis() / 1000.0 + " s";
        } catch (SourceFailure | CameraException e) {
            return e.getMessage();
        } catch (RuntimeException | LinkageError e) {
            return e.toString();
        }
    }
}
