package org.doorbell.face.dlib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.doorbell.face.Face;
import org.doorbell.face.FaceEngine;
import org.doorbell.image.ImageFiles;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

/** One engine shared by several threads gives exactly what it gives to one. */
class ThreadSafetyTest {
    @Test
    void concurrentCallsOnOneEngineGiveTheSingleThreadedResults() throws Exception {
        List<Path> photos = List.of(TestFaces.file("groups/bbt2.jpg"), TestFaces.images("john_savage").get(0),
                TestFaces.file("angelina_jolie/img10.jpg"), TestFaces.images("jim_parsons").get(0));
        try (FaceEngine engine = DlibFaceEngine.open(TestFaces.settings())) {
            List<List<Face>> expected = new ArrayList<>();
            for (Path p : photos) {
                expected.add(faces(engine, p));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<Face>>> results = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    Path p = photos.get(i % photos.size());
                    results.add(pool.submit(() -> faces(engine, p)));
                }
                for (int i = 0; i < results.size(); i++) {
                    assertEquals(expected.get(i % photos.size()), results.get(i).get(), "call " + i);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static List<Face> faces(FaceEngine engine, Path photo) throws Exception {
        Mat image = ImageFiles.readBgr(photo);
        try {
            return engine.faces(image);
        } finally {
            image.release();
        }
    }
}
