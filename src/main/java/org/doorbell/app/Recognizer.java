package org.doorbell.app;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.doorbell.display.FaceOverlay;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEncoding;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.Landmarks;
import org.doorbell.visitors.Sighting;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.VisitorRegistry;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Frame -> faces -> visitors: detection on a downscaled copy (boxes scaled back), a quality gate,
 * landmarks and encodings on the full frame, then the visitor registry, with face tracking so that
 * one person in consecutive frames stays one visitor. One thread only; buffers are reused.
 */
final class Recognizer {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Recognizer.class);
    static final String NEW_VISITOR = "New visitor!";

    private final FaceEngine engine;
    private final VisitorRegistry registry;
    private final FrameClock clock;
    private final RecognitionSettings settings;
    private final FaceQuality quality;
    private final FaceTracker tracker = new FaceTracker();
    private final Thumbnails thumbnails = new Thumbnails();
    private final Mat small = new Mat();
    private DetectionScale scale;
    private int scaleForHeight = -1;

    Recognizer(FaceEngine engine, VisitorRegistry registry, FrameClock clock, RecognitionSettings settings) {
        this.engine = engine;
        this.registry = registry;
        this.clock = clock;
        this.settings = settings;
        this.quality = new FaceQuality(settings.minFacePixels(), settings.minSharpness());
    }

    Recognition recognize(Mat frame, long sequence, Instant capturedAt) {
        clock.set(capturedAt);
        List<FaceBox> boxes = detect(frame);
        List<FaceBox> good = new ArrayList<>(boxes.size());
        List<RecognizedFace> faces = new ArrayList<>(boxes.size());
        for (FaceBox box : boxes) {
            if (quality.recognisable(frame, box)) {
                good.add(box);
            } else {
                faces.add(new RecognizedFace(box, FaceOverlay.Kind.UNRECOGNISED, "", 0));
            }
        }
        if (!good.isEmpty()) {
            List<Landmarks> shapes = new ArrayList<>(good.size());
            for (FaceBox box : good) {
                shapes.add(engine.landmarks(frame, box));
            }
            List<FaceEncoding> encodings = engine.encode(frame, shapes);
            for (int i = 0; i < good.size(); i++) {
                faces.add(identify(frame, good.get(i), encodings.get(i), capturedAt));
            }
        }
        tracker.nextFrame();
        return new Recognition(sequence, capturedAt, List.copyOf(faces));
    }

    private List<FaceBox> detect(Mat frame) {
        if (frame.rows() != scaleForHeight) {
            scale = DetectionScale.forFrame(frame.rows(), settings.minFaceFraction());
            scaleForHeight = frame.rows();
        }
        if (scale.scale() >= 1.0) {
            return engine.detect(frame, scale.upsample());
        }
        Imgproc.resize(frame, small, new Size(), scale.scale(), scale.scale(), Imgproc.INTER_AREA);
        List<FaceBox> found = engine.detect(small, scale.upsample());
        List<FaceBox> boxes = new ArrayList<>(found.size());
        for (FaceBox b : found) {
            boxes.add(b.scaled(scale.toFrame()).clippedTo(frame.cols(), frame.rows()));
        }
        return boxes;
    }

    private RecognizedFace identify(Mat frame, FaceBox box, FaceEncoding encoding, Instant now) {
        long tracked = tracker.visitorAt(box);
        Sighting sighting = registry.match(encoding)
                .or(() -> tracked > 0 ? registry.seen(tracked) : java.util.Optional.empty())
                .orElseGet(() -> registry.register(encoding, thumbnails.of(frame, box)));
        Visitor v = sighting.visitor();
        tracker.place(box, v.id());
        if (sighting.isNew()) {
            log.info("new visitor #{}", v.id());
            return new RecognizedFace(box, FaceOverlay.Kind.NEW_VISITOR, NEW_VISITOR, v.id());
        }
        long seconds = Duration.between(v.firstSeenThisInteraction(), now).toSeconds();
        return new RecognizedFace(box, FaceOverlay.Kind.KNOWN_VISITOR, "At door " + seconds + "s", v.id());
    }

    void release() {
        small.release();
        quality.release();
        thumbnails.release();
    }
}
