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
import org.doorbell.identity.FaceDecision;
import org.doorbell.identity.Identity;
import org.doorbell.identity.Observation;
import org.doorbell.visitors.Visitor;
import org.opencv.core.Mat;

/**
 * Frame -> faces -> identity: detection on a downscaled copy (boxes scaled back), a quality gate,
 * landmarks and encodings on the full frame, then the identity, which tracks the faces and says who
 * they are. One thread only; buffers are reused.
 */
final class Recognizer {
    static final String NEW_VISITOR = "New visitor!";
    static final String NOT_SURE = "Not sure yet";

    private final FaceEngine engine;
    private final Identity identity;
    private final FrameClock clock;
    private final RecognitionSettings settings;
    private final FaceQuality quality;
    private final Thumbnails thumbnails = new Thumbnails();
    private final ScaledDetector detector;

    /** How long a visitor has been at the door now (the registry's, timed on the run's clock). */
    private final java.util.function.Function<Visitor, Duration> atDoor;

    Recognizer(FaceEngine engine, Identity identity, FrameClock clock, RecognitionSettings settings,
               java.util.function.Function<Visitor, Duration> atDoor) {
        this.atDoor = atDoor;
        this.engine = engine;
        this.identity = identity;
        this.clock = clock;
        this.settings = settings;
        this.quality = new FaceQuality(settings.minFacePixels(), settings.minSharpness());
        this.detector = new ScaledDetector(engine, settings.minFaceFraction());
    }

    Recognition recognize(Mat frame, long sequence, Instant capturedAt) {
        clock.set(capturedAt);
        List<FaceBox> boxes = detector.detect(frame);
        List<FaceBox> good = new ArrayList<>(boxes.size());
        List<Double> views = new ArrayList<>(boxes.size());
        List<RecognizedFace> faces = new ArrayList<>(boxes.size());
        for (FaceBox box : boxes) {
            double view = quality.viewQuality(frame, box);
            if (view >= 0) {
                good.add(box);
                views.add(view);
            } else {
                faces.add(new RecognizedFace(box, FaceOverlay.Kind.UNRECOGNISED, "", 0, 0));
            }
        }
        List<Observation> observations = new ArrayList<>(good.size());
        if (!good.isEmpty()) {
            List<Landmarks> shapes = new ArrayList<>(good.size());
            for (FaceBox box : good) {
                shapes.add(engine.landmarks(frame, box));
            }
            List<FaceEncoding> encodings = engine.encode(frame, shapes);
            for (int i = 0; i < good.size(); i++) {
                FaceBox box = good.get(i);
                observations.add(new Observation(box, encodings.get(i), views.get(i), () -> thumbnails.of(frame, box)));
            }
        }
        // the identity hears about every analysed frame, with faces or not, so tracks end on time
        for (FaceDecision d : identity.observe(capturedAt, observations)) {
            faces.add(face(d));
        }
        return new Recognition(sequence, capturedAt, List.copyOf(faces));
    }

    private RecognizedFace face(FaceDecision d) {
        return switch (d.state()) {
            case NEW -> new RecognizedFace(d.box(), FaceOverlay.Kind.NEW_VISITOR, NEW_VISITOR, d.visitorId(), d.trackId());
            case KNOWN -> new RecognizedFace(d.box(), FaceOverlay.Kind.KNOWN_VISITOR, label(d.visitor(), atDoor.apply(d.visitor())),
                    d.visitorId(), d.trackId());
            case UNSURE -> new RecognizedFace(d.box(), FaceOverlay.Kind.UNSURE, NOT_SURE, 0, d.trackId());
        };
    }

    /** "At door 12s" as the reference shows it, or "Alice - at door 12s" for a visitor the owner named. */
    static String label(Visitor v, Duration atDoor) {
        long seconds = Math.max(0, atDoor.toSeconds());
        return v.name() == null ? "At door " + seconds + "s" : v.name() + " - at door " + seconds + "s";
    }

    /** Ends every track (end of input, shutdown), deciding those still undecided. */
    void endTracks() {
        identity.endTracks();
    }

    void release() {
        detector.release();
        quality.release();
        thumbnails.release();
    }
}
