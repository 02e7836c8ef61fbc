// The boxes dlib's Python API gives for dlib.get_frontal_face_detector()(img, N)
// on an RGB image, as face_recognition calls it: the rgb_pixel branch of
// run_detector_with_upscale1 in dlib's tools/python/src/simple_object_detector_py.h
// (dlib 19.24), step for step, on the pixels of PNG files. It shares no code with
// src/main/cpp/doorbell_dlib.h, so tests can hold the JNI engine to it.
//
// usage: python-api-boxes UPSAMPLE IMAGE.png...
// prints one line per image: the path, a tab, then each box as top,right,bottom,left
// (face_recognition's css order, before its trim to the image), separated by spaces.
#include <dlib/image_io.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_transforms.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <vector>

namespace {

std::vector<dlib::rectangle> detect_as_python(dlib::frontal_face_detector& detector,
                                              const dlib::array2d<dlib::rgb_pixel>& img,
                                              unsigned int upsampling_amount) {
    dlib::pyramid_down<2> pyr;
    std::vector<dlib::rect_detection> rect_detections;
    const double adjust_threshold = 0.0;
    if (upsampling_amount == 0) {
        detector(img, rect_detections, adjust_threshold);
    } else {
        dlib::array2d<dlib::rgb_pixel> temp;
        dlib::pyramid_up(img, temp, pyr);
        unsigned int levels = upsampling_amount - 1;
        while (levels > 0) {
            levels--;
            dlib::pyramid_up(temp);
        }
        detector(temp, rect_detections, adjust_threshold);
        for (unsigned long i = 0; i < rect_detections.size(); ++i)
            rect_detections[i].rect = pyr.rect_down(rect_detections[i].rect, upsampling_amount);
    }
    std::vector<dlib::rectangle> rectangles;
    for (const auto& d : rect_detections) rectangles.push_back(d.rect);
    return rectangles;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: python-api-boxes UPSAMPLE IMAGE.png...\n");
        return 2;
    }
    try {
        const unsigned int upsample = static_cast<unsigned int>(std::atoi(argv[1]));
        dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
        for (int i = 2; i < argc; ++i) {
            dlib::array2d<dlib::rgb_pixel> img;
            dlib::load_png(img, argv[i]);
            std::printf("%s\t", argv[i]);
            const char* sep = "";
            for (const dlib::rectangle& r : detect_as_python(detector, img, upsample)) {
                std::printf("%s%ld,%ld,%ld,%ld", sep, r.top(), r.right(), r.bottom(), r.left());
                sep = " ";
            }
            std::printf("\n");
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "python-api-boxes: %s\n", e.what());
        return 1;
    }
    return 0;
}
