package org.doorbell.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.doorbell.bench.VisitorStream;
import org.doorbell.config.ConfigLoader;
import org.doorbell.face.Face;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.image.ImageFiles;
import org.doorbell.image.ImageReadException;
import org.opencv.core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code doorbell bench pairs}: where a fixed face-distance threshold sits on a crowd of labelled
 * photos. Encodes the face nearest the centre of every photo, compares every pair, and prints per
 * threshold the share of same-person pairs below it, of different-person pairs below it, and the
 * chance that a stranger falls below it for at least one of N visitors.
 */
@Command(name = "pairs", mixinStandardHelpOptions = true,
        description = "Same-person and different-person face distances over every pair of a folder of labelled photos.")
final class BenchPairsCommand implements Callable<Integer> {
    private static final double[] THRESHOLDS = {0.4, 0.45, 0.5, 0.55, 0.6, 0.65};

    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    LabelledPhotosOption photos;

    @Override
    public Integer call() throws Exception {
        Path peopleDir = photos.existing(spec);
        if (peopleDir == null) {
            return DoorbellCli.EXIT_SETUP;
        }
        var faces = new ConfigLoader().faceSettings(bench.root.config);
        TreeMap<String, List<Path>> people = VisitorStream.people(peopleDir);
        List<Path> photos = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int person = 0;
        for (Map.Entry<String, List<Path>> e : people.entrySet()) {
            for (Path p : e.getValue()) {
                photos.add(p);
                labels.add(person);
            }
            person++;
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        double[][] encodings = new double[photos.size()][];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                jobs.add(pool.submit(() -> {
                    try (FaceEngine engine = DlibFaceEngine.open(faces)) {
                        for (int i = first; i < photos.size(); i += threads) {
                            encodings[i] = centralFace(engine, photos.get(i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long[] sameBelow = new long[THRESHOLDS.length];
        long[] diffBelow = new long[THRESHOLDS.length];
        long same = 0;
        long diff = 0;
        int encoded = 0;
        for (int i = 0; i < photos.size(); i++) {
            if (encodings[i] == null) {
                continue;
            }
            encoded++;
            for (int j = i + 1; j < photos.size(); j++) {
                if (encodings[j] == null) {
                    continue;
                }
                double sum = 0;
                for (int k = 0; k < 128; k++) {
                    double d = encodings[i][k] - encodings[j][k];
                    sum += d * d;
                }
                double d = Math.sqrt(sum);
                boolean samePerson = labels.get(i).equals(labels.get(j));
                if (samePerson) {
                    same++;
                } else {
                    diff++;
                }
                for (int t = 0; t < THRESHOLDS.length; t++) {
                    if (d < THRESHOLDS[t]) {
                        if (samePerson) {
                            sameBelow[t]++;
                        } else {
                            diffBelow[t]++;
                        }
                    }
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d photos with a face of %d, %d people; %d same-person pairs, %d different-person pairs%n",
                encoded, photos.size(), people.size(), same, diff);
        out.printf("%-9s %22s %26s %24s %24s%n", "distance", "same person below", "different people below",
                "stranger matches 1 of 100", "stranger matches 1 of 400");
        for (int t = 0; t < THRESHOLDS.length; t++) {
            double far = diff == 0 ? 0 : (double) diffBelow[t] / diff;
            String farCell = String.format("%.4f%% (1 in %,.0f)", 100 * far, far == 0 ? Double.POSITIVE_INFINITY : 1 / far);
            out.printf("< %-7.2f %21.2f%% %26s %23.1f%% %23.1f%%%n", THRESHOLDS[t],
                    same == 0 ? 0 : 100.0 * sameBelow[t] / same, farCell,
                    100 * (1 - Math.pow(1 - far, 100)), 100 * (1 - Math.pow(1 - far, 400)));
        }
        out.flush();
        return 0;
    }

    private static double[] centralFace(FaceEngine engine, Path photo) {
        Mat image;
        try {
            image = ImageFiles.readBgr(photo);
        } catch (ImageReadException e) {
            return null;
        }
        try {
            Face best = null;
            double bestD = Double.POSITIVE_INFINITY;
            for (Face f : engine.faces(image)) {
                double cx = (f.box().left() + f.box().right()) / 2.0 - image.cols() / 2.0;
                double cy = (f.box().top() + f.box().bottom()) / 2.0 - image.rows() / 2.0;
                if (cx * cx + cy * cy < bestD) {
                    bestD = cx * cx + cy * cy;
                    best = f;
                }
            }
            return best == null ? null : best.encoding().toArray();
        } finally {
            image.release();
        }
    }
}
