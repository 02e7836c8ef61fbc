package org.doorbell.recognition.detect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.image.ImageFiles;
import org.doorbell.recognition.RecognitionSettings;
import org.doorbell.testing.Scenes;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** The quality gate passes real faces and stops small or blurred ones. */
class FaceQualityTest {
    @Test
    void sharpPhotosPassAndBlurredOrSmallFacesDoNot() throws Exception {
        RecognitionSettings d = RecognitionSettings.DEFAULTS;
        FaceQuality quality = new FaceQuality(d.minFacePixels(), d.minSharpness());
        List<Double> sharp = new ArrayList<>();
        List<Double> blurred = new ArrayList<>();
        try (FaceEngine engine = DlibFaceEngine.open(TestFaces.settings())) {
            for (List<Path> photos : TestFaces.people().values()) {
                for (Path photo : photos) {
                    Mat image = ImageFiles.readBgr(photo);
                    Mat blur = new Mat();
                    try {
                        List<FaceBox> boxes = engine.detect(image, 0);
                        if (boxes.isEmpty() || boxes.get(0).height() < d.minFacePixels()) {
                            continue;
                        }
                        FaceBox box = boxes.get(0).clippedTo(image.cols(), image.rows());  // as ScaledDetector gives it
                        sharp.add(quality.sharpness(image, box));
                        double sigma = box.height() / 25.0;  // a face smeared by motion or focus
                        Imgproc.GaussianBlur(image, blur, new Size(0, 0), sigma);
                        blurred.add(quality.sharpness(blur, box));
                        assertFalse(quality.recognisable(blur, box), photo + " blurred still passes");
                    } finally {
                        image.release();
                        blur.release();
                    }
                }
            }
        }
        long pass = sharp.stream().filter(s -> s >= d.minSharpness()).count();
        Collections.sort(sharp);
        Collections.sort(blurred);
        System.out.printf("face quality: %d/%d photo faces pass sharpness %.0f (lowest %.1f, median %.1f); "
                        + "blurred copies: highest %.1f%n", pass, sharp.size(), d.minSharpness(), sharp.get(0),
                sharp.get(sharp.size() / 2), blurred.get(blurred.size() - 1));
        assertTrue(pass >= sharp.size() * 0.95, pass + "/" + sharp.size());
        assertTrue(new FaceQuality(d.minFacePixels(), 0).recognisable(Scenes.empty(200, 200), new FaceBox(0, 99, 99, 0)));
        assertFalse(new FaceQuality(d.minFacePixels(), 0).recognisable(Scenes.empty(200, 200), new FaceBox(0, 49, 49, 0)));
    }
}
