package org.doorbell.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.doorbell.appliance.ModelFingerprint;
import org.doorbell.bench.DoorstepVideo;
import org.doorbell.bench.FreeRun;
import org.doorbell.bench.IdentityScore;
import org.doorbell.bench.VideoScore;
import org.doorbell.bench.VisitorStream;
import org.doorbell.config.DoorbellConfig;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.identity.TrackOutcome;
import org.doorbell.visitors.VisitorSettings;
import org.doorbell.visitors.VisitorStore;
import org.doorbell.visitors.store.VisitorStores;

/**
 * {@code bench visitors --video}: each stream shown as a doorstep video and played through the
 * appliance's live recognition ({@link FreeRun}: the recognition threads, face following and
 * capture-order identity of {@code run}, every frame at its capture time, none dropped), for each
 * rule and thread count, one after the other on a fresh store each.
 */
final class VideoVisitorsBench {
    private final DoorbellConfig config;
    private final PrintWriter out;
    private final DoorstepVideo.Shape shape;
    private final List<Integer> threads;
    private final boolean mistakes;

    VideoVisitorsBench(DoorbellConfig config, PrintWriter out, DoorstepVideo.Shape shape, List<Integer> threads,
                       boolean mistakes) {
        this.config = config;
        this.out = out;
        this.shape = shape;
        this.threads = threads;
        this.mistakes = mistakes;
    }

    int run(List<VisitorStream> streams, VisitorSettings.Matching[] rules) throws Exception {
        List<String> heads = new ArrayList<>();
        List<VideoScore> scores = new ArrayList<>();
        try (FaceEngine engine = DlibFaceEngine.open(config.faces())) {
            for (VisitorStream stream : streams) {
                DoorstepVideo video = new DoorstepVideo(stream, shape, engine);
                try {
                    for (VisitorSettings.Matching rule : rules) {
                        for (int n : threads) {
                            heads.add(stream.name() + "/" + rule.configName() + "/" + n + "t");
                            scores.add(play(engine, video, rule, n));
                        }
                    }
                } finally {
                    video.release();
                }
            }
        }
        out.printf("video: %dx%d at %.0f fps, %d frames a photo, %d empty between visits, face %d px, drift %.1f px/frame%s%n",
                shape.width(), shape.height(), shape.fps(), shape.framesEach(), shape.gap(), shape.faceHeight(), shape.drift(),
                shape.walkUp() ? ", walking up (60% to 100%, turning 6 degrees)" : "");
        StringBuilder h = new StringBuilder(String.format("%-34s", ""));
        heads.forEach(x -> h.append(String.format(" %22s", x)));
        out.println(h);
        row(out, "people", scores, c -> Integer.toString(c.identity().people()));
        row(out, "visitors", scores, c -> Integer.toString(c.identity().visitors()));
        row(out, "  of them on the visits' own faces", scores, c -> Integer.toString(c.identity().ownVisitors()));
        row(out, "visitors holding 2+ people", scores, c -> Integer.toString(c.identity().mergedVisitors()));
        row(out, "ids shown on 2+ people", scores, c -> Integer.toString(c.idsOnTwoPeople()));
        row(out, "false accepts (first visits)", scores,
                c -> String.format("%.2f%% (%d)", 100 * c.identity().falseAcceptRate(), c.identity().falseAccepts()));
        row(out, "returning recognised", scores, c -> String.format("%.1f%% (%d/%d)", 100 * c.identity().returningRecognised(),
                c.identity().returnsRecognised(), c.identity().returnVisits()));
        row(out, "visits with no visitor", scores,
                c -> String.format("%.2f%% (%d)", 100 * c.identity().noVisitorRate(), c.identity().noVisitor()));
        row(out, "visit frames with the face found", scores, c -> String.format("%.1f%%", 100 * c.foundShare()));
        row(out, "face frames \"Not sure yet\"", scores, c -> String.format("%.1f%%", 100 * c.unsureShare()));
        row(out, "first label, new: p50 / p90 s", scores, c -> String.format("%.2f / %.2f",
                VideoScore.quantile(c.newLabelS(), 0.5), VideoScore.quantile(c.newLabelS(), 0.9)));
        row(out, "first label, returning: p50 / p90 s", scores, c -> String.format("%.2f / %.2f",
                VideoScore.quantile(c.returningLabelS(), 0.5), VideoScore.quantile(c.returningLabelS(), 0.9)));
        row(out, "visits never labelled", scores, c -> Integer.toString(c.undecided()));
        row(out, "frames/s (free-running)", scores, c -> String.format("%.1f", c.identity().framesPerSecond()));
        if (mistakes) {
            for (int i = 0; i < scores.size(); i++) {
                for (String m : scores.get(i).identity().mistakes()) {
                    out.println(heads.get(i) + ": " + m);
                }
            }
        }
        out.flush();
        return 0;
    }

    private VideoScore play(FaceEngine engine, DoorstepVideo video, VisitorSettings.Matching rule, int threads)
            throws Exception {
        Path dir = Files.createTempDirectory("doorbell-bench-");
        try (VisitorStore store = VisitorStores.open(dir.resolve("known_faces.db"),
                ModelFingerprint.of(config.faces().models().recognition()))) {
            Map<Long, TrackOutcome> outcomes = new ConcurrentHashMap<>();
            FreeRun.Result run = FreeRun.run(engine, store, config.visitors().withMatching(rule), config.recognition(),
                    video, shape.fps(), threads, o -> outcomes.put(o.trackId(), o));
            return VideoScore.of(video, run, outcomes, run.visitors());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void row(PrintWriter out, String name, List<VideoScore> cols,
                            java.util.function.Function<VideoScore, String> cell) {
        StringBuilder b = new StringBuilder(String.format("%-34s", name));
        cols.forEach(c -> b.append(String.format(" %22s", cell.apply(c))));
        out.println(b);
    }
}
