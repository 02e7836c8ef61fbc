package org.doorbell.face.dlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEngine;
import org.doorbell.image.ImageFiles;
import org.doorbell.testing.PythonApiBoxes;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The HOG engine's boxes are the ones dlib's Python API gives ({@code
 * dlib.get_frontal_face_detector()(rgb, N)}, as face_recognition calls it), pixel for pixel, also
 * after upsampling: on real photos against python-api-boxes (src/test/cpp), which runs the Python
 * binding's detection path in plain C++ on the same pixels.
 */
class PythonApiBoxesTest {
    /** Small photos, so that two upsamples stay quick; several faces are found only after upsampling. */
    private static final List<String> PHOTOS = List.of("groups/voc_2008_002079.jpg", "groups/voc_2007_007763.jpg",
            "groups/bbt3.jpg", "angelina_jolie/img10.jpg", "jack_dorsey/img16.jpg", "jim_parsons/sheldon1.png");

    private static FaceEngine engine;

    @BeforeAll
    static void open() {
        engine = DlibFaceEngine.open(TestFaces.settings());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void sameBoxesAsDlibsPythonApiOnRealPhotos(@TempDir Path tmp) throws Exception {
        Map<Path, List<List<FaceBox>>> engineBoxes = new LinkedHashMap<>();  // per photo, per upsample 0-2
        Map<Path, int[]> sizes = new LinkedHashMap<>();
        for (String name : PHOTOS) {
            Mat image = ImageFiles.readBgr(TestFaces.file(name));
            try {
                Path png = tmp.resolve(name.replace('/', '_') + ".png");
                assertTrue(Imgcodecs.imwrite(png.toString(), image), "writing " + png);
                List<List<FaceBox>> byUpsample = new ArrayList<>();
                for (int upsample = 0; upsample <= 2; upsample++) {
                    byUpsample.add(engine.detect(image, upsample));
                }
                engineBoxes.put(png, byUpsample);
                sizes.put(png, new int[] {image.cols(), image.rows()});
            } finally {
                image.release();
            }
        }
        int upsampledFaces = 0;
        for (int upsample = 0; upsample <= 2; upsample++) {
            Map<Path, List<FaceBox>> reference = PythonApiBoxes.of(upsample, List.copyOf(engineBoxes.keySet()));
            for (Map.Entry<Path, List<List<FaceBox>>> e : engineBoxes.entrySet()) {
                int[] size = sizes.get(e.getKey());
                // trimmed as face_recognition trims them: right and bottom at most width and height
                List<FaceBox> expected = reference.get(e.getKey()).stream().map(b -> b.trimmedTo(size[0], size[1]))
                        .filter(b -> b.width() > 0 && b.height() > 0).toList();
                List<FaceBox> actual = e.getValue().get(upsample);
                assertEquals(expected, actual, e.getKey().getFileName() + " with upsample " + upsample);
                upsampledFaces += upsample > 0 ? actual.size() : 0;
            }
        }
        System.out.printf("python API boxes: %d photos, upsample 0-2, %d upsampled faces, all equal%n", PHOTOS.size(),
                upsampledFaces);
        assertTrue(upsampledFaces >= 20, "too few upsampled faces to compare: " + upsampledFaces);
    }
}
