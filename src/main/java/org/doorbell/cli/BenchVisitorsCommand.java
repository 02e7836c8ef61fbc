package org.doorbell.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.doorbell.appliance.ModelFingerprint;
import org.doorbell.bench.DoorstepVideo;
import org.doorbell.bench.IdentityScore;
import org.doorbell.bench.VisitorStream;
import org.doorbell.config.ConfigLoader;
import org.doorbell.config.DoorbellConfig;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.replay.Replay;
import org.doorbell.visitors.VisitorSettings;
import org.doorbell.visitors.VisitorStore;
import org.doorbell.visitors.store.VisitorStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code doorbell bench visitors}: identity at scale. Builds the doorbell and busy streams from a
 * folder of labelled photos and replays each through the reference rule and the gallery rule, the
 * two rules side by side on two threads with an engine each, every frame through the same path as
 * {@code run}.
 */
@Command(name = "visitors", mixinStandardHelpOptions = true,
        description = {"Identity at scale: replay visits of many people through the reference rule and the gallery rule.",
                "Streams (visits of 2 photos 0.2 s apart, 10 min between visits): doorbell = 20 regulars x 3 visits "
                        + "+ 100 strangers; busy = 100 regulars x 2 visits + 300 strangers."})
final class BenchVisitorsCommand implements Callable<Integer> {
    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    LabelledPhotosOption photos;

    @Option(names = "--seed", defaultValue = "2026", description = "Seed of the streams (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--streams", split = ",", defaultValue = "doorbell,busy",
            description = "Which streams (default: ${DEFAULT-VALUE}).")
    List<String> streams;

    @Option(names = "--mistakes", description = "Also list every false accept, missed return, visit without a visitor "
            + "and person under two or more visitor ids.")
    boolean mistakes;

    @Option(names = "--video", description = "Show each stream as a doorstep video and play it through the appliance's "
            + "live recognition (its threads, following, capture-order identity), every frame at its capture time.")
    boolean video;

    @Option(names = "--threads", split = ",", defaultValue = "1,2,3",
            description = "With --video: recognition threads, one run each (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--rules", split = ",", defaultValue = "reference,gallery",
            description = "Which rules (default: ${DEFAULT-VALUE}).")
    List<String> rules;

    @Option(names = "--frames-each", defaultValue = "9", description = "With --video: frames per photo (default: ${DEFAULT-VALUE}).")
    int framesEach;

    @Option(names = "--gap", defaultValue = "6", description = "With --video: empty frames between visits (default: ${DEFAULT-VALUE}).")
    int gap;

    @Option(names = "--face", defaultValue = "170", description = "With --video: face height in pixels (default: ${DEFAULT-VALUE}).")
    int face;

    @Option(names = "--drift", defaultValue = "2", description = "With --video: sideways drift per frame in pixels (default: ${DEFAULT-VALUE}).")
    double drift;

    @Option(names = "--fps", defaultValue = "15", description = "With --video: frames per second (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--size", defaultValue = "640x480", description = "With --video: frame size (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--walk-up", description = "With --video: each face grows from 60%% to its full height over the visit "
            + "and turns a little, as someone walking up to the door.")
    boolean walkUp;

    @Override
    public Integer call() throws Exception {
        DoorbellConfig config = new ConfigLoader().load(bench.root.config);
        Path peopleDir = photos.existing(spec);
        if (peopleDir == null) {
            return DoorbellCli.EXIT_SETUP;
        }
        TreeMap<String, List<Path>> people = VisitorStream.people(peopleDir);
        List<VisitorStream> built = new ArrayList<>();
        for (String s : streams) {
            VisitorStream.Shape shape = switch (s) {
                case "doorbell" -> VisitorStream.Shape.DOORBELL;
                case "busy" -> VisitorStream.Shape.BUSY;
                default -> throw new IllegalArgumentException("unknown stream \"" + s + "\" (doorbell or busy)");
            };
            built.add(VisitorStream.build(shape, people, seed));
        }
        VisitorSettings.Matching[] rules = this.rules.stream().map(r -> switch (r) {
            case "reference" -> VisitorSettings.Matching.REFERENCE;
            case "gallery" -> VisitorSettings.Matching.GALLERY;
            default -> throw new IllegalArgumentException("unknown rule \"" + r + "\" (reference or gallery)");
        }).toArray(VisitorSettings.Matching[]::new);
        if (video) {
            return new VideoVisitorsBench(config, spec.commandLine().getOut(), videoShape(), threads, mistakes)
                    .run(built, rules);
        }
        List<List<IdentityScore>> scores = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(rules.length);
        try {
            List<Future<List<IdentityScore>>> futures = new ArrayList<>();
            for (VisitorSettings.Matching rule : rules) {
                futures.add(pool.submit(() -> replayAll(config, rule, built)));
            }
            for (Future<List<IdentityScore>> f : futures) {
                scores.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        print(spec.commandLine().getOut(), built, rules, scores);
        if (mistakes) {
            for (int r = 0; r < rules.length; r++) {
                for (int s = 0; s < built.size(); s++) {
                    for (String m : scores.get(r).get(s).mistakes()) {
                        spec.commandLine().getOut().println(built.get(s).name() + " / " + rules[r].configName() + ": " + m);
                    }
                }
            }
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private DoorstepVideo.Shape videoShape() {
        String[] wh = size.split("x");
        if (wh.length != 2) {
            throw new IllegalArgumentException("--size must be WIDTHxHEIGHT, not \"" + size + "\"");
        }
        return new DoorstepVideo.Shape(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), fps, framesEach, gap, face, drift,
                walkUp);
    }

    private static List<IdentityScore> replayAll(DoorbellConfig config, VisitorSettings.Matching rule,
                                                 List<VisitorStream> streams) throws Exception {
        List<IdentityScore> out = new ArrayList<>();
        try (FaceEngine engine = DlibFaceEngine.open(config.faces())) {
            for (VisitorStream stream : streams) {
                Path dir = Files.createTempDirectory("doorbell-bench-");
                try (VisitorStore store = VisitorStores.open(dir.resolve("known_faces.db"),
                        ModelFingerprint.of(config.faces().models().recognition()))) {
                    Replay replay = new Replay(engine, store, config.visitors().withMatching(rule), config.recognition());
                    List<Replay.Result> results = new ArrayList<>();
                    long t0 = System.nanoTime();
                    replay.run(stream.frames(), results::add);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    out.add(IdentityScore.of(stream, results, replay.visitors().size(), seconds));
                } finally {
                    try (var files = Files.walk(dir)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
        }
        return out;
    }

    private static void print(PrintWriter out, List<VisitorStream> streams, VisitorSettings.Matching[] rules,
                              List<List<IdentityScore>> scores) {
        List<String> heads = new ArrayList<>();
        List<IdentityScore> cols = new ArrayList<>();
        for (int s = 0; s < streams.size(); s++) {
            for (int r = 0; r < rules.length; r++) {
                heads.add(streams.get(s).name() + " / " + rules[r].configName());
                cols.add(scores.get(r).get(s));
            }
        }
        StringBuilder h = new StringBuilder(String.format("%-34s", ""));
        heads.forEach(x -> h.append(String.format(" %20s", x)));
        out.println(h);
        row(out, "people", cols, c -> Integer.toString(c.people()));
        row(out, "visitors", cols, c -> Integer.toString(c.visitors()));
        row(out, "  of them on the visits' own faces", cols, c -> Integer.toString(c.ownVisitors()));
        row(out, "visitors holding 2+ people", cols, c -> Integer.toString(c.mergedVisitors()));
        row(out, "false accepts (first visits)", cols,
                c -> String.format("%.2f%% (%d)", 100 * c.falseAcceptRate(), c.falseAccepts()));
        row(out, "returning recognised", cols,
                c -> String.format("%.1f%% (%d/%d)", 100 * c.returningRecognised(), c.returnsRecognised(), c.returnVisits()));
        row(out, "visits with no visitor", cols,
                c -> String.format("%.2f%% (%d)", 100 * c.noVisitorRate(), c.noVisitor()));
        row(out, "replay speed (frames/s)", cols, c -> String.format("%.1f", c.framesPerSecond()));
        out.flush();
    }

    private static void row(PrintWriter out, String name, List<IdentityScore> cols,
                            java.util.function.Function<IdentityScore, String> cell) {
        StringBuilder b = new StringBuilder(String.format("%-34s", name));
        cols.forEach(c -> b.append(String.format(" %20s", cell.apply(c))));
        out.println(b);
    }
}
