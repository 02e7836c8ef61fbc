package org.doorbell.face.dlib;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Namespace;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * JNI bindings to {@code src/main/cpp/doorbell_dlib.h}, generated and compiled by the JavaCPP
 * Maven plugin against the system's dlib. Only {@link DlibFaceEngine} uses this class; the rest
 * of the code sees {@link org.doorbell.face.FaceEngine}.
 *
 * <p>Images are passed as the native address of packed BGR bytes (an OpenCV {@code Mat}'s
 * {@code dataAddr()}), with rows, columns and the row stride in bytes. Every object here owns
 * native memory: {@link Pointer#close()} frees it at once. None is thread-safe.
 */
@Platform(include = "doorbell_dlib.h", link = {"dlib", "lapack", "blas"}, compiler = "cpp14")
@Namespace("doorbell")
final class DlibNative {
    static {
        Loader.load();
    }

    private DlibNative() {
    }

    /** The dlib this library was built against: version, CUDA on or off (with its GPUs), BLAS, SIMD. */
    static native @org.bytedeco.javacpp.annotation.StdString String dlib_build();

    /** dlib's HOG frontal face detector. Boxes come back as {left, top, right, bottom}. */
    static final class HogDetector extends Pointer {
        static {
            Loader.load();
        }

        HogDetector() {
            allocate();
        }

        private native void allocate();

        native int detect(@Cast("const unsigned char*") long data, int rows, int cols, long step,
                          int upsample, int[] out, int maxFaces);
    }

    /** dlib's CNN (MMOD) face detector. */
    static final class CnnDetector extends Pointer {
        static {
            Loader.load();
        }

        CnnDetector(String modelPath) {
            allocate(modelPath);
        }

        private native void allocate(String modelPath);

        native int detect(@Cast("const unsigned char*") long data, int rows, int cols, long step,
                          int upsample, int[] out, int maxFaces);
    }

    /** dlib's shape predictor (5 or 68 landmarks). */
    static final class ShapePredictor extends Pointer {
        static {
            Loader.load();
        }

        ShapePredictor(String modelPath) {
            allocate(modelPath);
        }

        private native void allocate(String modelPath);

        @Name("num_parts")
        native int numParts();

        native void predict(@Cast("const unsigned char*") long data, int rows, int cols, long step,
                            int[] box, int[] outPoints);
    }

    /** dlib's ResNet face descriptor. */
    static final class FaceEncoder extends Pointer {
        static {
            Loader.load();
        }

        FaceEncoder(String modelPath) {
            allocate(modelPath);
        }

        private native void allocate(String modelPath);

        native void encode(@Cast("const unsigned char*") long data, int rows, int cols, long step,
                           int n, int[] boxes, int[] points, int parts, int jitters, float[] out);

        @Name("encode_chip")
        native void encodeChip(@Cast("const unsigned char*") long data, long step, float[] out);
    }

    /** Builds dlib's face ResNet from dequantised face-api.js tensors and serialises it. */
    @Name("convert_face_resnet")
    static native void convertFaceResnet(float[] params, long count, String outPath);
}
