package org.doorbell.recognition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.doorbell.face.FaceBox;
import org.doorbell.face.OverlapMatching;
import org.doorbell.face.FaceEncoding;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.Landmarks;
import org.doorbell.recognition.detect.FaceCrops;
import org.doorbell.recognition.detect.FacePlace;
import org.doorbell.recognition.detect.FaceQuality;
import org.doorbell.recognition.detect.FaceWindows;
import org.doorbell.recognition.detect.GreyPatch;
import org.doorbell.recognition.detect.ScaledDetector;
import org.doorbell.tracking.EncodePolicy;
import org.doorbell.tracking.FacePatch;
import org.doorbell.tracking.Follow;
import org.doorbell.tracking.Follows;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * A frame's part of recognition that needs no one else's results and can run beside other
 * frames: finding the faces (the whole frame when {@link Follows} says so, otherwise a window
 * around each followed face; a followed face the detector misses where it still is, is held there),
 * the quality gate, and the encodings the {@link EncodePolicy} asks for, with a thumbnail of each
 * encoded face. The identity then takes the frames in capture order
 * ({@link Recognizer}).
 *
 * <p>One thread only: each analysing thread has its own analyzer, engine and buffers.
 */
public final class FrameAnalyzer {

    /**
     * One face found in a frame.
     *
     * @param sized     whether the box's size is the detector's in this frame (a whole-frame search, or
     *                  a face that is not the one followed in its window); otherwise the follow's
     * @param held      whether the detector missed it and it was kept where its follow was, its picture
     *                  there still the view last encoded ({@link EncodePolicy#differentView}): still at the door,
     *                  not found again (its follow counts it missed), never encoded
     * @param quality   its view quality, or -1 if too small or blurred to recognise
     * @param patch     its {@link FacePatch}; null when not recognisable
     * @param encoding  its encoding, or null when the policy saw no use in one
     * @param thumbnail its picture (JPEG) when encoded; otherwise null
     * @param place     its surroundings, for moving its label with the picture on screen; null when not asked for
     */
    public record Found(FaceBox box, long followId, boolean sized, boolean held, double quality, float[] patch,
                        FaceEncoding encoding, byte[] thumbnail, FacePlace place) {
        public boolean recognisable() {
            return quality >= 0;
        }
    }

    /**
     * A frame's faces, ready for the identity.
     *
     * @param searched the follows looked for in a window (those not among the faces were missed)
     */
    public record Analysis(long sequence, Instant capturedAt, boolean wholeFrame, List<Found> faces, List<Long> searched) {
    }

    /**
     * A face while its frame is analysed: where it is, the follow it continues (null: it starts one),
     * and what is measured of it on the way to its {@link Found}.
     */
    private static final class Face {
        FaceBox box;
        final Follow follow;
        /** The detector's own box when a window found the face at another size than its follow's; else null. */
        final FaceBox own;
        /** Missed by the detector, kept where its follow was by its picture. */
        boolean held;
        boolean sized;
        double view;
        float[] patch;
        FaceEncoding encoding;
        byte[] picture;

        Face(FaceBox box, Follow follow, FaceBox own) {
            this.box = box;
            this.follow = follow;
            this.own = own;
        }
    }

    private final FaceEngine engine;
    private final Follows follows;
    private final EncodePolicy policy;
    private final boolean places;
    private final boolean follow;
    private final WholeFrameSearch wholeSearch;
    private final ScaledDetector detector;
    private final FaceWindows windows;
    private final FaceQuality quality;
    private final FaceCrops crops = new FaceCrops();
    private final Mat gray = new Mat();
    private final Mat small = new Mat();
    private final Mat smallFloat = new Mat();

    /**
     * @param places      whether to keep each face's surroundings, for moving the labels with the picture on screen
     * @param wholeSearch searches the whole frame on another thread when one is due; null: this analyzer does
     */
    FrameAnalyzer(FaceEngine engine, RecognitionSettings settings, Follows follows, EncodePolicy policy, boolean places,
                  WholeFrameSearch wholeSearch) {
        this.engine = engine;
        this.wholeSearch = wholeSearch;
        this.follows = follows;
        this.policy = policy;
        this.places = places;
        this.follow = policy != EncodePolicy.EVERY_FRAME;
        this.detector = new ScaledDetector(engine, settings.minFaceFraction());
        this.windows = new FaceWindows(engine);
        this.quality = new FaceQuality(settings.minFacePixels(), settings.minSharpness());
    }

    /**
     * How a frame is to be searched: whole, or in windows around the faces followed then.
     *
     * @param known the follows as this frame sees them
     */
    public record Plan(boolean whole, List<Follow> known) {
    }

    Analysis analyse(Mat frame, long sequence, Instant capturedAt) throws InterruptedException {
        return analyse(frame, sequence, capturedAt, plan(frame, capturedAt));
    }

    /**
     * Plans the search of a frame. Frames are planned one at a time in the order they were taken
     * ({@code RecognitionWorkers}); a frame taken after one that an analyzer searches whole itself
     * waits until that frame is applied, and follows its faces.
     */
    public Plan plan(Mat frame, Instant capturedAt) throws InterruptedException {
        follows.frameSize(frame.cols(), frame.rows());
        follows.awaitWholeSearch(capturedAt);
        boolean whole = searchWhole(frame, capturedAt);
        return new Plan(whole, follows.current());
    }

    public Analysis analyse(Mat frame, long sequence, Instant capturedAt, Plan plan) {
        boolean whole = plan.whole();
        List<Follow> known = plan.known();
        List<Long> searched = new ArrayList<>();
        List<Face> faces = whole ? wholeFrame(frame, known) : windows(frame, known, searched);
        List<Face> toEncode = new ArrayList<>();
        for (Face face : faces) {
            if (face.held) {
                // kept by its picture: gated there already, its follow's size, never encoded
                continue;
            }
            face.sized = whole;
            face.view = quality.viewQuality(frame, face.box);
            if (face.view >= 0) {
                face.patch = patch(frame, face.box);
                if (!whole && face.own != null && EncodePolicy.differentView(face.follow, face.patch)) {
                    // someone else (or another view) where the followed face was, at another size: a face
                    // encoded in a box of someone else's size is poorly encoded, so it takes its own
                    face.box = face.own;
                    face.sized = true;
                    face.view = quality.viewQuality(frame, face.box);
                    face.patch = face.view >= 0 ? patch(frame, face.box) : null;
                }
            }
            Follow seen = follows.withPending(face.follow);
            if (face.view >= 0 && policy.shouldEncode(seen, face.box, face.view, face.patch, capturedAt)) {
                toEncode.add(face);
                if (seen != null) {
                    follows.encoding(seen.id(), capturedAt, face.view, face.patch);
                }
            }
        }
        encode(frame, toEncode);
        List<FacePlace> around = places ? FacePlace.of(frame, faces.stream().map(f -> f.box).toList()) : null;
        List<Found> found = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            Face face = faces.get(i);
            found.add(new Found(face.box, face.follow != null ? face.follow.id() : follows.newId(), face.sized, face.held,
                    face.view, face.patch, face.encoding, face.picture, around == null ? null : around.get(i)));
        }
        return new Analysis(sequence, capturedAt, whole, List.copyOf(found), List.copyOf(searched));
    }

    /**
     * Whether this analyzer searches this frame whole: always when faces are not followed; when a
     * whole-frame search is due, unless the whole-frame search thread takes the frame (then it follows the faces it has
     * meanwhile, and waits first if that thread is further behind than a search's interval). While no
     * face is followed there is nothing to do beside the search, so the analyzer searches itself:
     * someone arriving at an empty door is found and encoded in the frame they appear in, and
     * followed from the next, as on one thread.
     */
    private boolean searchWhole(Mat frame, Instant capturedAt) throws InterruptedException {
        if (!follow) {
            return true;
        }
        if (wholeSearch == null) {
            return follows.claimFullSearch(capturedAt);
        }
        wholeSearch.awaitWithin(capturedAt, follows.searchInterval());
        if (follows.followingNone() && follows.claimFullSearch(capturedAt)) {
            follows.searchingWhole(capturedAt);
            return true;
        }
        if (wholeSearch.free() && follows.claimFullSearch(capturedAt)) {
            wholeSearch.search(frame, capturedAt);
        }
        return false;
    }

    /** Landmarks and encodings of the faces chosen, in one batch, and each one's picture. */
    private void encode(Mat frame, List<Face> chosen) {
        if (chosen.isEmpty()) {
            return;
        }
        List<Landmarks> shapes = new ArrayList<>(chosen.size());
        for (Face face : chosen) {
            shapes.add(engine.landmarks(frame, face.box));
        }
        List<FaceEncoding> encoded = engine.encode(frame, shapes);
        for (int k = 0; k < chosen.size(); k++) {
            Face face = chosen.get(k);
            face.encoding = encoded.get(k);
            face.picture = crops.of(frame, face.box);
        }
    }

    /**
     * Every face in the frame; each continues the follow it overlaps most, if any, or starts one; a
     * followed face not found is {@link #held} where it was if it is still there.
     */
    private List<Face> wholeFrame(Mat frame, List<Follow> known) {
        long started = System.nanoTime();
        List<FaceBox> detected = detector.detect(frame);
        follows.searchTook(System.nanoTime() - started);
        OverlapMatching<Follow> matching = new OverlapMatching<>();
        for (int i = 0; i < detected.size(); i++) {
            for (Follow f : known) {
                double iou = detected.get(i).iou(f.box());
                if (iou >= OverlapMatching.SAME_PLACE) {
                    matching.offer(i, f, iou);
                }
            }
        }
        List<Follow> of = matching.match(detected.size());
        List<Face> faces = new ArrayList<>(detected.size());
        for (int i = 0; i < detected.size(); i++) {
            faces.add(new Face(detected.get(i), of.get(i), null));
        }
        // a followed face the search missed, as a window would have
        for (Follow f : known) {
            if (!of.contains(f) && detected.stream().noneMatch(b -> b.sameFaceAs(f.box()))) {
                Face held = held(frame, f);
                if (held != null) {
                    faces.add(held);
                }
            }
        }
        return faces;
    }

    /**
     * Each followed face in a window around it, a missed one too until it is lost (the detector
     * misses a face now and then, and which frames are searched whole depends on the threads); one
     * face found by two windows counts once.
     */
    private List<Face> windows(Mat frame, List<Follow> known, List<Long> searched) {
        List<Face> faces = new ArrayList<>();
        for (Follow f : known) {
            searched.add(f.id());
            FaceWindows.Hit hit = windows.find(frame, f.box(), detector.scaleFor(frame));
            if (hit == null) {
                Face held = held(frame, f);
                if (held != null) {
                    faces.add(held);
                }
                continue;
            }
            FaceBox b = hit.box();
            FaceBox own = hit.resized() ? hit.own() : null;
            // one face found from two follows' windows continues the follow it overlaps most
            int same = -1;
            for (int i = 0; i < faces.size() && same < 0; i++) {
                if (b.sameFaceAs(faces.get(i).box)) {
                    same = i;
                }
            }
            if (same < 0) {
                faces.add(new Face(b, f, own));
            } else if (faces.get(same).held || b.iou(f.box()) > faces.get(same).box.iou(faces.get(same).follow.box())) {
                faces.set(same, new Face(b, f, own));
            }
        }
        // a face held where another window found a face is that face
        faces.removeIf(h -> h.held && faces.stream().anyMatch(o -> !o.held && o.box.sameFaceAs(h.box)));
        return faces;
    }

    /**
     * A followed face the detector missed in its window, kept where it was if it is still there:
     * recognisable there, and its picture there the view last encoded of it, as the encode policy
     * tells views apart ({@link EncodePolicy#differentView}). HOG misses a face now and then in a
     * frame or a few; someone who left leaves the door behind them, and someone else there is
     * another picture. Null if not.
     */
    private Face held(Mat frame, Follow f) {
        Follow latest = follows.withPending(f);
        if (latest.encodedPatch() == null) {
            return null;
        }
        FaceBox box = f.box().clippedTo(frame.cols(), frame.rows());
        if (box.width() < 0.9 * f.box().width() || box.height() < 0.9 * f.box().height()) {
            // partly out of the frame: leaving it, or never wholly in it
            return null;
        }
        double view = quality.viewQuality(frame, box);
        if (view < 0) {
            return null;
        }
        float[] here = patch(frame, box);
        if (EncodePolicy.differentView(latest, here)) {
            return null;
        }
        Face face = new Face(box, f, null);
        face.held = true;
        face.view = view;
        face.patch = here;
        return face;
    }

    /** The face as a small grey picture ({@link FacePatch}). */
    private float[] patch(Mat frame, FaceBox box) {
        GreyPatch.of(frame, new Rect(box.left(), box.top(), box.width(), box.height()), FacePatch.SIDE, gray, small,
                smallFloat);
        float[] data = new float[FacePatch.SIDE * FacePatch.SIDE];
        smallFloat.get(0, 0, data);
        return data;
    }

    public void release() {
        detector.release();
        windows.release();
        quality.release();
        crops.release();
        gray.release();
        small.release();
        smallFloat.release();
    }
}
