// Native side of `doorbell bench faces`: times the same facade calls as the
// Java engine, on the same pixels, without the JVM.
//
// usage: doorbell-bench-native FULL.png QUARTER.png RUNS UPSAMPLE LANDMARKS.dat RESNET.dat
// prints one JSON object of raw samples in milliseconds:
//   {"detect_full":[...],"detect_quarter":[...],"landmarks":[...],"descriptor":[...],"faces":N}
// landmarks and descriptor samples are per face (time for all faces / N).
#include "doorbell_dlib.h"

#include <dlib/image_io.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace {

struct Image {
    dlib::array2d<dlib::bgr_pixel> pixels;
    const unsigned char* data() const { return reinterpret_cast<const unsigned char*>(dlib::image_data(pixels)); }
    int rows() const { return static_cast<int>(pixels.nr()); }
    int cols() const { return static_cast<int>(pixels.nc()); }
    long step() const { return dlib::width_step(pixels); }
};

double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void print(const char* name, const std::vector<double>& v, bool last) {
    std::printf("\"%s\":[", name);
    for (size_t i = 0; i < v.size(); ++i) std::printf(i ? ",%.4f" : "%.4f", v[i]);
    std::printf(last ? "]" : "],");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 7) {
        std::cerr << "usage: " << argv[0] << " FULL.png QUARTER.png RUNS UPSAMPLE LANDMARKS.dat RESNET.dat\n";
        return 2;
    }
    try {
        Image full, quarter;
        dlib::load_image(full.pixels, argv[1]);
        dlib::load_image(quarter.pixels, argv[2]);
        const int runs = std::atoi(argv[3]);
        const int upsample = std::atoi(argv[4]);
        doorbell::HogDetector hog;
        doorbell::ShapePredictor sp(argv[5]);
        doorbell::FaceEncoder enc(argv[6]);
        const int parts = sp.num_parts();

        std::vector<int> boxes(4 * 64);
        std::vector<double> det_full, det_quarter, landmarks, descriptor;
        int faces = 0;
        const int warmup = 2;
        for (int run = -warmup; run < runs; ++run) {
            auto t0 = std::chrono::steady_clock::now();
            faces = std::min(64, hog.detect(full.data(), full.rows(), full.cols(), full.step(), upsample, boxes.data(), 64));
            const double d_full = ms_since(t0);

            t0 = std::chrono::steady_clock::now();
            hog.detect(quarter.data(), quarter.rows(), quarter.cols(), quarter.step(), upsample, nullptr, 0);
            const double d_quarter = ms_since(t0);

            std::vector<int> points(2 * parts * std::max(1, faces));
            t0 = std::chrono::steady_clock::now();
            for (int i = 0; i < faces; ++i)
                sp.predict(full.data(), full.rows(), full.cols(), full.step(), &boxes[4 * i], &points[2 * parts * i]);
            const double lm = ms_since(t0);

            std::vector<float> out(128 * std::max(1, faces));
            t0 = std::chrono::steady_clock::now();
            enc.encode(full.data(), full.rows(), full.cols(), full.step(), faces, boxes.data(), points.data(), parts, 1, out.data());
            const double de = ms_since(t0);

            if (run < 0) continue;
            det_full.push_back(d_full);
            det_quarter.push_back(d_quarter);
            if (faces > 0) {
                landmarks.push_back(lm / faces);
                descriptor.push_back(de / faces);
            }
        }
        std::printf("{");
        print("detect_full", det_full, false);
        print("detect_quarter", det_quarter, false);
        print("landmarks", landmarks, false);
        print("descriptor", descriptor, false);
        std::printf("\"faces\":%d}\n", faces);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
}
