package org.doorbell.face.dlib;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bytedeco.javacpp.Pointer;
import org.doorbell.face.DetectorKind;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEncoding;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.FaceEngineException;
import org.doorbell.face.FaceSettings;
import org.doorbell.face.Landmarks;
import org.doorbell.face.ModelFileException;
import org.doorbell.image.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FaceEngine} on dlib, through {@link DlibNative}. Calls are serialised on the engine
 * (dlib's detectors and networks are not thread-safe); open one engine per thread to run in
 * parallel. All native objects are freed by {@link #close()}.
 */
public final class DlibFaceEngine implements FaceEngine {
    private static final Logger log = LoggerFactory.getLogger(DlibFaceEngine.class);
    /** The first engine of a process says once which dlib it runs on. */
    private static final java.util.concurrent.atomic.AtomicBoolean BUILD_LOGGED =
            new java.util.concurrent.atomic.AtomicBoolean();
    /** Faces beyond this many in one image are ignored. */
    public static final int MAX_FACES = 64;
    private static final int CHIP_SIZE = 150;

    private final FaceSettings settings;
    private final DlibNative.HogDetector hog;
    private final DlibNative.CnnDetector cnn;
    private final DlibNative.ShapePredictor shapes;
    private final DlibNative.FaceEncoder encoder;
    private final int parts;
    private final int[] boxBuffer = new int[4 * MAX_FACES];
    private boolean closed;

    private DlibFaceEngine(FaceSettings settings, DlibNative.HogDetector hog, DlibNative.CnnDetector cnn,
                           DlibNative.ShapePredictor shapes, DlibNative.FaceEncoder encoder) {
        this.settings = settings;
        this.hog = hog;
        this.cnn = cnn;
        this.shapes = shapes;
        this.encoder = encoder;
        this.parts = shapes.numParts();
    }

    /**
     * Loads the models named by {@code settings}.
     *
     * @throws ModelFileException if a model file is missing, unreadable or not the right model
     */
    public static DlibFaceEngine open(FaceSettings settings) {
        OpenCv.load();
        List<Pointer> loaded = new ArrayList<>();
        try {
            DlibNative.ShapePredictor shapes = load(settings.models().landmarks(), "shape predictor (landmarks)",
                    DlibNative.ShapePredictor::new, loaded);
            DlibNative.FaceEncoder encoder = load(settings.models().recognition(), "face recognition ResNet",
                    DlibNative.FaceEncoder::new, loaded);
            DlibNative.HogDetector hog = null;
            DlibNative.CnnDetector cnn = null;
            if (settings.detector() == DetectorKind.CNN) {
                cnn = load(settings.models().cnnDetector(), "CNN (MMOD) face detector", DlibNative.CnnDetector::new,
                        loaded);
            } else {
                hog = new DlibNative.HogDetector();
                loaded.add(hog);
            }
            if (BUILD_LOGGED.compareAndSet(false, true)) {
                log.info("{}; {} detector, {} landmarks", build(), settings.detector(), shapes.numParts());
            }
            return new DlibFaceEngine(settings, hog, cnn, shapes, encoder);
        } catch (RuntimeException e) {
            loaded.forEach(Pointer::close);
            throw e;
        }
    }

    private static <T extends Pointer> T load(Path file, String what, Function<String, T> loader, List<Pointer> loaded) {
        String fix = "Run scripts/fetch-models to fetch it (see models/README.md).";
        if (!Files.exists(file)) {
            throw new ModelFileException(file, "Model file " + file + " (" + what + ") is missing. " + fix);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ModelFileException(file, "Model file " + file + " (" + what + ") is not a readable file.");
        }
        try {
            T model = loader.apply(file.toString());
            loaded.add(model);
            return model;
        } catch (RuntimeException e) {
            throw new ModelFileException(file, "Model file " + file + " is not a valid dlib " + what
                    + ": it is truncated or a different model (dlib says: " + firstLine(e.getMessage()) + "). "
                    + "Delete it and run scripts/fetch-models.");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no details";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    @Override
    public FaceEngine openAnother() {
        return open(settings);
    }

    @Override
    public FaceSettings settings() {
        return settings;
    }

    @Override
    public synchronized List<FaceBox> detect(Mat bgr, int upsample) {
        requireOpen();
        requireBgr(bgr);
        if (upsample < 0 || upsample > FaceSettings.MAX_UPSAMPLE) {
            throw new IllegalArgumentException("upsample must be between 0 and " + FaceSettings.MAX_UPSAMPLE);
        }
        long addr = bgr.dataAddr();
        int rows = bgr.rows();
        int cols = bgr.cols();
        long step = bgr.step1(0);
        int found;
        try {
            found = hog != null
                    ? hog.detect(addr, rows, cols, step, upsample, boxBuffer, MAX_FACES)
                    : cnn.detect(addr, rows, cols, step, upsample, boxBuffer, MAX_FACES);
        } catch (RuntimeException e) {
            throw nativeFailure("face detection", e);
        }
        if (found > MAX_FACES) {
            log.warn("{} faces in one image; using the first {}", found, MAX_FACES);
        }
        int n = Math.min(found, MAX_FACES);
        List<FaceBox> boxes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int[] b = boxBuffer;
            // face_recognition's face_locations trim: a face cut by the right or bottom edge ends at
            // right == cols or bottom == rows (see FaceBox.trimmedTo)
            FaceBox box = new FaceBox(b[4 * i + 1], b[4 * i + 2], b[4 * i + 3], b[4 * i]).trimmedTo(cols, rows);
            if (box.width() > 0 && box.height() > 0) {
                boxes.add(box);
            }
        }
        return boxes;
    }

    @Override
    public synchronized Landmarks landmarks(Mat bgr, FaceBox box) {
        requireOpen();
        requireBgr(bgr);
        int[] points = new int[2 * parts];
        try {
            shapes.predict(bgr.dataAddr(), bgr.rows(), bgr.cols(), bgr.step1(0), nativeBox(box), points);
        } catch (RuntimeException e) {
            throw nativeFailure("landmark prediction", e);
        }
        return new Landmarks(box, points);
    }

    @Override
    public synchronized List<FaceEncoding> encode(Mat bgr, List<Landmarks> faces) {
        requireOpen();
        requireBgr(bgr);
        int n = faces.size();
        if (n == 0) {
            return List.of();
        }
        int[] boxes = new int[4 * n];
        int[] points = new int[2 * parts * n];
        for (int i = 0; i < n; i++) {
            Landmarks face = faces.get(i);
            if (face.count() != parts) {
                throw new IllegalArgumentException("landmarks have " + face.count() + " points; this engine uses " + parts);
            }
            System.arraycopy(nativeBox(face.box()), 0, boxes, 4 * i, 4);
            System.arraycopy(face.points(), 0, points, 2 * parts * i, 2 * parts);
        }
        float[] out = new float[FaceEncoding.DIMENSIONS * n];
        try {
            encoder.encode(bgr.dataAddr(), bgr.rows(), bgr.cols(), bgr.step1(0), n, boxes, points, parts,
                    settings.jitters(), out);
        } catch (RuntimeException e) {
            throw nativeFailure("face encoding", e);
        }
        List<FaceEncoding> encodings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            encodings.add(FaceEncoding.of(out, FaceEncoding.DIMENSIONS * i));
        }
        return encodings;
    }

    @Override
    public synchronized FaceEncoding encodeChip(Mat chip) {
        requireOpen();
        requireBgr(chip);
        if (chip.rows() != CHIP_SIZE || chip.cols() != CHIP_SIZE) {
            throw new IllegalArgumentException("a face chip is " + CHIP_SIZE + "x" + CHIP_SIZE + ", not "
                    + chip.cols() + "x" + chip.rows());
        }
        float[] out = new float[FaceEncoding.DIMENSIONS];
        try {
            encoder.encodeChip(chip.dataAddr(), chip.step1(0), out);
        } catch (RuntimeException e) {
            throw nativeFailure("face encoding", e);
        }
        return FaceEncoding.of(out, 0);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Pointer p : new Pointer[] {hog, cnn, shapes, encoder}) {
            if (p != null) {
                p.close();
            }
        }
    }

    /** dlib reports C++ exceptions as RuntimeException; the user gets one line saying what failed. */
    private static FaceEngineException nativeFailure(String what, RuntimeException e) {
        return new FaceEngineException(what + " failed in dlib: " + firstLine(e.getMessage()), e);
    }

    private static int[] nativeBox(FaceBox box) {
        return new int[] {box.left(), box.top(), box.right(), box.bottom()};
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("face engine is closed");
        }
    }

    private static void requireBgr(Mat image) {
        if (image == null || image.empty()) {
            throw new FaceEngineException("image is empty");
        }
        if (image.type() != CvType.CV_8UC3 || image.dims() != 2) {
            throw new IllegalArgumentException("expected an 8-bit BGR image (CV_8UC3), got " + CvType.typeToString(image.type()));
        }
    }

    /**
     * The dlib the native library was built against and how: e.g. "dlib 19.24.0, CUDA off, BLAS,
     * AVX", or on a Jetson built by {@code scripts/jetson-build-dlib} "dlib 19.24.x, CUDA on (1
     * GPU), ...". With CUDA on, the face encoder (and the CNN detector) run on the GPU; the HOG
     * detector and the landmarks always run on the CPU.
     */
    public static String build() {
        return DlibNative.dlib_build();
    }
}
