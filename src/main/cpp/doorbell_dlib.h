// Thin C++ facade over dlib's face pipeline, used by the JNI bindings
// (org.doorbell.face.dlib.DlibNative) and by the native benchmark program.
//
// Everything is header-only on purpose: dlib's networks are templates whose
// instantiation is expensive (about 35 s and 1.4 GB of compiler memory for
// the ResNet), so each binary instantiates them exactly once, in one
// translation unit.
//
// Images arrive as a pointer to packed BGR bytes (OpenCV's CV_8UC3 layout)
// plus rows, columns and the row stride in bytes; nothing is copied to look
// at them. Boxes travel as int quadruples {left, top, right, bottom}
// (dlib's rectangle, inclusive), points as int pairs {x, y}.
//
// Thread-safety: none of these objects may be used from two threads at the
// same time (dlib's detectors and networks keep scratch buffers). Create one
// set per thread, or serialise calls; the Java engine does the latter.
#ifndef DOORBELL_DLIB_H
#define DOORBELL_DLIB_H

#include <dlib/dnn.h>
#include <dlib/revision.h>
#ifdef DLIB_USE_CUDA
#include <dlib/cuda/cuda_dlib.h>
#endif
#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_transforms.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace doorbell {

// ---------------------------------------------------------------------------
// A non-owning view of a BGR 8-bit image, usable by dlib as a generic image.
struct BgrView {
    const unsigned char* data;
    long rows;
    long cols;
    long step;  // bytes per row
};

inline long num_rows(const BgrView& v) { return v.rows; }
inline long num_columns(const BgrView& v) { return v.cols; }
inline long width_step(const BgrView& v) { return v.step; }
inline const void* image_data(const BgrView& v) { return v.data; }
inline void* image_data(BgrView& v) { return const_cast<unsigned char*>(v.data); }

inline BgrView make_view(const unsigned char* data, int rows, int cols, long step) {
    if (data == nullptr) throw std::invalid_argument("image data is null");
    if (rows <= 0 || cols <= 0) throw std::invalid_argument("image is empty");
    if (step < 3L * cols) throw std::invalid_argument("image row stride is smaller than 3 * width");
    return BgrView{data, rows, cols, step};
}

}  // namespace doorbell

namespace dlib {
template <> struct image_traits<doorbell::BgrView> { typedef bgr_pixel pixel_type; };
}  // namespace dlib

namespace doorbell {

// ---------------------------------------------------------------------------
// Network definitions, exactly as in dlib's examples (the model files depend
// on these types).
namespace nets {
using namespace dlib;

// dnn_face_recognition_ex.cpp: the 128-D ResNet face descriptor.
template <template <int, template <typename> class, int, typename> class block, int N,
          template <typename> class BN, typename SUBNET>
using residual = add_prev1<block<N, BN, 1, tag1<SUBNET>>>;
template <template <int, template <typename> class, int, typename> class block, int N,
          template <typename> class BN, typename SUBNET>
using residual_down = add_prev2<avg_pool<2, 2, 2, 2, skip1<tag2<block<N, BN, 2, tag1<SUBNET>>>>>>;
template <int N, template <typename> class BN, int stride, typename SUBNET>
using block = BN<con<N, 3, 3, 1, 1, relu<BN<con<N, 3, 3, stride, stride, SUBNET>>>>>;
template <int N, typename SUBNET> using ares = relu<residual<block, N, affine, SUBNET>>;
template <int N, typename SUBNET> using ares_down = relu<residual_down<block, N, affine, SUBNET>>;
template <typename SUBNET> using alevel0 = ares_down<256, SUBNET>;
template <typename SUBNET> using alevel1 = ares<256, ares<256, ares_down<256, SUBNET>>>;
template <typename SUBNET> using alevel2 = ares<128, ares<128, ares_down<128, SUBNET>>>;
template <typename SUBNET> using alevel3 = ares<64, ares<64, ares<64, ares_down<64, SUBNET>>>>;
template <typename SUBNET> using alevel4 = ares<32, ares<32, ares<32, SUBNET>>>;
using anet_type = loss_metric<fc_no_bias<128, avg_pool_everything<
    alevel0<alevel1<alevel2<alevel3<alevel4<
    max_pool<3, 3, 2, 2, relu<affine<con<32, 7, 7, 2, 2, input_rgb_image_sized<150>>>>>>>>>>>>>;

// dnn_mmod_face_detection_ex.cpp: the CNN (MMOD) face detector.
template <long num_filters, typename SUBNET> using con5d = con<num_filters, 5, 5, 2, 2, SUBNET>;
template <long num_filters, typename SUBNET> using con5 = con<num_filters, 5, 5, 1, 1, SUBNET>;
template <typename SUBNET>
using downsampler = relu<affine<con5d<32, relu<affine<con5d<32, relu<affine<con5d<16, SUBNET>>>>>>>>>;
template <typename SUBNET> using rcon5 = relu<affine<con5<45, SUBNET>>>;
using mmod_net_type = loss_mmod<con<1, 9, 9, 1, 1, rcon5<rcon5<rcon5<downsampler<
    input_rgb_image_pyramid<pyramid_down<6>>>>>>>>;
}  // namespace nets

// ---------------------------------------------------------------------------
namespace detail {

inline void require_readable(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open model file " + path);
}

// Maps boxes found on an image that pyramid_up (with pyramid_down<2>) doubled
// `levels` times back to the original image, exactly as dlib's Python API does
// (tools/python/src/simple_object_detector_py.h and cnn_face_detector.cpp:
// pyr.rect_down(rect, levels), rounded to the nearest pixel). Dividing by 2^levels
// is not the inverse: pyramid_up sizes its output by pyr.rect_up, which puts input
// pixel (x, y) at (2x + 2.5, 2y + 1.5) (a W x H image becomes 2W+2 x 2H+1), so
// each level maps back by x / 2 - 1.25, y / 2 - 0.75, rounded after the last level.
// face_recognition's obama.jpg, one upsample: left 701 -> 349.25 -> 349 (701 / 2
// gave 350), bottom 820 -> 409.25 -> 409 (820 / 2 gave 410).
inline void to_original(std::vector<dlib::rectangle>& boxes, int levels) {
    if (levels <= 0) return;
    const dlib::pyramid_down<2> pyr;
    for (dlib::rectangle& r : boxes) r = pyr.rect_down(r, static_cast<unsigned int>(levels));
}

// Copies boxes into out as {left, top, right, bottom}, up to max_faces. Returns
// the number of faces found, which may exceed max_faces.
inline int write_boxes(const std::vector<dlib::rectangle>& found, int* out, int max_faces) {
    const int n = static_cast<int>(found.size());
    for (int i = 0; i < n && i < max_faces; ++i) {
        const dlib::rectangle& r = found[i];
        out[4 * i + 0] = static_cast<int>(r.left());
        out[4 * i + 1] = static_cast<int>(r.top());
        out[4 * i + 2] = static_cast<int>(r.right());
        out[4 * i + 3] = static_cast<int>(r.bottom());
    }
    return n;
}

inline dlib::rectangle box_at(const int* boxes, int i) {
    return dlib::rectangle(boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]);
}

}  // namespace detail

// Which dlib this library was built against and what it was built with: the version, and whether
// its DNN (the face encoder and the CNN detector) runs on CUDA. The HOG detector never does.
inline std::string dlib_build() {
    std::string s = "dlib " + std::to_string(DLIB_MAJOR_VERSION) + "." + std::to_string(DLIB_MINOR_VERSION) + "." +
                    std::to_string(DLIB_PATCH_VERSION);
#ifdef DLIB_USE_CUDA
    s += ", CUDA on (" + std::to_string(dlib::cuda::get_num_devices()) + " GPU)";
#else
    s += ", CUDA off";
#endif
#ifdef DLIB_USE_BLAS
    s += ", BLAS";
#endif
#ifdef __AVX__
    s += ", AVX";
#endif
#if defined(__ARM_NEON) || defined(__ARM_NEON__)
    s += ", NEON";
#endif
    return s;
}

// ---------------------------------------------------------------------------
// dlib's HOG + linear SVM frontal face detector.
class HogDetector {
public:
    HogDetector() : detector_(dlib::get_frontal_face_detector()) {}

    // upsample: how many times to double the image first (0 = as is). The colour image is
    // upsampled, as dlib's Python API does: HOG features use the strongest channel gradient.
    int detect(const unsigned char* data, int rows, int cols, long step, int upsample, int* out, int max_faces) {
        const BgrView view = make_view(data, rows, cols, step);
        if (upsample <= 0) return detail::write_boxes(detector_(view), out, max_faces);
        dlib::pyramid_down<2> pyr;
        dlib::pyramid_up(view, upsampled_, pyr);
        for (int i = 1; i < upsample; ++i) dlib::pyramid_up(upsampled_);
        std::vector<dlib::rectangle> found = detector_(upsampled_);
        detail::to_original(found, upsample);
        return detail::write_boxes(found, out, max_faces);
    }

private:
    dlib::frontal_face_detector detector_;
    dlib::array2d<dlib::bgr_pixel> upsampled_;  // reused from call to call
};

// dlib's CNN (MMOD) face detector; needs mmod_human_face_detector.dat.
class CnnDetector {
public:
    explicit CnnDetector(const char* model_path) {
        detail::require_readable(model_path);
        dlib::deserialize(model_path) >> net_;
    }

    int detect(const unsigned char* data, int rows, int cols, long step, int upsample, int* out, int max_faces) {
        const BgrView view = make_view(data, rows, cols, step);
        dlib::assign_image(rgb_, view);
        for (int i = 0; i < upsample; ++i) dlib::pyramid_up(rgb_);
        std::vector<dlib::mmod_rect> dets = net_(rgb_);
        std::vector<dlib::rectangle> boxes;
        boxes.reserve(dets.size());
        for (const auto& d : dets) boxes.push_back(d.rect);
        detail::to_original(boxes, upsample);
        return detail::write_boxes(boxes, out, max_faces);
    }

private:
    nets::mmod_net_type net_;
    dlib::matrix<dlib::rgb_pixel> rgb_;
};

// dlib's shape predictor (68- or 5-point landmark model).
class ShapePredictor {
public:
    explicit ShapePredictor(const char* model_path) {
        detail::require_readable(model_path);
        dlib::deserialize(model_path) >> sp_;
        if (sp_.num_parts() != 68 && sp_.num_parts() != 5)
            throw std::runtime_error("shape predictor has " + std::to_string(sp_.num_parts()) +
                                     " parts; expected 68 or 5");
    }

    int num_parts() const { return static_cast<int>(sp_.num_parts()); }

    // Landmarks of the face in box {l,t,r,b}; writes 2 * num_parts() ints.
    void predict(const unsigned char* data, int rows, int cols, long step, const int* box, int* out_points) {
        const BgrView view = make_view(data, rows, cols, step);
        const dlib::full_object_detection shape = sp_(view, detail::box_at(box, 0));
        for (unsigned long p = 0; p < shape.num_parts(); ++p) {
            out_points[2 * p] = static_cast<int>(shape.part(p).x());
            out_points[2 * p + 1] = static_cast<int>(shape.part(p).y());
        }
    }

private:
    dlib::shape_predictor sp_;
};

// dlib's ResNet face descriptor (dlib_face_recognition_resnet_model_v1).
class FaceEncoder {
public:
    static constexpr int kDims = 128;
    static constexpr int kChipSize = 150;

    explicit FaceEncoder(const char* model_path) {
        detail::require_readable(model_path);
        dlib::deserialize(model_path) >> net_;
    }

    // Encodes n faces of one image in one batch. boxes: 4n ints; points:
    // n * 2 * parts ints (from ShapePredictor::predict). jitters > 1 averages
    // that many randomly jittered copies of each chip, as dlib's Python API
    // does. out: 128n floats.
    void encode(const unsigned char* data, int rows, int cols, long step, int n, const int* boxes,
                const int* points, int parts, int jitters, float* out) {
        if (n <= 0) return;
        const BgrView view = make_view(data, rows, cols, step);
        std::vector<dlib::chip_details> details;
        details.reserve(n);
        for (int i = 0; i < n; ++i) {
            std::vector<dlib::point> pts(parts);
            const int* p = points + static_cast<long>(i) * 2 * parts;
            for (int k = 0; k < parts; ++k) pts[k] = dlib::point(p[2 * k], p[2 * k + 1]);
            const dlib::full_object_detection shape(detail::box_at(boxes, i), pts);
            details.push_back(dlib::get_face_chip_details(shape, kChipSize, 0.25));
        }
        dlib::array<dlib::matrix<dlib::rgb_pixel>> chips;
        dlib::extract_image_chips(view, details, chips);
        std::vector<dlib::matrix<dlib::rgb_pixel>> batch(chips.begin(), chips.end());
        run(batch, jitters, out);
    }

    // Encodes one already aligned 150x150 chip (BGR bytes), as dlib's own
    // face chips are; used to compare this network with other runtimes.
    void encode_chip(const unsigned char* data, long step, float* out) {
        const BgrView view = make_view(data, kChipSize, kChipSize, step);
        std::vector<dlib::matrix<dlib::rgb_pixel>> batch(1);
        dlib::assign_image(batch[0], view);
        run(batch, 1, out);
    }

private:
    void run(const std::vector<dlib::matrix<dlib::rgb_pixel>>& chips, int jitters, float* out) {
        if (jitters <= 1) {
            const std::vector<dlib::matrix<float, 0, 1>> d = net_(chips, 16);
            for (size_t i = 0; i < d.size(); ++i) std::copy(d[i].begin(), d[i].end(), out + i * kDims);
            return;
        }
        for (size_t i = 0; i < chips.size(); ++i) {
            dlib::rand rnd;  // fixed seed: the same face gives the same encoding
            std::vector<dlib::matrix<dlib::rgb_pixel>> copies;
            copies.reserve(jitters);
            for (int j = 0; j < jitters; ++j) copies.push_back(dlib::jitter_image(chips[i], rnd));
            const dlib::matrix<float, 0, 1> mean = dlib::mean(dlib::mat(net_(copies, 16)));
            std::copy(mean.begin(), mean.end(), out + i * kDims);
        }
    }

    nets::anet_type net_;
};

// ---------------------------------------------------------------------------
// Builds dlib's face ResNet from parameters exported elsewhere (face-api.js,
// a TF.js export of the same network) and serialises it to a .dat file that
// loads like the official one.
//
// params holds all 117 tensors, dequantised, concatenated in the export's
// order: per convolution (input to output) filters [kh,kw,in,out] (TF HWIO),
// bias [out], scale weights [out], scale biases [out]; then the fc matrix
// [256,128]. count is the total number of floats, for a size check.
namespace convert {

struct ConvTarget {
    dlib::tensor* params;  // con_: [out,in,kh,kw] then bias[out]
    long out, in, kh, kw;
};

struct Layers {
    std::vector<ConvTarget> convs;
    std::vector<dlib::affine_*> affines;
    dlib::tensor* fc = nullptr;
};

// dlib copies visitors, so this one only points at what it fills.
struct Collector {
    Layers* layers;

    template <long nf, long nr, long nc, int sy, int sx, int py, int px>
    void operator()(dlib::con_<nf, nr, nc, sy, sx, py, px>& l) const {
        layers->convs.push_back(ConvTarget{&l.get_layer_params(), nf, 0, nr, nc});
    }
    void operator()(dlib::affine_& l) const { layers->affines.push_back(&l); }
    template <unsigned long n, dlib::fc_bias_mode m>
    void operator()(dlib::fc_<n, m>& l) const { layers->fc = &l.get_layer_params(); }
    template <typename T>
    void operator()(T&) const {}
};

struct MakeConvAffine {
    void operator()(dlib::affine_& l) const { l = dlib::affine_(dlib::CONV_MODE); }
    template <typename T>
    void operator()(T&) const {}
};

inline void write_face_resnet(const float* params, long count, const char* out_path) {
    nets::anet_type net;
    dlib::visit_computational_layers(net, MakeConvAffine());
    {   // parameters are allocated by the first forward pass
        std::vector<dlib::matrix<dlib::rgb_pixel>> dummy(1);
        dummy[0].set_size(FaceEncoder::kChipSize, FaceEncoder::kChipSize);
        dummy[0] = dlib::rgb_pixel(128, 128, 128);
        net(dummy);
    }
    Layers c;
    dlib::visit_computational_layers(net, Collector{&c});
    // visiting goes from the output to the input; the export is input first
    std::reverse(c.convs.begin(), c.convs.end());
    std::reverse(c.affines.begin(), c.affines.end());
    if (c.convs.size() != 29 || c.affines.size() != 29 || c.fc == nullptr)
        throw std::runtime_error("unexpected face ResNet layout");

    long expected = 0;
    for (ConvTarget& t : c.convs) {
        t.in = (static_cast<long>(t.params->size()) - t.out) / (t.out * t.kh * t.kw);
        expected += static_cast<long>(t.params->size()) + 2 * t.out;
    }
    expected += static_cast<long>(c.fc->size());
    if (count != expected)
        throw std::runtime_error("parameter count " + std::to_string(count) + " does not match the network (" +
                                 std::to_string(expected) + ")");

    const float* src = params;
    for (size_t i = 0; i < c.convs.size(); ++i) {
        const ConvTarget& t = c.convs[i];
        float* dst = t.params->host();
        for (long h = 0; h < t.kh; ++h)
            for (long w = 0; w < t.kw; ++w)
                for (long ci = 0; ci < t.in; ++ci)
                    for (long o = 0; o < t.out; ++o)
                        dst[((o * t.in + ci) * t.kh + h) * t.kw + w] = *src++;
        float* bias = dst + t.out * t.in * t.kh * t.kw;
        for (long o = 0; o < t.out; ++o) bias[o] = *src++;
        dlib::affine_& a = *c.affines[i];
        auto gamma = a.get_gamma();
        auto beta = a.get_beta();
        if (gamma.size() != static_cast<size_t>(t.out)) throw std::runtime_error("affine layer size mismatch");
        std::copy(src, src + t.out, gamma.host());
        src += t.out;
        std::copy(src, src + t.out, beta.host());
        src += t.out;
    }
    std::copy(src, src + c.fc->size(), c.fc->host());
    net.clean();
    dlib::serialize(out_path) << net;
}

}  // namespace convert

inline void convert_face_resnet(const float* params, long count, const char* out_path) {
    convert::write_face_resnet(params, count, out_path);
}

}  // namespace doorbell

#endif  // DOORBELL_DLIB_H
